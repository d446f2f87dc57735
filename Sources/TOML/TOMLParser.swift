/// Reads TOML text into a `TOMLTable`, keeping the position of every key and value.
///
/// The parser never traps and never loops on bad input: every problem becomes a
/// `TOMLError` naming the line and column. Nesting of arrays, inline tables and key
/// parts is capped at `maximumDepth` so that hostile input cannot exhaust the stack.
public struct TOMLParser: Sendable {
  /// The TOML version to accept (1.1 allows what 1.0 refuses).
  public var version: TOMLVersion
  /// The name errors carry.
  public var sourceName: String
  /// How deeply arrays and inline tables may nest, so no input can exhaust the stack.
  public static let maximumDepth = 128

  /// A parser for `version` whose errors name `sourceName`.
  public init(version: TOMLVersion = .v1_0, sourceName: String = "") {
    self.version = version
    self.sourceName = sourceName
  }

  /// Parses a document; the first problem is thrown as a `TOMLError`.
  public func parse(_ text: String) throws -> TOMLTable {
    try parse(bytes: Array(text.utf8))
  }

  /// Parses a document given as bytes, which must be UTF-8.
  public func parse(bytes: [UInt8]) throws -> TOMLTable {
    var reader = TOMLReader(bytes: bytes, version: version, sourceName: sourceName)
    return try reader.readDocument()
  }
}

/// One parse of one text. Works on UTF-8 bytes; `index` only moves forward.
///
/// A value type: its methods mutate it in place, so reading a byte or moving `index`
/// costs no reference counting and no dynamic exclusivity check.
struct TOMLReader {
  let bytes: [UInt8]
  let end: Int
  let version: TOMLVersion
  let sourceName: String
  var index = 0

  // Position tracking: the current line and where it starts, plus a cache of the
  // last column computed so that columns on very long lines stay linear overall.
  var line = 1
  var lineStart = 0
  var columnCacheOffset = 0
  var columnCacheColumn = 1

  var arena: TableArena
  var recentStrings: RecentStrings
  /// See `takeScratch()`.
  var scratch: [UInt8] = []
  let root: Int
  var current: Int
  /// When set, every header and key/value line is recorded (for format-preserving edits).
  var statements: [TOMLStatement]?

  init(bytes: [UInt8], version: TOMLVersion, sourceName: String) {
    self.bytes = bytes
    self.end = bytes.count
    self.version = version
    self.sourceName = sourceName
    let start = SourcePosition(line: 1, column: 1, offset: 0)
    // A guess from the size (a table every hundred bytes or more is typical) saves growing
    // the arena many times over for a large document.
    arena = TableArena(capacity: min(bytes.count / 128, 1 << 20))
    recentStrings = RecentStrings(documentSize: bytes.count)
    root = arena.makeTable(.header, at: start)
    current = root
  }

  /// The largest text a parse accepts: positions keep byte offsets in 32 bits.
  static let maximumSize = Int(UInt32.max)

  mutating func readDocument() throws -> TOMLTable {
    guard end < Self.maximumSize else {
      throw TOMLError(
        sourceName: sourceName, position: SourcePosition(line: 1, column: 1, offset: 0),
        message: "the document is \(end) bytes; TOML texts of 4 GiB or more are not supported",
        excerpt: "", excerptColumn: 1)
    }
    if let bad = UTF8Check.firstInvalidOffset(in: bytes) {
      throw error("invalid UTF-8 byte 0x\(hex(bytes[bad])); TOML files must be UTF-8", at: bad)
    }
    if end >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF {
      index = 3
      columnCacheOffset = 3
    }
    while index < end {
      skipWhitespace()
      guard index < end else { break }
      switch bytes[index] {
      case UInt8(ascii: "#"):
        try skipComment()
        try expectLineEnd()
      case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
        try expectLineEnd()
      case UInt8(ascii: "["):
        let start = lineStart
        let (key, isArray) = try readHeader()
        try expectLineEnd()
        if statements != nil {
          statements?.append(
            TOMLStatement(
              kind: .header(key.map(\.name), isArray: isArray), lineRange: start..<index,
              valueRange: nil))
        }
      default:
        let start = lineStart
        let (key, valueRange) = try readKeyValue(into: current)
        try expectLineEnd()
        if statements != nil {
          statements?.append(
            TOMLStatement(
              kind: .keyValue(key.map(\.name)), lineRange: start..<index, valueRange: valueRange))
        }
      }
    }
    return arena.finish(root).tableValue ?? TOMLTable()
  }

  // MARK: - Lines, white space and comments

  var atEnd: Bool { index >= end }

  /// The source text in `range` (already checked to be UTF-8), read in place rather
  /// than through an array slice, which would retain the array for every key. Short
  /// texts come from `recentStrings`: keys and short values repeat through a document.
  mutating func text(_ range: Range<Int>) -> String {
    bytes.withUnsafeBufferPointer { recentStrings.string(in: $0, range: range) }
  }

  func peek(_ ahead: Int = 0) -> UInt8? {
    let at = index + ahead
    return at < end ? bytes[at] : nil
  }

