/// What to do with a command the model wants to run.
public enum ExecDecision: Sendable, Equatable {
  /// Run it under the sandbox policy.
  case runSandboxed
  /// Run it without the sandbox (the policy allows it, or the user approved it).
  case runUnsandboxed
  /// Ask the user first, saying why.
  case ask(reason: String)
  /// Do not run it; tell the model why.
  case refuse(reason: String)
}

/// Everything the approval decision depends on.
public struct ExecApprovalRequest: Sendable {
  public var command: [String]
  public var approvalPolicy: ApprovalPolicy
  public var sandboxMode: SandboxMode
  /// The model asked to run without the sandbox (`with_escalated_permissions`).
  public var escalation: Bool
  public var justification: String?
  /// The command already failed in the sandbox; this decides about running it again
  /// without.
  public var retryAfterSandboxFailure: Bool
  /// The user said "always" for this exact command earlier in the session.
  public var approvedForSession: Bool
  /// Why the kernel cannot sandbox, when it cannot.
  public var sandboxUnavailable: String?

  public init(
    command: [String], approvalPolicy: ApprovalPolicy, sandboxMode: SandboxMode,
    escalation: Bool = false,
    justification: String? = nil, retryAfterSandboxFailure: Bool = false,
    approvedForSession: Bool = false,
    sandboxUnavailable: String? = nil
  ) {
    self.command = command
    self.approvalPolicy = approvalPolicy
    self.sandboxMode = sandboxMode
    self.escalation = escalation
    self.justification = justification
    self.retryAfterSandboxFailure = retryAfterSandboxFailure
    self.approvedForSession = approvedForSession
    self.sandboxUnavailable = sandboxUnavailable
  }
}

public enum ExecApproval {
  /// Decides, without side effects. A user's "yes" to an `ask` means the command runs
  /// without the sandbox: approving a command is trusting it.
  public static func decide(
    _ request: ExecApprovalRequest, isKnownSafe: ([String]) -> Bool = SafeCommands.isKnownSafe
  )
    -> ExecDecision
  {
    let policy = request.approvalPolicy
    let justification = request.justification.map { ": \($0)" } ?? ""

    if request.sandboxMode == .dangerFullAccess {
      if policy == .untrusted && !isKnownSafe(request.command) && !request.approvedForSession {
        return .ask(reason: "not a known read-only command")
      }
      return .runUnsandboxed
    }

    if request.retryAfterSandboxFailure {
      guard policy == .onFailure else {
        return .refuse(
          reason:
            "the command failed in the sandbox; approval policy \(policy.rawValue) does not retry without it"
        )
      }
      return request.approvedForSession
        ? .runUnsandboxed : .ask(reason: "failed in the sandbox; run it again without the sandbox?")
    }

    if request.escalation {
      switch policy {
      case .never:
        return .refuse(
          reason: "running without the sandbox is not allowed under approval policy never")
      case .onRequest, .untrusted, .onFailure:
        return request.approvedForSession
          ? .runUnsandboxed
          : .ask(reason: "the model asks to run without the sandbox\(justification)")
      }
    }

    if policy == .untrusted && !isKnownSafe(request.command) {
      return request.approvedForSession
        ? .runUnsandboxed : .ask(reason: "not a known read-only command")
    }
    if let problem = request.sandboxUnavailable {
      return .refuse(reason: problem)
    }
    return .runSandboxed
  }
}
