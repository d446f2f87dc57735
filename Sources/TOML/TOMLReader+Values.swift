extension TOMLReader {
  /// Reads one value starting at `index`. `depth` counts enclosing arrays and inline tables.
  mutating func readValue(depth: Int) throws -> TOMLValue {
    let start = index
    let position = self.position(at: start)
    guard let byte = peek() else {
      throw error("expected a value, found the end of the file", at: index)
    }
    switch byte {
    case UInt8(ascii: "\""):
      if peek(1) == UInt8(ascii: "\""), peek(2) == UInt8(ascii: "\"") {
        return TOMLValue(.string(try readMultilineBasicString()), position: position)
      }
      return TOMLValue(.string(try readBasicString()), position: position)
    case UInt8(ascii: "'"):
      if peek(1) == UInt8(ascii: "'"), peek(2) == UInt8(ascii: "'") {
        return TOMLValue(.string(try readMultilineLiteralString()), position: position)
      }
      return TOMLValue(.string(try readLiteralString()), position: position)
    case UInt8(ascii: "["):
      try checkDepth(depth, at: start)
      return TOMLValue(.array(try readArray(depth: depth)), position: position)
    case UInt8(ascii: "{"):
      try checkDepth(depth, at: start)
      return TOMLValue(.table(try readInlineTable(depth: depth)), position: position)
    case 0x0A, 0x0D, UInt8(ascii: "#"):
      throw error("expected a value after `=`", at: index)
    default:
      return TOMLValue(try readScalarToken(), position: position)
    }
  }

  private mutating func checkDepth(_ depth: Int, at offset: Int) throws {
    if depth >= TOMLParser.maximumDepth {
      throw error(
        "arrays and inline tables nest deeper than \(TOMLParser.maximumDepth) levels", at: offset)
    }
  }

  /// Booleans, numbers and date-times: read as one token, then classified.
  private mutating func readScalarToken() throws -> TOMLValue.Kind {
    let start = index
    while index < end, isTokenByte(bytes[index]) { index += 1 }
    // A date followed by a space and a time is one local or offset date-time.
    if index - start == 10, DateTimeText.looksLikeDate(bytes[start..<index]), peek() == 0x20,
      let next = peek(1), next >= UInt8(ascii: "0"), next <= UInt8(ascii: "9")
    {
      index += 1
      while index < end, isTokenByte(bytes[index]) { index += 1 }
    }
    let token = bytes[start..<index]
    guard !token.isEmpty else {
      throw error("expected a value, found \(describeHere())", at: start)
    }
    if let literal = boolean(token) { return .boolean(literal) }
    if let small = Self.plainInteger(token) { return .integer(small) }
    if DateTimeText.looksLikeDateTime(token) {
      switch DateTimeText.parse(token, secondsOptional: version == .v1_1) {
      case .success(let value): return .dateTime(value)
      case .failure(let problem): throw error(problem.message, at: start + problem.offset)
      }
    }
    switch NumberText.parse(token) {
    case .success(let value): return value
    case .failure(let problem):
      let text = String(decoding: token, as: UTF8.self)
      if let first = token.first, !(first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9")),
        first != UInt8(ascii: "+"), first != UInt8(ascii: "-"), first != UInt8(ascii: "."),
        text != "inf", text != "nan"
      {
        throw error(
          "expected a value, found `\(text)` (strings need quotes: \"\(text)\")", at: start)
      }
      throw error(problem.message, at: start + problem.offset)
    }
  }

  /// The common integer: an optional minus sign and at most 18 digits, no leading zero,
  /// no underscore, so it cannot overflow. Anything else goes through `NumberText`.
  private static func plainInteger(_ token: ArraySlice<UInt8>) -> Int64? {
    var at = token.startIndex
    let negative = token[at] == UInt8(ascii: "-")
    if negative { at += 1 }
    let digits = token.endIndex - at
    guard digits > 0, digits <= 18, token[at] != UInt8(ascii: "0") || digits == 1 else {
      return nil
    }
    var value: Int64 = 0
    while at < token.endIndex {
      let digit = token[at] &- UInt8(ascii: "0")
      guard digit < 10 else { return nil }
      value = value &* 10 &+ Int64(digit)
      at += 1
    }
    return negative ? -value : value
  }

  private func boolean(_ token: ArraySlice<UInt8>) -> Bool? {
    let at = token.startIndex
    if token.count == 4, token[at] == UInt8(ascii: "t"), token[at + 1] == UInt8(ascii: "r"),
      token[at + 2] == UInt8(ascii: "u"), token[at + 3] == UInt8(ascii: "e")
    {
      return true
    }
    if token.count == 5, token[at] == UInt8(ascii: "f"), token[at + 1] == UInt8(ascii: "a"),
      token[at + 2] == UInt8(ascii: "l"), token[at + 3] == UInt8(ascii: "s"),
      token[at + 4] == UInt8(ascii: "e")
    {
      return false
    }
    return nil
  }

  private func isTokenByte(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"),
      UInt8(ascii: "+"), UInt8(ascii: "."), UInt8(ascii: ":"):
      return true
    default:
      return false
    }
  }

  private mutating func readArray(depth: Int) throws -> [TOMLValue] {
    let open = index
    index += 1
    var elements: [TOMLValue] = []
    while true {
      try skipWhitespaceCommentsAndNewlines()
      guard let byte = peek() else {
        throw error("unterminated array: expected `]` before the end of the file", at: open)
      }
      if byte == UInt8(ascii: "]") {
        index += 1
        return elements
      }
      if byte == UInt8(ascii: ",") {
        throw error("expected a value before `,`", at: index)
      }
      if elements.isEmpty { elements.reserveCapacity(4) }
      elements.append(try readValue(depth: depth + 1))
      try skipWhitespaceCommentsAndNewlines()
      switch peek() {
      case UInt8(ascii: ","):
        index += 1
      case UInt8(ascii: "]"):
        index += 1
        return elements
      case nil:
        throw error("unterminated array: expected `]` before the end of the file", at: open)
      default:
        throw error("expected `,` or `]` in array, found \(describeHere())", at: index)
      }
    }
  }

  private mutating func readInlineTable(depth: Int) throws -> TOMLTable {
    let open = index
    let mark = arena.tables.count
    let table = arena.makeTable(.inline, at: position(at: open))
    index += 1
    try skipInlineSpace()
    if peek() == UInt8(ascii: "}") {
      index += 1
      return finishInline(table, mark: mark)
    }
    while true {
      guard peek() != nil else {
        throw error("unterminated inline table: expected `}` before the end of the file", at: open)
      }
      try readKeyValue(into: table, depth: depth + 1)
      try skipInlineSpace()
      switch peek() {
      case UInt8(ascii: ","):
        index += 1
        try skipInlineSpace()
        if peek() == UInt8(ascii: "}") {
          guard version == .v1_1 else {
            throw error("trailing comma in inline table is not allowed in TOML 1.0", at: index)
          }
          index += 1
          return finishInline(table, mark: mark)
        }
      case UInt8(ascii: "}"):
        index += 1
        return finishInline(table, mark: mark)
      case nil:
        throw error("unterminated inline table: expected `}` before the end of the file", at: open)
      default:
        throw error("expected `,` or `}` in inline table, found \(describeHere())", at: index)
      }
    }
  }

  /// An inline table is finished as soon as it is closed; the tables it made (itself
  /// and those of its dotted keys) are the last in the arena and are dropped.
  private mutating func finishInline(_ table: Int, mark: Int) -> TOMLTable {
    let finished = arena.finish(table).tableValue ?? TOMLTable()
    arena.truncate(to: mark)
    return finished
  }

  /// White space inside an inline table: TOML 1.1 also allows line breaks and comments.
  private mutating func skipInlineSpace() throws {
    if version == .v1_1 {
      try skipWhitespaceCommentsAndNewlines()
      return
    }
    skipWhitespace()
    if let byte = peek(), byte == 0x0A || byte == 0x0D || byte == UInt8(ascii: "#") {
      throw error(
        "inline tables must stay on one line in TOML 1.0 (newlines are allowed in 1.1)",
        at: index)
    }
  }
}
