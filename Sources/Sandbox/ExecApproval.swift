/// What to do with a command the model wants to run.
public enum ExecDecision: Sendable, Equatable {
  /// Run it without asking; under the sandbox when `sandboxed`.
  case run(sandboxed: Bool)
  /// Ask the user first, saying why; once approved, run it (under the sandbox when
  /// `sandboxed`: approving a command does not lift the sandbox, asking for escalation does).
  case ask(reason: String, sandboxed: Bool)
  /// Do not run it; tell the model why.
  case refuse(reason: String)
}

/// Everything the approval decision depends on.
public struct ExecApprovalRequest: Sendable {
  /// The program and its arguments.
  public var command: [String]
  /// When the user wants to be asked.
  public var approvalPolicy: ApprovalPolicy
  /// What commands may touch.
  public var sandboxMode: SandboxMode
  /// The model asked to run without the sandbox (`with_escalated_permissions`).
  public var escalation: Bool
  /// Why the model wants the escalation, shown to the user.
  public var justification: String?
  /// Why the kernel cannot sandbox, when it cannot.
  public var sandboxUnavailable: String?
  /// The user's rules (`*.rules`), checked before everything else.
  public var rules: ExecPolicy = .empty

  /// A request; without escalation the command is meant to run sandboxed.
  public init(
    command: [String], approvalPolicy: ApprovalPolicy, sandboxMode: SandboxMode,
    escalation: Bool = false, justification: String? = nil, sandboxUnavailable: String? = nil
  ) {
    self.command = command
    self.approvalPolicy = approvalPolicy
    self.sandboxMode = sandboxMode
    self.escalation = escalation
    self.justification = justification
    self.sandboxUnavailable = sandboxUnavailable
  }
}

/// The approval decision for commands, the same for every front-end.
public enum ExecApproval {
  /// Decides, without side effects, as Codex does: `untrusted` asks before anything not
  /// known to be read-only; an escalation is asked for (refused under `never`);
  /// everything else runs under the sandbox.
  public static func decide(
    _ request: ExecApprovalRequest, isKnownSafe: ([String]) -> Bool = SafeCommands.isKnownSafe
  ) -> ExecDecision {
    if let ruled = decideByRules(request) { return ruled }
    let policy = request.approvalPolicy
    let needsAsking = policy == .untrusted && !isKnownSafe(request.command)

    if request.sandboxMode == .dangerFullAccess {
      return needsAsking
        ? .ask(reason: "not a known read-only command", sandboxed: false) : .run(sandboxed: false)
    }
    if request.escalation {
      if policy == .never {
        return .refuse(
          reason: "running without the sandbox is not allowed under approval policy never")
      }
      let justification = request.justification.map { ": \($0)" } ?? ""
      return .ask(
        reason: "the model asks to run without the sandbox\(justification)", sandboxed: false)
    }
    if let problem = request.sandboxUnavailable {
      return .refuse(reason: problem)
    }
    return needsAsking
      ? .ask(reason: "not a known read-only command", sandboxed: true) : .run(sandboxed: true)
  }

  /// The rules' decision, when a rule matched: `forbidden` refuses under every policy,
  /// `prompt` asks (refuses under `never`), and a command whose every part an `allow`
  /// rule covers runs without asking, outside the sandbox. `forbidden` and `prompt` look
  /// into any script (`bash -lc`); `allow` only into scripts of plain commands.
  static func decideByRules(_ request: ExecApprovalRequest) -> ExecDecision? {
    guard !request.rules.isEmpty else { return nil }
    let command = request.command
    let script = SafeCommands.shellScript(command)
    let anywhere = request.rules.evaluate(
      commands: script.map(ShellWords.leadingCommands) ?? [command])
    let shown = CommandText.join(command)
    func strongest(_ decision: RuleDecision) -> RuleMatch? {
      anywhere.matches.filter { $0.decision == decision }.max {
        $0.matchedPrefix.count < $1.matchedPrefix.count
      }
    }
    if let rule = strongest(.forbidden) {
      let why =
        rule.justification
        ?? "policy forbids commands starting with `\(CommandText.join(rule.matchedPrefix))`"
      return .refuse(reason: "`\(shown)` rejected: \(why)")
    }
    if let rule = strongest(.prompt) {
      let why =
        rule.justification.map { "requires approval: " + $0 } ?? "requires approval by policy"
      if request.approvalPolicy == .never {
        return .refuse(
          reason: "`\(shown)` \(why), and the approval policy is never: it cannot be asked")
      }
      return .ask(
        reason: "`\(shown)` \(why)",
        sandboxed: request.sandboxMode != .dangerFullAccess && !request.escalation)
    }
    let parts: [[String]]? = script.map { ShellScript.parse($0) } ?? [command]
    if let parts,
      parts.allSatisfy({ part in
        request.rules.evaluate(part).matches.contains { $0.decision == .allow }
      })
    {
      return .run(sandboxed: false)
    }
    return nil
  }

  /// The prefix an "always allow" answer would allow from now on: the model's own
  /// proposal when it is specific enough and covers every part of the command, else the
  /// first part that is not known to be read-only. None when a rule already decided.
  public static func proposedRule(
    for command: [String], modelProposal: [String]?, rules: ExecPolicy
  ) -> [String]? {
    let script = SafeCommands.shellScript(command)
    guard let parts = script.map({ ShellScript.parse($0) }) ?? [command] else { return nil }
    if !rules.evaluate(commands: parts).matches.isEmpty { return nil }
    if let proposal = modelProposal, !proposal.isEmpty,
      !tooBroadPrefixes.contains(proposal),
      parts.allSatisfy({ $0.starts(with: proposal) || SafeCommands.isKnownSafe($0) })
    {
      return proposal
    }
    return parts.first { !SafeCommands.isKnownSafe($0) }
  }

  /// Prefixes that would allow nearly anything (an interpreter, a shell, `git`, `sudo`):
  /// never offered as a rule.
  static let tooBroadPrefixes: Set<[String]> = {
    var prefixes: Set<[String]> = [["git"], ["env"], ["sudo"], ["osascript"]]
    for program in [
      "python3", "python", "py", "pypy", "pypy3", "node", "perl", "ruby", "php", "lua",
      "bash", "sh", "zsh", "dash", "/bin/bash", "/bin/sh", "/bin/zsh", "pwsh", "powershell",
    ] {
      prefixes.insert([program])
      for flag in ["-", "-c", "-lc", "-e", "-r", "-Command"] { prefixes.insert([program, flag]) }
    }
    return prefixes
  }()

  /// Whether a call the sandbox denied may be offered to run again without it.
  public static func offersRetryWithoutSandbox(_ policy: ApprovalPolicy) -> Bool {
    policy == .untrusted || policy == .onFailure
  }
}
