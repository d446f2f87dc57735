/// A TOML value with the place it was written, when it came from a source text.
///
/// Equality compares values only, never positions.
public struct TOMLValue: Sendable {
  /// The value itself, one of TOML's types.
  public enum Kind: Sendable {
    case string(String)
    case integer(Int64)
    case float(Double)
    case boolean(Bool)
    // Boxed: a date-time is several times larger than any other payload, and every
    // value of a document would otherwise carry its size.
    indirect case dateTime(TOMLDateTime)
    case array([TOMLValue])
    case table(TOMLTable)
  }

  /// What the value is.
  public var kind: Kind
  /// Where the value starts in the source; `nil` for values built in code.
  public var position: SourcePosition?

  /// A value; `position` is where it was written, nil when built in code.
  public init(_ kind: Kind, position: SourcePosition? = nil) {
    self.kind = kind
    self.position = position
  }

  /// A string value.
  public static func string(_ value: String) -> TOMLValue { TOMLValue(.string(value)) }
  /// An integer value.
  public static func integer(_ value: Int64) -> TOMLValue { TOMLValue(.integer(value)) }
  /// A float value.
  public static func float(_ value: Double) -> TOMLValue { TOMLValue(.float(value)) }
  /// A boolean value.
  public static func boolean(_ value: Bool) -> TOMLValue { TOMLValue(.boolean(value)) }
  /// A date-time value.
  public static func dateTime(_ value: TOMLDateTime) -> TOMLValue { TOMLValue(.dateTime(value)) }
  /// An array value.
  public static func array(_ value: [TOMLValue]) -> TOMLValue { TOMLValue(.array(value)) }
  /// A table value.
  public static func table(_ value: TOMLTable) -> TOMLValue { TOMLValue(.table(value)) }

  /// The TOML type name, as toml-test and error messages spell it.
  public var typeName: String {
    switch kind {
    case .string: return "string"
    case .integer: return "integer"
    case .float: return "float"
    case .boolean: return "bool"
    case .dateTime(let value): return value.kind.rawValue
    case .array: return "array"
    case .table: return "table"
    }
  }

  /// The string, if this is one.
  public var stringValue: String? {
    if case .string(let value) = kind { return value }
    return nil
  }

  /// The boolean, if the value is one.
  public var boolValue: Bool? {
    if case .boolean(let value) = kind { return value }
    return nil
  }

  /// The table, if this is one.
  public var tableValue: TOMLTable? {
    if case .table(let value) = kind { return value }
    return nil
  }

  /// The elements, if this is an array.
  public var arrayValue: [TOMLValue]? {
    if case .array(let value) = kind { return value }
    return nil
  }
}

extension TOMLValue: Equatable {
  /// Equal kinds and values; two NaNs are equal, positions are ignored.
  public static func == (lhs: TOMLValue, rhs: TOMLValue) -> Bool {
    switch (lhs.kind, rhs.kind) {
    case (.string(let a), .string(let b)): return a == b
    case (.integer(let a), .integer(let b)): return a == b
    case (.float(let a), .float(let b)): return a == b || (a.isNaN && b.isNaN)
    case (.boolean(let a), .boolean(let b)): return a == b
    case (.dateTime(let a), .dateTime(let b)): return a == b
    case (.array(let a), .array(let b)): return a == b
    case (.table(let a), .table(let b)): return a == b
    default: return false
    }
  }
}
