import TOML

/// JSON text for what is not a `JSONValue`: string literals, and TOML values as plain
/// JSON (`codex config --json`), in the order they were written.
public enum JSONText {
  /// A JSON string literal.
  public static func string(_ text: String) -> String {
    TaggedJSON.quote(text)
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
