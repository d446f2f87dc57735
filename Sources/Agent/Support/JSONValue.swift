import Foundation

/// A JSON value that can cross tasks: MCP messages, tool arguments and results.
public enum JSONValue: Sendable, Equatable, Codable {
  case null
  case bool(Bool)
  case int(Int)
  case double(Double)
  case string(String)
  case array([JSONValue])
  case object(JSONObject)

  /// Decodes any JSON value; integers stay integers.
  public init(from decoder: Decoder) throws {
    let container = try decoder.singleValueContainer()
    if container.decodeNil() {
      self = .null
    } else if let flag = try? container.decode(Bool.self) {
      self = .bool(flag)
    } else if let number = try? container.decode(Int.self) {
      self = .int(number)
    } else if let number = try? container.decode(Double.self) {
      self = .double(number)
    } else if let text = try? container.decode(String.self) {
      self = .string(text)
    } else if let array = try? container.decode([JSONValue].self) {
      self = .array(array)
    } else {
      self = .object(JSONObject(try container.decode([String: JSONValue].self)))
    }
  }

  /// Encodes the value as it is.
  public func encode(to encoder: Encoder) throws {
    var container = encoder.singleValueContainer()
    switch self {
    case .null: try container.encodeNil()
    case .bool(let flag): try container.encode(flag)
    case .int(let number): try container.encode(number)
    case .double(let number): try container.encode(number)
    case .string(let text): try container.encode(text)
    case .array(let array): try container.encode(array)
    case .object(let object):
      try container.encode(Dictionary(object.members, uniquingKeysWith: { _, last in last }))
    }
  }

  /// Parses JSON text; nil when it is not JSON. Foundation's parser reads it (fast, and
  /// well kept); its result is converted.
  public static func parse(_ data: Data) -> JSONValue? {
    data.withUnsafeBytes { JSONParser.parse($0.bindMemory(to: UInt8.self)) }
  }

  /// Parses JSON from UTF-8 bytes; nil when it is not JSON.
  public static func parse(bytes: [UInt8]) -> JSONValue? {
    bytes.withUnsafeBufferPointer { JSONParser.parse($0) }
  }

  /// Parses JSON text; nil when it is not JSON.
  public static func parse(_ text: String) -> JSONValue? {
    parse(Data(text.utf8))
  }

  /// The object in `text`, or nil when it is not a JSON object.
  public static func parseObject(_ text: some StringProtocol) -> JSONObject? {
    parse(Data(text.utf8))?.object
  }

  /// A value from what `JSONSerialization` returns. Its booleans are the numbers whose
  /// type is `c`; a number with a fraction or an exponent is a double.
  public init(foundation value: Any) {
    switch value {
    case let text as String:
      self = .string(text)
    case let number as NSNumber:
      switch String(cString: number.objCType) {
      case "c": self = .bool(number.boolValue)
      case "d", "f": self = .double(number.doubleValue)
      default: self = .int(number.intValue)
      }
    case let array as [Any]:
      self = .array(array.map(JSONValue.init(foundation:)))
    case let object as [String: Any]:
      self = .object(JSONObject(object.mapValues(JSONValue.init(foundation:))))
    default:
      self = .null
    }
  }

  /// The text as UTF-8 bytes, for request bodies and files.
  public var bytes: [UInt8] {
    var writer = JSONWriter()
    writer.write(self)
    return writer.bytes
  }

  /// Compact JSON, members in their order, slashes not escaped; a number that JSON
  /// cannot hold (NaN, infinity) is written as null.
  public var text: String {
    switch self {
    case .null: return "null"
    case .bool(let flag): return flag ? "true" : "false"
    case .int(let number): return String(number)
    case .double(let number):
      guard number.isFinite else { return "null" }
      return number == number.rounded() && abs(number) < 1e15
        ? String(Int64(number)) + ".0" : "\(number)"
    case .string(let text): return JSONText.string(text)
    case .array(let elements): return "[" + elements.map(\.text).joined(separator: ",") + "]"
    case .object(let object):
      return "{"
        + object.members.map { JSONText.string($0.key) + ":" + $0.value.text }.joined(
          separator: ",") + "}"
    }
  }

  /// An object's member, nil for other values.
  public subscript(key: String) -> JSONValue? {
    if case .object(let object) = self { return object[key] }
    return nil
  }

  /// The string, if this is one.
  public var string: String? {
    if case .string(let text) = self { return text }
    return nil
  }

  /// The boolean, if this is one.
  public var bool: Bool? {
    if case .bool(let flag) = self { return flag }
    return nil
  }

  /// The number as a double, if this is a number.
  public var double: Double? {
    switch self {
    case .int(let number): return Double(number)
    case .double(let number): return number
    default: return nil
    }
  }

  /// The number as an integer, if it is a whole one.
  public var int: Int? {
    switch self {
    case .int(let number): return number
    case .double(let number) where number == number.rounded(): return Int(exactly: number)
    default: return nil
    }
  }

  /// The elements, if this is an array.
  public var array: [JSONValue]? {
    if case .array(let array) = self { return array }
    return nil
  }

  /// The members, if this is an object.
  public var object: JSONObject? {
    if case .object(let object) = self { return object }
    return nil
  }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral,
  ExpressibleByIntegerLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral,
  ExpressibleByNilLiteral
{
  /// A string literal is a JSON string.
  public init(stringLiteral value: String) { self = .string(value) }
  /// A boolean literal is a JSON boolean.
  public init(booleanLiteral value: Bool) { self = .bool(value) }
  /// An integer literal is a JSON number.
  public init(integerLiteral value: Int) { self = .int(value) }
  /// An array literal is a JSON array.
  public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
  /// A dictionary literal is a JSON object.
  public init(dictionaryLiteral elements: (String, JSONValue)...) {
    var object = JSONObject()
    for (key, value) in elements { object[key] = value }
    self = .object(object)
  }
  /// `nil` is JSON null.
  public init(nilLiteral: ()) { self = .null }
}
