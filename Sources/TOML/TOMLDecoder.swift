/// Decodes `Decodable` types from a TOML table.
///
/// Errors are `TOMLError`s that name the key path and the place of the offending
/// value, e.g. `config.toml:7:19: approval_policy: expected a string, found integer`.
/// Keys the type does not ask for are ignored (callers that want warnings compare
/// keys themselves). `TOMLValue` and `TOMLDateTime` properties receive the raw value.
public struct TOMLDecoder: Sendable {
  /// The name errors carry, usually the file's path.
  public var sourceName: String

  /// A decoder whose errors name `sourceName`.
  public init(sourceName: String = "") {
    self.sourceName = sourceName
  }

  /// Decodes a value of `type` from a table; a mismatch is a `TOMLError` at the value's
  /// position.
  public func decode<T: Decodable>(_ type: T.Type, from table: TOMLTable) throws -> T {
    try decode(type, from: TOMLValue(.table(table), position: nil))
  }

  /// Decodes a value of `type` from any TOML value.
  public func decode<T: Decodable>(_ type: T.Type, from value: TOMLValue) throws -> T {
    let decoder = ValueDecoder(value: value, codingPath: [], context: self)
    do {
      return try decoder.decodeValue(type)
    } catch let error as TOMLError {
      throw error
    } catch let error as DecodingError {
      throw translate(error, root: value)
    }
  }

  func failure(_ message: String, path: [any CodingKey], value: TOMLValue?) -> TOMLError {
    let keyPath = Self.describe(path)
    let text = keyPath.isEmpty ? message : "\(keyPath): \(message)"
    return TOMLError(
      sourceName: sourceName,
      position: value?.position ?? SourcePosition(line: 1, column: 1, offset: 0),
      message: text)
  }

  /// `mcp_servers.docs.args[2]`
  static func describe(_ path: [any CodingKey]) -> String {
    var text = ""
    for key in path {
      if let index = key.intValue {
        text += "[\(index)]"
      } else {
        if !text.isEmpty { text += "." }
        text += TOMLEncoder.key(key.stringValue)
      }
    }
    return text
  }

  private func translate(_ error: DecodingError, root: TOMLValue) -> TOMLError {
    let context: DecodingError.Context
    switch error {
    case .dataCorrupted(let c), .keyNotFound(_, let c), .typeMismatch(_, let c),
      .valueNotFound(_, let c):
      context = c
    @unknown default:
      return failure("\(error)", path: [], value: root)
    }
    var value: TOMLValue? = root
    var located = root
    for key in context.codingPath {
      switch value?.kind {
      case .table(let table): value = table[key.stringValue]
      case .array(let elements):
        value = key.intValue.flatMap { $0 < elements.count ? elements[$0] : nil }
      default: value = nil
      }
      if let value { located = value }
    }
    var message = context.debugDescription
    if case .keyNotFound(let key, _) = error {
      message = "missing required key `\(key.stringValue)`"
    }
    return failure(message, path: context.codingPath, value: located)
  }
}

struct IndexKey: CodingKey {
  var intValue: Int?
  var stringValue: String { String(intValue ?? 0) }
  init(intValue: Int) { self.intValue = intValue }
  init?(stringValue: String) { nil }
}

struct StringKey: CodingKey {
  var stringValue: String
  var intValue: Int? { nil }
  init(stringValue: String) { self.stringValue = stringValue }
  init?(intValue: Int) { nil }
}

final class ValueDecoder: Decoder {
  let value: TOMLValue
  let codingPath: [any CodingKey]
  let context: TOMLDecoder
  var userInfo: [CodingUserInfoKey: Any] { [:] }

  init(value: TOMLValue, codingPath: [any CodingKey], context: TOMLDecoder) {
    self.value = value
    self.codingPath = codingPath
    self.context = context
  }

  func mismatch(_ expected: String) -> TOMLError {
    context.failure("expected \(expected), found \(value.typeName)", path: codingPath, value: value)
  }

  func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
    guard let table = value.tableValue else { throw mismatch("a table") }
    return KeyedDecodingContainer(TableContainer<Key>(table: table, decoder: self))
  }

  func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
    guard let elements = value.arrayValue else { throw mismatch("an array") }
    return ArrayContainer(elements: elements, decoder: self)
  }

  func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

  func child(_ value: TOMLValue, key: any CodingKey) -> ValueDecoder {
    ValueDecoder(value: value, codingPath: codingPath + [key], context: context)
  }

  func decodeValue<T: Decodable>(_ type: T.Type) throws -> T {
    if type == TOMLValue.self { return value as! T }
    if type == TOMLTable.self {
      guard let table = value.tableValue else { throw mismatch("a table") }
      return table as! T
    }
    if type == TOMLDateTime.self {
      guard case .dateTime(let dateTime) = value.kind else { throw mismatch("a date-time") }
      return dateTime as! T
    }
    return try T(from: self)
  }

  func integer<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
    guard case .integer(let number) = value.kind else { throw mismatch("an integer") }
    guard let converted = T(exactly: number) else {
      throw context.failure(
        "\(number) is out of range for this setting", path: codingPath, value: value)
    }
    return converted
  }
}

