/// A TOML document kept as its original text, edited in place.
///
/// `set` and `remove` change only the lines that hold the edited key (or add new
/// lines where the key belongs), so comments, blank lines, order and formatting of
/// everything else stay exactly as the user wrote them. Every edit is checked by
/// parsing the result; an edit that would make the document invalid throws and
/// leaves the document unchanged.
public struct TOMLDocument: Sendable {
  /// The document's text, with every edit made so far.
  public private(set) var text: String
  /// The TOML version the text is read as.
  public let version: TOMLVersion
  /// The name errors carry.
  public let sourceName: String
  /// The parsed values of `text`.
  public private(set) var table: TOMLTable
  private var statements: [TOMLStatement]

  /// Reads `text`; invalid TOML is a `TOMLError`, so only valid documents are edited.
  public init(text: String, version: TOMLVersion = .v1_0, sourceName: String = "") throws {
    self.version = version
    self.sourceName = sourceName
    self.text = text
    (table, statements) = try Self.analyse(
      Array(text.utf8), version: version, sourceName: sourceName)
  }

  /// Splits a dotted key as TOML writes it: `projects."/home/a b".trust_level`.
  public static func parseKeyPath(_ text: String) throws -> [String] {
    var reader = TOMLReader(bytes: Array(text.utf8), version: .v1_1, sourceName: "key")
    let parts = try reader.readKey()
    reader.skipWhitespace()
    guard reader.atEnd else {
      throw reader.error(
        "unexpected \(reader.describeHere()) in key path `\(text)`", at: reader.index)
    }
    return parts.map(\.name)
  }

  private static func analyse(
    _ bytes: [UInt8], version: TOMLVersion, sourceName: String
  ) throws -> (TOMLTable, [TOMLStatement]) {
    var reader = TOMLReader(bytes: bytes, version: version, sourceName: sourceName)
    reader.statements = []
    let table = try reader.readDocument()
    return (table, reader.statements ?? [])
  }

  // MARK: - Sections

  /// A statement together with the table header it stands under.
  struct Located {
    var statement: TOMLStatement
    var section: [String]
    var inArray: Bool
    var fullPath: [String] {
      switch statement.kind {
      case .header(let path, _): return path
      case .keyValue(let key): return section + key
      }
    }
    var isKeyValue: Bool {
      if case .keyValue = statement.kind { return true }
      return false
    }
  }

  var located: [Located] {
    var section: [String] = []
    var inArray = false
    return statements.map { statement in
      if case .header(let path, let isArray) = statement.kind {
        section = path
        inArray = isArray
      }
      return Located(statement: statement, section: section, inArray: inArray)
    }
  }

  // MARK: - Editing

  /// Sets the value at `path`, replacing an existing value in place or adding a line
  /// where the key belongs (a new `[table]` section at the end when none fits).
  public mutating func set(_ path: [String], to value: TOMLValue) throws {
    guard let last = path.last else { throw editError("an empty key path cannot be set") }
    let parent = Array(path.dropLast())
    try checkReachable(parent)
    let lines = located.filter { !$0.inArray }
    var bytes = Array(text.utf8)

    for line in lines where line.isKeyValue {
      guard let range = line.statement.valueRange else { continue }
      let full = line.fullPath
      if full == path {
        if value.tableValue != nil, table[path: path]?.tableValue != nil,
          !isInlineText(bytes, range)
        {
          break  // a table made by dotted keys: replace it as a whole below
        }
        bytes.replaceSubrange(range, with: Array(TOMLEncoder.inlineText(value).utf8))
        try commit(bytes)
        return
      }
      if path.starts(with: full), isInlineText(bytes, range), let inline = table[path: full] {
        let updated = try setting(Array(path.dropFirst(full.count)), to: value, in: inline)
        bytes.replaceSubrange(range, with: Array(TOMLEncoder.inlineText(updated).utf8))
        try commit(bytes)
        return
      }
    }

    if table[path: path] != nil {
      try remove(path)
      return try set(path, to: value)
    }

    let newLine = Array((TOMLEncoder.key(last) + " = " + TOMLEncoder.inlineText(value) + "\n").utf8)
    if let header = lines.last(where: {
      if case .header(let p, false) = $0.statement.kind { return p == parent }
      return false
    }) {
      let section = lines.filter { $0.section == parent && !$0.inArray }
      insert(newLine, after: section.last?.statement ?? header.statement, into: &bytes)
      try commit(bytes)
      return
    }
    if parent.isEmpty {
      if let lastRootPair = lines.last(where: { $0.section.isEmpty && $0.isKeyValue }) {
        insert(newLine, after: lastRootPair.statement, into: &bytes)
      } else if let firstHeader = statements.first {
        bytes.insert(contentsOf: newLine + [0x0A], at: firstHeader.lineRange.lowerBound)
      } else {
        appendSeparated(newLine, to: &bytes, blankLine: false)
      }
      try commit(bytes)
      return
    }
    // The parent exists through dotted keys: add another dotted key next to them.
    let dotted = lines.filter {
      $0.isKeyValue && $0.fullPath.starts(with: parent) && $0.fullPath.count > parent.count
    }
    if let anchor = dotted.last {
      let relative = Array(path.dropFirst(anchor.section.count))
      let pair = Array(
        (TOMLEncoder.dottedKey(relative) + " = " + TOMLEncoder.inlineText(value) + "\n").utf8)
      insert(pair, after: anchor.statement, into: &bytes)
      try commit(bytes)
      return
    }
    let section = Array(("[" + TOMLEncoder.dottedKey(parent) + "]\n").utf8) + newLine
    appendSeparated(section, to: &bytes, blankLine: true)
    try commit(bytes)
  }

