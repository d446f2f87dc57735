/// Key/value pairs and table headers: where each value goes in the document's tables.
extension TOMLReader {
  /// `key = value` into table `table`; `depth` counts the arrays and inline tables around it.
  @discardableResult
  mutating func readKeyValue(into table: Int, depth: Int = 0) throws -> (
    key: Key, valueRange: Range<Int>
  ) {
    let key = try readKey()
    skipWhitespace()
    guard peek() == UInt8(ascii: "=") else {
      throw error("expected `=` after the key `\(dotted(key))`, found \(describeHere())", at: index)
    }
    index += 1
    skipWhitespace()
    let valueStart = index
    let value = try readValue(depth: depth)
    try insert(value, at: key, into: table)
    return (key, valueStart..<index)
  }

  private mutating func insert(_ value: consuming TOMLValue, at key: Key, into base: Int) throws {
    var table = base
    for offset in 0..<(key.count - 1) {
      let part = key[offset]
      let (found, made) = arena.findOrMakeTable(part, in: table, origin: .dotted)
      if let made {
        table = made
        continue
      }
      let existing = arena.entry(found, of: table)
      switch arena.link(found, of: table) {
      case .table(let inner) where arena.origin(of: inner) == .dotted:
        table = inner
      case .table:
        throw error(
          "cannot add keys to table `\(part.name)` with a dotted key: it is defined by a [table] header at \(existing.keyPosition.map(\.description) ?? "?")",
          at: part.position.offset)
      case .arrayOfTables:
        throw error(
          "cannot add keys to the array of tables `\(part.name)` with a dotted key",
          at: part.position.offset)
      case .value:
        let what =
          existing.value.tableValue != nil
          ? "an inline table, which cannot be extended" : "a \(existing.value.typeName)"
        throw error(
          "key `\(part.name)` is already \(what) (defined at \(place(existing)))",
          at: part.position.offset)
      }
    }
    let last = key.last
    if let found = arena.find(last.name, in: table) {
      throw error(
        "duplicate key `\(last.name)` (first defined at \(place(arena.entry(found, of: table))))",
        at: last.position.offset)
    }
    arena.add(last.name, value, keyPosition: last.position, to: table)
  }

  private func place(_ entry: TOMLTable.Entry) -> String {
    entry.keyPosition.map(\.description) ?? "?"
  }

  // MARK: - Table headers

  /// `[a.b]` or `[[a.b]]`: makes or reopens the table that key/value lines go into next.
  mutating func readHeader() throws -> (key: Key, isArray: Bool) {
    let start = index
    let headerPosition = position(at: start)
    index += 1
    let isArray = peek() == UInt8(ascii: "[")
    if isArray { index += 1 }
    let key = try readKey()
    skipWhitespace()
    guard peek() == UInt8(ascii: "]") else {
      throw error("expected `]` to close the table header, found \(describeHere())", at: index)
    }
    index += 1
    if isArray {
      guard peek() == UInt8(ascii: "]") else {
        throw error("expected `]]` to close the array-of-tables header", at: index)
      }
      index += 1
    }

    var table = root
    for offset in 0..<(key.count - 1) {
      let part = key[offset]
      let (found, made) = arena.findOrMakeTable(part, in: table, origin: .implicit)
      if let made {
        table = made
        continue
      }
      switch arena.link(found, of: table) {
      case .table(let inner): table = inner
      case .arrayOfTables(let array): table = arena.lastTable(of: array)
      case .value:
        let existing = arena.entry(found, of: table)
        let what =
          existing.value.tableValue != nil
          ? "an inline table, which cannot be extended"
          : "a \(existing.value.typeName), not a table"
        throw error(
          "key `\(part.name)` is \(what) (defined at \(place(existing)))",
          at: part.position.offset)
      }
    }

    let last = key.last
    let found = arena.find(last.name, in: table)
    if isArray {
      let element = arena.makeTable(.header, at: headerPosition)
      if let found {
        guard case .arrayOfTables(let array) = arena.link(found, of: table) else {
          throw error(
            "cannot define [[\(dotted(key))]]: `\(last.name)` is already defined at \(place(arena.entry(found, of: table))) and is not an array of tables",
            at: last.position.offset)
        }
        arena.appendElement(element, to: array)
      } else {
        arena.addArray(last.name, first: element, keyPosition: last.position, to: table)
      }
      current = element
      return (key, true)
    }

    if let found {
      guard case .table(let inner) = arena.link(found, of: table),
        arena.origin(of: inner) == .implicit
      else {
        throw error(
          "table [\(dotted(key))] is already defined at \(place(arena.entry(found, of: table)))",
          at: last.position.offset)
      }
      arena.define(inner, at: headerPosition)
      current = inner
    } else {
      let made = arena.makeTable(.header, at: headerPosition)
      arena.add(last.name, table: made, keyPosition: last.position, to: table)
      current = made
    }
    return (key, false)
  }

  func dotted(_ key: Key) -> String {
    key.all.map { part in
      part.name.allSatisfy({ $0.isASCII && isBareKeyByte($0.asciiValue ?? 0) })
        && !part.name.isEmpty
        ? part.name : "\"\(part.name)\""
    }.joined(separator: ".")
  }
}
