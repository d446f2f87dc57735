import TOML

/// Small JSON writing helpers for output whose key order matters (config reports,
/// event lines), which `JSONSerialization` does not keep.
public enum JSONText {
  /// A JSON string literal.
  public static func string(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case _ where scalar.value < 0x20 || scalar.value == 0x7F:
        let hex = String(scalar.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }

  /// A TOML value as plain JSON: strings, numbers, booleans, arrays, objects; date-times
  /// as their RFC 3339 text; non-finite floats as strings.
  public static func value(_ value: TOMLValue) -> String {
    switch value.kind {
    case .string(let text): return string(text)
    case .integer(let number): return String(number)
    case .float(let number): return number.isFinite ? "\(number)" : string("\(number)")
    case .boolean(let flag): return flag ? "true" : "false"
    case .dateTime(let dateTime): return string(dateTime.description)
    case .array(let elements): return "[" + elements.map(Self.value).joined(separator: ",") + "]"
    case .table(let table):
      return "{"
        + table.entries.map { string($0.key) + ":" + Self.value($0.value) }.joined(separator: ",")
        + "}"
    }
  }
}
