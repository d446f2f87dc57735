import Foundation

/// A script's check: `/expect reply /REGEX/`, `/expect file PATH [/REGEX/]`,
/// `/expect shell COMMAND`.
public enum Expectation: Sendable, Equatable {
  case reply(pattern: String)
  case file(path: String, pattern: String?)
  case shell(command: String)

  /// Reads the text after `/expect`; errors say what is expected.
  public static func parse(_ raw: String) throws(InputError) -> Expectation {
    let trimmed = raw.trimmingCharacters(in: .whitespaces)
    let what = trimmed.prefix { !$0.isWhitespace }
    let rest = trimmed.dropFirst(what.count).trimmingCharacters(in: .whitespaces)
    switch what {
    case "reply":
      return .reply(pattern: try pattern(rest))
    case "file":
      guard !rest.isEmpty else {
        throw InputError(
          message: "/expect file needs a path: /expect file PATH [/REGEX/]", column: 1)
      }
      let path = rest.prefix { !$0.isWhitespace }
      let patternText = rest.dropFirst(path.count).trimmingCharacters(in: .whitespaces)
      return .file(
        path: String(path), pattern: patternText.isEmpty ? nil : try pattern(patternText))
    case "shell":
      guard !rest.isEmpty else {
        throw InputError(message: "/expect shell needs a command: /expect shell COMMAND", column: 1)
      }
      return .shell(command: rest)
    default:
      throw InputError(
        message: "/expect takes reply /REGEX/, file PATH [/REGEX/] or shell COMMAND", column: 1)
    }
  }

  /// `/REGEX/` → `REGEX`, checked to compile.
  static func pattern(_ text: String) throws(InputError) -> String {
    guard text.count >= 2, text.hasPrefix("/"), text.hasSuffix("/") else {
      throw InputError(
        message: "expected a regular expression between slashes, e.g. /fixed/", column: 1)
    }
    let body = String(text.dropFirst().dropLast())
    do {
      _ = try NSRegularExpression(pattern: body)
    } catch {
      throw InputError(message: "/\(body)/ is not a valid regular expression", column: 1)
    }
    return body
  }

  static func matches(_ pattern: String, _ text: String) -> Bool {
    guard let regex = try? NSRegularExpression(pattern: pattern) else { return false }
    return regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
  }
}
