/// `prefix_rule(pattern = [...], decision = ...)`: a command whose first words match
/// `pattern` gets `decision`. Each element of the pattern is one word or a list of
/// alternatives for that position.
public struct PrefixRule: Sendable, Equatable {
  /// The program, always one word (a list of programs is split into one rule each).
  public var program: String
  /// The words after the program: each one of the alternatives given.
  public var rest: [[String]]
  public var decision: RuleDecision
  public var justification: String?
  /// `file:line` of the rule.
  public var source: String

  /// The words of `command` the rule covers (the program as the rule names it), or nil
  /// when it does not match.
  func match(_ command: [String], program name: String) -> [String]? {
    guard command.count >= rest.count + 1, name == program else { return nil }
    for (offset, alternatives) in rest.enumerated()
    where !alternatives.contains(command[offset + 1]) {
      return nil
    }
    return [program] + command[1..<(rest.count + 1)]
  }
}