  /// Removes the key at `path` (a value, or a whole table with its sub-tables).
  /// Returns false when there was nothing to remove.
  @discardableResult
  public mutating func remove(_ path: [String]) throws -> Bool {
    guard !path.isEmpty else { throw editError("an empty key path cannot be removed") }
    var bytes = Array(text.utf8)
    var doomed: [Range<Int>] = []
    let all = located
    for (i, line) in all.enumerated() {
      let full = line.fullPath
      if line.isKeyValue, let range = line.statement.valueRange, path.starts(with: full),
        full != path,
        !line.inArray, isInlineText(bytes, range), let inline = table[path: full]
      {
        let updated = try removing(Array(path.dropFirst(full.count)), from: inline)
        bytes.replaceSubrange(range, with: Array(TOMLEncoder.inlineText(updated).utf8))
        try commit(bytes)
        return true
      }
      guard full.starts(with: path) else { continue }
      if line.isKeyValue {
        if !line.section.starts(with: path) { doomed.append(line.statement.lineRange) }
        continue
      }
      // A header under `path`: its whole section, up to the next header.
      var stop = line.statement.lineRange.upperBound
      for next in all[(i + 1)...] {
        if case .header = next.statement.kind { break }
        stop = next.statement.lineRange.upperBound
      }
      stop = skipBlankLines(bytes, from: stop)
      var start = line.statement.lineRange.lowerBound
      // A section that ends the file takes the blank lines that separated it along.
      if stop == bytes.count {
        while start > 1 && bytes[start - 1] == 0x0A && bytes[start - 2] == 0x0A { start -= 1 }
      }
      doomed.append(start..<stop)
    }
    guard !doomed.isEmpty else { return false }
    for range in doomed.sorted(by: { $0.lowerBound > $1.lowerBound }) {
      bytes.removeSubrange(range)
    }
    try commit(bytes)
    return true
  }

  // MARK: - Helpers

  private func editError(_ message: String) -> TOMLError {
    TOMLError(
      sourceName: sourceName, position: SourcePosition(line: 1, column: 1, offset: 0),
      message: message)
  }

  /// Every proper prefix of the path must be a table (or absent).
  private func checkReachable(_ parent: [String]) throws {
    for count in stride(from: 1, through: parent.count, by: 1) {
      let prefix = Array(parent.prefix(count))
      guard let value = table[path: prefix] else { return }
      if value.tableValue == nil {
        let kind = value.arrayValue != nil ? "an array" : "a \(value.typeName)"
        throw editError(
          "cannot set a key inside `\(TOMLEncoder.dottedKey(prefix))`: it is \(kind), not a table")
      }
    }
  }

  private func isInlineText(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
    range.lowerBound < bytes.count && bytes[range.lowerBound] == UInt8(ascii: "{")
  }

  private func setting(_ path: [String], to value: TOMLValue, in container: TOMLValue) throws
    -> TOMLValue
  {
    guard var inner = container.tableValue else {
      throw editError("cannot set a key inside a \(container.typeName)")
    }
    if path.count == 1 {
      inner[path[0]] = value
    } else {
      let child = inner[path[0]] ?? .table(TOMLTable())
      inner[path[0]] = try setting(Array(path.dropFirst()), to: value, in: child)
    }
    return TOMLValue(.table(inner), position: container.position)
  }

  private func removing(_ path: [String], from container: TOMLValue) throws -> TOMLValue {
    guard var inner = container.tableValue, let first = path.first, let child = inner[first] else {
      return container
    }
    inner[first] = path.count == 1 ? nil : try removing(Array(path.dropFirst()), from: child)
    return TOMLValue(.table(inner), position: container.position)
  }

  private func insert(_ line: [UInt8], after statement: TOMLStatement, into bytes: inout [UInt8]) {
    var at = statement.lineRange.upperBound
    var insertion = line
    if at == bytes.count, at > 0, bytes[at - 1] != 0x0A {
      insertion = newline(of: bytes) + insertion
    }
    if at > bytes.count { at = bytes.count }
    bytes.insert(contentsOf: insertion, at: at)
  }

  private func appendSeparated(_ block: [UInt8], to bytes: inout [UInt8], blankLine: Bool) {
    if !bytes.isEmpty {
      if bytes.last != 0x0A { bytes += newline(of: bytes) }
      if blankLine { bytes += newline(of: bytes) }
    }
    bytes += block
  }

  /// CRLF when the document already uses it, else LF.
  private func newline(of bytes: [UInt8]) -> [UInt8] {
    if let first = bytes.firstIndex(of: 0x0A), first > 0, bytes[first - 1] == 0x0D {
      return [0x0D, 0x0A]
    }
    return [0x0A]
  }

  private func skipBlankLines(_ bytes: [UInt8], from start: Int) -> Int {
    var cursor = start
    var lineBegin = start
    while cursor < bytes.count {
      let byte = bytes[cursor]
      if byte == 0x0A {
        cursor += 1
        lineBegin = cursor
      } else if byte == 0x20 || byte == 0x09 || byte == 0x0D {
        cursor += 1
      } else {
        return lineBegin
      }
    }
    return cursor
  }

  @discardableResult
  private mutating func commit(_ bytes: [UInt8]) throws -> Bool {
    do {
      (table, statements) = try Self.analyse(bytes, version: version, sourceName: sourceName)
    } catch let error as TOMLError {
      throw editError("the edit would make the document invalid: \(error.message)")
    }
    text = String(decoding: bytes, as: UTF8.self)
    return true
  }
}
