import Foundation
import TOML

/// Compares a decoded TOML value with toml-test's expected tagged JSON, with the
/// rules of the suite's own runner: exact types; strings and integers as text;
/// floats numerically (NaN as text); date-times as instants to the millisecond.
enum TaggedComparison {
  /// Returns nil when equal, else a description of the first difference.
  static func difference(_ value: TOMLValue, _ expected: Any, path: String = "") -> String? {
    switch value.kind {
    case .table(let table):
      guard let object = expected as? [String: Any] else { return "\(path): table vs \(expected)" }
      guard Set(object.keys) == Set(table.keys) else {
        return "\(path): keys \(table.keys.sorted()) vs \(object.keys.sorted())"
      }
      for entry in table.entries {
        if let problem = difference(entry.value, object[entry.key]!, path: path + "." + entry.key) {
          return problem
        }
      }
      return nil
    case .array(let elements):
      guard let array = expected as? [Any], array.count == elements.count else {
        return "\(path): array of \(elements.count) vs \(expected)"
      }
      for (i, element) in elements.enumerated() {
        if let problem = difference(element, array[i], path: path + "[\(i)]") { return problem }
      }
      return nil
    default:
      guard let tagged = expected as? [String: Any], let type = tagged["type"] as? String,
        let text = tagged["value"] as? String
      else { return "\(path): scalar vs \(expected)" }
      guard type == value.typeName else { return "\(path): type \(value.typeName) vs \(type)" }
      let same: Bool
      switch value.kind {
      case .string(let s): same = s == text
      case .integer(let i): same = String(i) == text
      case .boolean(let b): same = String(b) == text.lowercased()
      case .float(let f): same = floatsEqual(f, text)
      case .dateTime(let d): same = instant(d.description) == instant(text)
      default: same = false
      }
      return same ? nil : "\(path): \(value.kind) vs \(text)"
    }
  }

  private static func floatsEqual(_ value: Double, _ text: String) -> Bool {
    var lowered = text.lowercased()
    if lowered.hasPrefix("+") || lowered.hasPrefix("-") {
      if lowered.dropFirst() == "nan" { lowered.removeFirst() }
    }
    if lowered == "nan" { return value.isNaN }
    switch lowered {
    case "inf", "+inf": return value == .infinity
    case "-inf": return value == -.infinity
    default: return Double(lowered) == value
    }
  }

  /// A comparable form of an RFC 3339 (or local) date-time: offsets folded into UTC,
  /// fractions to milliseconds.
  static func instant(_ raw: String) -> String {
    var text = raw.replacingOccurrences(of: " ", with: "T")
    text = text.replacingOccurrences(of: "t", with: "T").replacingOccurrences(of: "z", with: "Z")
    let pattern =
      #/^(?:(\d{4})-(\d{2})-(\d{2}))?T?(?:(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?(Z|[+-]\d{2}:\d{2})?$/#
    guard let match = text.wholeMatch(of: pattern) else { return "unparsable:" + raw }
    let fraction = String((match.7.map(String.init) ?? "") + "000").prefix(3)
    guard let offset = match.8 else { return text.components(separatedBy: ".")[0] + "." + fraction }
    var minutes = 0
    if offset != "Z" {
      let sign = offset.first == "-" ? -1 : 1
      minutes = sign * (Int(offset.dropFirst().prefix(2))! * 60 + Int(offset.suffix(2))!)
    }
    var parts = DateComponents()
    parts.year = Int(match.1!)
    parts.month = Int(match.2!)
    parts.day = Int(match.3!)
    parts.hour = Int(match.4!)
    parts.minute = Int(match.5!)
    parts.second = Int(match.6 ?? "0")
    parts.timeZone = TimeZone(secondsFromGMT: minutes * 60)
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(secondsFromGMT: 0)!
    guard let date = calendar.date(from: parts) else { return "invalid:" + raw }
    return "\(Int(date.timeIntervalSince1970)).\(fraction)"
  }
}
