import Agent
import Foundation

/// A script's check: `/expect reply /REGEX/`, `/expect file PATH [/REGEX/]`,
/// `/expect shell COMMAND`, `/expect review no-findings-above P2`.
public enum Expectation: Sendable, Equatable {
  case reply(pattern: String)
  case file(path: String, pattern: String?)
  case shell(command: String)
  /// The last review has no finding more urgent than `allowed` (`P2` allows P2 and P3;
  /// nil allows none); `correct` asks for the verdict "patch is correct" instead.
  case review(allowed: Int?, correct: Bool)

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
    case "review":
      return try review(rest)
    default:
      throw InputError(
        message:
          "/expect takes reply /REGEX/, file PATH [/REGEX/], shell COMMAND or review CONDITION",
        column: 1)
    }
  }

  /// `no-findings`, `no-findings-above P2`, `correct`.
  static func review(_ text: String) throws(InputError) -> Expectation {
    let words = text.split(separator: " ").map(String.init)
    let usage =
      "/expect review takes no-findings, no-findings-above P0|P1|P2|P3 or correct"
    switch words.first {
    case "no-findings" where words.count == 1:
      return .review(allowed: nil, correct: false)
    case "correct" where words.count == 1:
      return .review(allowed: 3, correct: true)
    case "no-findings-above":
      guard words.count == 2, let priority = ReviewPriority.parse(words[1]) else {
        throw InputError(message: usage + " (e.g. /expect review no-findings-above P2)", column: 1)
      }
      return .review(allowed: priority, correct: false)
    default:
      throw InputError(message: usage, column: 1)
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