extension ValueDecoder: SingleValueDecodingContainer {
  func decodeNil() -> Bool { false }

  func decode(_ type: Bool.Type) throws -> Bool {
    guard case .boolean(let flag) = value.kind else { throw mismatch("a boolean (true or false)") }
    return flag
  }

  func decode(_ type: String.Type) throws -> String {
    guard case .string(let text) = value.kind else { throw mismatch("a string") }
    return text
  }

  func decode(_ type: Double.Type) throws -> Double {
    switch value.kind {
    case .float(let number): return number
    case .integer(let number): return Double(number)
    default: throw mismatch("a number")
    }
  }

  func decode(_ type: Float.Type) throws -> Float { Float(try decode(Double.self)) }
  func decode(_ type: Int.Type) throws -> Int { try integer(type) }
  func decode(_ type: Int8.Type) throws -> Int8 { try integer(type) }
  func decode(_ type: Int16.Type) throws -> Int16 { try integer(type) }
  func decode(_ type: Int32.Type) throws -> Int32 { try integer(type) }
  func decode(_ type: Int64.Type) throws -> Int64 { try integer(type) }
  func decode(_ type: UInt.Type) throws -> UInt { try integer(type) }
  func decode(_ type: UInt8.Type) throws -> UInt8 { try integer(type) }
  func decode(_ type: UInt16.Type) throws -> UInt16 { try integer(type) }
  func decode(_ type: UInt32.Type) throws -> UInt32 { try integer(type) }
  func decode(_ type: UInt64.Type) throws -> UInt64 { try integer(type) }
  func decode<T: Decodable>(_ type: T.Type) throws -> T { try decodeValue(type) }
}

struct TableContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
  let table: TOMLTable
  let decoder: ValueDecoder
  var codingPath: [any CodingKey] { decoder.codingPath }
  var allKeys: [Key] { table.keys.compactMap { Key(stringValue: $0) } }

  func contains(_ key: Key) -> Bool { table[key.stringValue] != nil }

  func decodeNil(forKey key: Key) throws -> Bool { table[key.stringValue] == nil }

  func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
    guard let value = table[key.stringValue] else {
      throw decoder.context.failure(
        "missing required key `\(key.stringValue)`", path: codingPath, value: decoder.value)
    }
    return try decoder.child(value, key: key).decodeValue(type)
  }

  func nestedContainer<NestedKey: CodingKey>(
    keyedBy type: NestedKey.Type, forKey key: Key
  ) throws -> KeyedDecodingContainer<NestedKey> {
    try decoder.child(table[key.stringValue] ?? .table(TOMLTable()), key: key).container(
      keyedBy: type)
  }

  func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
    try decoder.child(table[key.stringValue] ?? .array([]), key: key).unkeyedContainer()
  }

  func superDecoder() throws -> any Decoder { decoder }
  func superDecoder(forKey key: Key) throws -> any Decoder {
    decoder.child(table[key.stringValue] ?? .table(TOMLTable()), key: key)
  }
}

struct ArrayContainer: UnkeyedDecodingContainer {
  let elements: [TOMLValue]
  let decoder: ValueDecoder
  var currentIndex = 0
  var codingPath: [any CodingKey] { decoder.codingPath }
  var count: Int? { elements.count }
  var isAtEnd: Bool { currentIndex >= elements.count }

  init(elements: [TOMLValue], decoder: ValueDecoder) {
    self.elements = elements
    self.decoder = decoder
  }

  private mutating func next() throws -> ValueDecoder {
    guard !isAtEnd else {
      throw decoder.context.failure(
        "array has too few elements", path: codingPath, value: decoder.value)
    }
    defer { currentIndex += 1 }
    return decoder.child(elements[currentIndex], key: IndexKey(intValue: currentIndex))
  }

  mutating func decodeNil() throws -> Bool { false }

  mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try next().decodeValue(type) }

  mutating func nestedContainer<NestedKey: CodingKey>(
    keyedBy type: NestedKey.Type
  ) throws -> KeyedDecodingContainer<NestedKey> {
    try next().container(keyedBy: type)
  }

  mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
    try next().unkeyedContainer()
  }

  mutating func superDecoder() throws -> any Decoder { try next() }
}
