/// JSON as Codex fingerprints it (serde_json's compact form with every object's keys
/// sorted): no spaces, `"` `\` and control characters escaped, everything else raw.
enum CanonicalJSON {
  static func text(_ value: JSONValue) -> String {
    var out = ""
    write(value, into: &out)
    return out
  }

  private static func write(_ value: JSONValue, into out: inout String) {
    switch value {
    case .null: out += "null"
    case .bool(let flag): out += flag ? "true" : "false"
    case .int(let number): out += String(number)
    case .double(let number): out += "\(number)"
    case .string(let text): string(text, into: &out)
    case .array(let items):
      out += "["
      for (index, item) in items.enumerated() {
        if index > 0 { out += "," }
        write(item, into: &out)
      }
      out += "]"
    case .object(let object):
      out += "{"
      // serde_json's maps order keys by their bytes.
      let members = object.members.sorted {
        Array($0.key.utf8).lexicographicallyPrecedes($1.key.utf8)
      }
      for (index, member) in members.enumerated() {
        if index > 0 { out += "," }
        string(member.key, into: &out)
        out += ":"
        write(member.value, into: &out)
      }
      out += "}"
    }
  }

  private static func string(_ text: String, into out: inout String) {
    out += "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case "\u{08}": out += "\\b"
      case "\u{0C}": out += "\\f"
      case _ where scalar.value < 0x20:
        let hex = String(scalar.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: out.unicodeScalars.append(scalar)
      }
    }
    out += "\""
  }
}
