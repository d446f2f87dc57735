import Foundation

/// Turns the calls of rules files into rules, checking them as Codex does: `pattern`
/// required and non-empty, `decision` one of allow/prompt/forbidden (allow when not
/// given), and each rule's `match` examples matching it and `not_match` examples not.
struct RuleBook {
  private(set) var rules: [PrefixRule] = []
  private(set) var hostExecutables: [String: [String]] = [:]

  mutating func read(file: String, text: String) throws(RuleFileError) {
    var parser = try RuleFileParser(file: file, text: text)
    for call in try parser.calls() {
      func fail(_ message: String) -> RuleFileError {
        RuleFileError(file: file, line: call.line, column: call.column, message: message)
      }
      var arguments: [String: RuleFileParser.Value] = [:]
      for argument in call.arguments { arguments[argument.key] = argument.value }
      switch call.name {
      case "prefix_rule":
        try prefixRule(arguments, source: "\(file):\(call.line)", fail: fail)
      case "host_executable":
        try known(arguments, ["name", "paths"], fail)
        guard case .string(let name)? = arguments["name"], !name.isEmpty, !name.contains("/") else {
          throw fail("host_executable needs `name`, a program's bare name")
        }
        guard case .list(let items)? = arguments["paths"],
          let paths = Self.strings(items), paths.allSatisfy({ $0.hasPrefix("/") })
        else { throw fail("host_executable needs `paths`, a list of absolute paths") }
        hostExecutables[name, default: []] += paths
      case "network_rule":
        // Kept valid for files shared with Codex; this program has no network proxy to
        // apply them (the sandbox allows the network or not).
        try known(arguments, ["host", "protocol", "decision", "justification"], fail)
      default:
        throw fail(
          "unknown function `\(call.name)`: rules files hold prefix_rule, host_executable "
            + "and network_rule calls")
      }
    }
  }

  private mutating func prefixRule(
    _ arguments: [String: RuleFileParser.Value], source: String,
    fail: (String) -> RuleFileError
  ) throws(RuleFileError) {
    try known(arguments, ["pattern", "decision", "justification", "match", "not_match"], fail)
    guard case .list(let elements)? = arguments["pattern"], !elements.isEmpty else {
      throw fail("prefix_rule needs `pattern`, a non-empty list such as [\"git\", \"push\"]")
    }
    var positions: [[String]] = []
    for element in elements {
      switch element {
      case .string(let word): positions.append([word])
      case .list(let items):
        guard let words = Self.strings(items), !words.isEmpty else {
          throw fail("a pattern element is a string or a non-empty list of strings")
        }
        positions.append(words)
      default: throw fail("a pattern element is a string or a non-empty list of strings")
      }
    }
    var decision = RuleDecision.allow
    if let given = arguments["decision"] {
      guard case .string(let text) = given, let parsed = RuleDecision(rawValue: text) else {
        throw fail("invalid decision: \(Self.display(given)) (allow, prompt or forbidden)")
      }
      decision = parsed
    }
    var justification: String?
    if let given = arguments["justification"] {
      guard case .string(let text) = given, !text.trimmingCharacters(in: .whitespaces).isEmpty
      else { throw fail("`justification` must be a non-empty string") }
      justification = text
    }
    let made = positions[0].map {
      PrefixRule(
        program: $0, rest: Array(positions.dropFirst()), decision: decision,
        justification: justification, source: source)
    }
    for (key, mustMatch) in [("match", true), ("not_match", false)] {
      guard let given = arguments[key] else { continue }
      guard case .list(let examples) = given else { throw fail("`\(key)` must be a list") }
      for example in examples {
        let words: [String]
        switch example {
        case .string(let text): words = ShellWords.split(text) ?? []
        case .list(let items): words = Self.strings(items) ?? []
        default: words = []
        }
        guard !words.isEmpty else { throw fail("a `\(key)` example must be a command") }
        let matches = made.contains { $0.match(words, program: words[0]) != nil }
        if matches != mustMatch {
          let rendered = words.joined(separator: " ")
          throw fail(
            mustMatch
              ? "the `match` example `\(rendered)` does not match this rule's pattern"
              : "the `not_match` example `\(rendered)` matches this rule's pattern")
        }
      }
    }
    rules += made
  }

  private func known(
    _ arguments: [String: RuleFileParser.Value], _ keys: Set<String>,
    _ fail: (String) -> RuleFileError
  ) throws(RuleFileError) {
    if let unknown = arguments.keys.sorted().first(where: { !keys.contains($0) }) {
      throw fail(
        "unknown argument `\(unknown)` (this call takes \(keys.sorted().joined(separator: ", ")))")
    }
  }

  private static func strings(_ values: [RuleFileParser.Value]) -> [String]? {
    var out: [String] = []
    for value in values {
      guard case .string(let text) = value else { return nil }
      out.append(text)
    }
    return out
  }

  private static func display(_ value: RuleFileParser.Value) -> String {
    if case .string(let text) = value { return text }
    return "a non-string value"
  }
}