  mutating func skipWhitespace() {
    while index < end, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
  }

  /// Consumes a line break (LF or CRLF) at `index`; returns false if there is none.
  /// A CR not followed by LF is an error wherever it appears.
  mutating func consumeNewline() throws -> Bool {
    guard index < end else { return false }
    if bytes[index] == 0x0A {
      index += 1
    } else if bytes[index] == 0x0D {
      guard index + 1 < end, bytes[index + 1] == 0x0A else {
        throw error("carriage return not followed by a line feed", at: index)
      }
      index += 2
    } else {
      return false
    }
    markNewLine()
    return true
  }

  /// Records that a line ended just before `index`.
  mutating func markNewLine() {
    line += 1
    lineStart = index
    columnCacheOffset = index
    columnCacheColumn = 1
  }

  mutating func skipComment() throws {
    index += 1  // '#'
    while index < end {
      let byte = bytes[index]
      if byte == 0x0A { return }
      if byte == 0x0D {
        if index + 1 < end, bytes[index + 1] == 0x0A { return }
        throw error("carriage return not followed by a line feed", at: index)
      }
      if isForbiddenControl(byte) {
        throw error("control character \(scalarName(byte)) is not allowed in a comment", at: index)
      }
      index += 1
    }
  }

  /// After a key/value pair or a header: optional white space and comment, then a
  /// line break or the end of the text.
  mutating func expectLineEnd() throws {
    skipWhitespace()
    if peek() == UInt8(ascii: "#") { try skipComment() }
    if atEnd { return }
    if try consumeNewline() { return }
    throw error("expected the end of the line, found \(describeHere())", at: index)
  }

  /// Skips white space, comments and line breaks (inside arrays, and inline tables in 1.1).
  mutating func skipWhitespaceCommentsAndNewlines() throws {
    while index < end {
      skipWhitespace()
      guard index < end else { return }
      if bytes[index] == UInt8(ascii: "#") {
        try skipComment()
      } else if try !consumeNewline() {
        return
      }
    }
  }

  func isForbiddenControl(_ byte: UInt8) -> Bool {
    (byte < 0x20 && byte != 0x09) || byte == 0x7F
  }

  // MARK: - Keys

  typealias KeyPart = (name: String, position: SourcePosition)

  /// A key as written, one part or dotted. Most keys have one part, which is kept
  /// without an array: a key is read for every line of a document.
  struct Key {
    var first: KeyPart
    var rest: [KeyPart] = []

    /// The part that names the value.
    var last: KeyPart { rest.last ?? first }
    /// The parts before the last: the tables the key reaches into.
    var parents: [KeyPart] { rest.isEmpty ? [] : [first] + rest.dropLast() }
    /// Every part, in order.
    var all: [KeyPart] { [first] + rest }
    var count: Int { rest.count + 1 }
    /// Part `offset` (0 is the first).
    subscript(offset: Int) -> KeyPart { offset == 0 ? first : rest[offset - 1] }

    func map<T>(_ transform: (KeyPart) throws -> T) rethrows -> [T] { try all.map(transform) }
  }

  mutating func readKey() throws -> Key {
    var key = Key(first: try readKeyPart())
    while true {
      skipWhitespace()
      guard index < end, bytes[index] == UInt8(ascii: ".") else { return key }
      index += 1
      let start = index
      key.rest.append(try readKeyPart())
      if key.count > TOMLParser.maximumDepth {
        throw error("key has more than \(TOMLParser.maximumDepth) parts", at: start)
      }
    }
  }

  /// One part of a key: bare, "basic" or 'literal'.
  private mutating func readKeyPart() throws -> KeyPart {
    skipWhitespace()
    let start = index
    let position = self.position(at: start)
    guard start < end else {
      throw error("expected a key, found the end of the file", at: index)
    }
    switch bytes[start] {
    case UInt8(ascii: "\""):
      if peek(1) == UInt8(ascii: "\""), peek(2) == UInt8(ascii: "\"") {
        throw error("a key cannot be a multi-line string", at: index)
      }
      return (try readBasicString(), position)
    case UInt8(ascii: "'"):
      if peek(1) == UInt8(ascii: "'"), peek(2) == UInt8(ascii: "'") {
        throw error("a key cannot be a multi-line string", at: index)
      }
      return (try readLiteralString(), position)
    default:
      while index < end, isBareKeyByte(bytes[index]) { index += 1 }
      guard index > start else {
        throw error("expected a key, found \(describeHere())", at: index)
      }
      return (text(start..<index), position)
    }
  }

  func isBareKeyByte(_ byte: UInt8) -> Bool {
    // A-Z a-z 0-9 _ - as two 64-bit masks over the ASCII range.
    let low: UInt64 = 0x03FF_2000_0000_0000  // '-' and '0'...'9'
    let high: UInt64 = 0x07FF_FFFE_87FF_FFFE  // 'A'...'Z', '_', 'a'...'z'
    if byte < 64 { return low >> byte & 1 != 0 }
    if byte < 128 { return high >> (byte - 64) & 1 != 0 }
    return false
  }
}
