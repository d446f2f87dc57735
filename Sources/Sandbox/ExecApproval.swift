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

  /// Whether a call the sandbox denied may be offered to run again without it.
  public static func offersRetryWithoutSandbox(_ policy: ApprovalPolicy) -> Bool {
    policy == .untrusted || policy == .onFailure
  }
}
