/// What a rule says about a command, in Codex's words. Ordered by strictness: when
/// several rules match, the strictest decides.
public enum RuleDecision: String, Sendable, Comparable, CaseIterable {
  /// Run it without asking, outside the sandbox.
  case allow
  /// Ask the user every time.
  case prompt
  /// Never run it.
  case forbidden

  private var rank: Int {
    switch self {
    case .allow: 0
    case .prompt: 1
    case .forbidden: 2
    }
  }

  public static func < (lhs: RuleDecision, rhs: RuleDecision) -> Bool { lhs.rank < rhs.rank }
}

/// One rule that matched a command.
public struct RuleMatch: Sendable, Equatable {
  /// The command's words the rule's pattern covered.
  public var matchedPrefix: [String]
  public var decision: RuleDecision
  public var justification: String?
  /// The absolute program path resolved to a rule's bare name, when that happened.
  public var resolvedProgram: String?
  /// The file and line the rule came from.
  public var source: String
}

/// What the rules say about a command (or the commands of a shell script).
public struct RuleEvaluation: Sendable, Equatable {
  /// Every rule that matched, in the order the commands and rules were checked.
  public var matches: [RuleMatch]
  /// The strictest decision of the matches; nil when none matched.
  public var decision: RuleDecision? { matches.map(\.decision).max() }
}
