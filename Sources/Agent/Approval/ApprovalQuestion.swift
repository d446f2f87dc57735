/// A question to the user before a tool call runs.
public struct ApprovalQuestion: Sendable, Equatable {
  /// What is asked about: a command, or a patch.
  public enum Kind: Sendable, Equatable {
    case command
    case patch
  }
  /// A command or a patch.
  public var kind: Kind
  /// The command; for a patch `apply_patch` and the files it changes.
  public var command: [String]
  /// Where it would run.
  public var workingDirectory: String
  /// Why the user is asked.
  public var reason: String
  /// For a patch: the unified diff it would apply.
  public var diff: String?
  /// For a patch: the files it changes (paths as the patch names them, moves' targets too).
  public var files: [String] = []
  /// The call ran under the sandbox, which denied it (`reason` says what); the question
  /// is whether to run it again without the sandbox.
  public var retryWithoutSandbox: Bool
  /// For a command: the prefix an "always allow" answer writes as a rule (the model's
  /// `prefix_rule`, or the part of the command that needed asking); nil when none fits.
  public var proposedRule: [String]?

  /// A question; its kind follows from the command when not given.
  public init(
    kind: Kind? = nil, command: [String], workingDirectory: String, reason: String,
    diff: String? = nil, retryWithoutSandbox: Bool = false
  ) {
    self.kind = kind ?? (diff == nil ? .command : .patch)
    self.command = command
    self.workingDirectory = workingDirectory
    self.reason = reason
    self.diff = diff
    self.retryWithoutSandbox = retryWithoutSandbox
  }
}
