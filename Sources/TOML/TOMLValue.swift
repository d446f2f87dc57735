/// A TOML value with the place it was written, when it came from a source text.
///
/// Equality compares values only, never positions.
public struct TOMLValue: Sendable {
  public enum Kind: Sendable {
    case string(String)
    case integer(Int64)
    case float(Double)
    case boolean(Bool)
    case dateTime(TOMLDateTime)
    case array([TOMLValue])
    case table(TOMLTable)
  }

  public var kind: Kind
  /// Where the value starts in the source; `nil` for values built in code.
  public var position: SourcePosition?

  public init(_ kind: Kind, position: SourcePosition? = nil) {
    self.kind = kind
    self.position = position
  }

  public static func string(_ value: String) -> TOMLValue { TOMLValue(.string(value)) }
  public static func integer(_ value: Int64) -> TOMLValue { TOMLValue(.integer(value)) }
  public static func float(_ value: Double) -> TOMLValue { TOMLValue(.float(value)) }
  public static func boolean(_ value: Bool) -> TOMLValue { TOMLValue(.boolean(value)) }
  public static func dateTime(_ value: TOMLDateTime) -> TOMLValue { TOMLValue(.dateTime(value)) }
  public static func array(_ value: [TOMLValue]) -> TOMLValue { TOMLValue(.array(value)) }
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

  public var stringValue: String? {
    if case .string(let value) = kind { return value }
    return nil
  }

  public var tableValue: TOMLTable? {
    if case .table(let value) = kind { return value }
    return nil
  }

  public var arrayValue: [TOMLValue]? {
    if case .array(let value) = kind { return value }
    return nil
  }
}

extension TOMLValue: Equatable {
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
