/// The tagged-JSON form of the toml-test suite: tables become objects, arrays
/// arrays, and every scalar `{"type": TYPE, "value": TEXT}`.
public enum TaggedJSON {
  /// The table in toml-test's tagged JSON (`{"type": "integer", "value": "1"}` for each
  /// scalar).
  public static func encode(_ table: TOMLTable) -> String {
    var out = ""
    write(.table(table), into: &out)
    return out
  }

  private static func write(_ kind: TOMLValue.Kind, into out: inout String) {
    switch kind {
    case .table(let table):
      out += "{"
      for (i, entry) in table.entries.enumerated() {
        if i > 0 { out += "," }
        writeString(entry.key, into: &out)
        out += ":"
        write(entry.value.kind, into: &out)
      }
      out += "}"
    case .array(let elements):
      out += "["
      for (i, element) in elements.enumerated() {
        if i > 0 { out += "," }
        write(element.kind, into: &out)
      }
      out += "]"
    case .string(let value): scalar("string", value, into: &out)
    case .integer(let value): scalar("integer", String(value), into: &out)
    case .float(let value): scalar("float", TOMLEncoder.floatText(value), into: &out)
    case .boolean(let value): scalar("bool", value ? "true" : "false", into: &out)
    case .dateTime(let value): scalar(value.kind.rawValue, value.description, into: &out)
    }
  }

  private static func scalar(_ type: String, _ value: String, into out: inout String) {
    out += "{\"type\":\"\(type)\",\"value\":"
    writeString(value, into: &out)
    out += "}"
  }

  /// `text` as a JSON string literal.
  public static func quote(_ text: String) -> String {
    var out = ""
    writeString(text, into: &out)
    return out
  }

  /// A JSON string literal; every scalar that JSON forbids raw is escaped.
  static func writeString(_ text: String, into out: inout String) {
    out += "\""
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
    out += "\""
  }
}
