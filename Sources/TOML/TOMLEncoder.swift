/// Writes a value tree as TOML text.
///
/// Plain keys come first in each table, then sub-tables as `[headers]` and arrays of
/// tables as `[[headers]]`, so the output reads like a hand-written file. Any value
/// can also be written inline (`inlineText`), which format-preserving edits use.
public enum TOMLEncoder {
  /// The whole table as a TOML document.
  public static func encode(_ table: TOMLTable) -> String {
    var out = ""
    writeSection(table, path: [], into: &out)
    return out
  }

  /// The value in inline form: `"text"`, `[1, 2]`, `{ a = 1 }`.
  public static func inlineText(_ value: TOMLValue) -> String {
    switch value.kind {
    case .string(let text): return quoted(text)
    case .integer(let number): return String(number)
    case .float(let number): return floatText(number)
    case .boolean(let flag): return flag ? "true" : "false"
    case .dateTime(let dateTime): return dateTime.description
    case .array(let elements): return "[" + elements.map(inlineText).joined(separator: ", ") + "]"
    case .table(let table):
      if table.isEmpty { return "{}" }
      let pairs = table.entries.map { key($0.key) + " = " + inlineText($0.value) }
      return "{ " + pairs.joined(separator: ", ") + " }"
    }
  }

  /// A key part, bare when it can be, otherwise a basic string.
  public static func key(_ name: String) -> String {
    let bare =
      !name.isEmpty
      && name.utf8.allSatisfy { byte in
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
          || (byte >= 0x30 && byte <= 0x39)
          || byte == 0x5F || byte == 0x2D
      }
    return bare ? name : quoted(name)
  }

  /// A key path as TOML writes it: `a."b c".d`, quoting only parts that need it.
  public static func dottedKey(_ path: [String]) -> String {
    path.map(key).joined(separator: ".")
  }

  static func floatText(_ number: Double) -> String {
    if number.isNaN { return "nan" }
    if number.isInfinite { return number < 0 ? "-inf" : "inf" }
    return "\(number)"
  }

  static func quoted(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case "\u{08}": out += "\\b"
      case "\u{0C}": out += "\\f"
      case _ where scalar.value < 0x20 || scalar.value == 0x7F:
        let hex = String(scalar.value, radix: 16, uppercase: true)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }

  private static func isArrayOfTables(_ value: TOMLValue) -> Bool {
    guard case .array(let elements) = value.kind, !elements.isEmpty else { return false }
    return elements.allSatisfy { $0.tableValue != nil }
  }

  private static func writeSection(_ table: TOMLTable, path: [String], into out: inout String) {
    for entry in table.entries where entry.value.tableValue == nil && !isArrayOfTables(entry.value)
    {
      out += key(entry.key) + " = " + inlineText(entry.value) + "\n"
    }
    for entry in table.entries {
      let childPath = path + [entry.key]
      if let child = entry.value.tableValue {
        // A table holding only sub-tables needs no header of its own.
        let onlyTables =
          !child.isEmpty
          && child.entries.allSatisfy { $0.value.tableValue != nil || isArrayOfTables($0.value) }
        if !onlyTables {
          if !out.isEmpty { out += "\n" }
          out += "[" + dottedKey(childPath) + "]\n"
        }
        writeSection(child, path: childPath, into: &out)
      } else if isArrayOfTables(entry.value), let elements = entry.value.arrayValue {
        for element in elements {
          if !out.isEmpty { out += "\n" }
          out += "[[" + dottedKey(childPath) + "]]\n"
          writeSection(element.tableValue ?? TOMLTable(), path: childPath, into: &out)
        }
      }
    }
  }
}
