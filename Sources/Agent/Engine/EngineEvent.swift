import Sandbox

/// What the engine reports while it works; every front-end renders these.
public enum EngineEvent: Sendable {
  case sessionConfigured(sessionID: String, model: String, provider: String)
  case turnStarted
  case agentMessageDelta(String)
  case agentMessage(String)
  case reasoningDelta(String)
  case reasoning(String)
  case execBegin(callID: String, command: [String], workingDirectory: String, sandboxed: Bool)
  case execOutput(callID: String, stream: OutputStreamKind, bytes: [UInt8])
  /// Output of a command the user ran (`!cmd`), as it comes.
  case userShellOutput(stream: OutputStreamKind, bytes: [UInt8])
  case execEnd(
    callID: String, command: [String], exitCode: Int32, duration: Duration, output: String)
  case patchApplied(callID: String, changes: [FileChange])
  case patchFailed(callID: String, message: String)
  case planUpdated([PlanStep])
  /// A tool of an MCP server is called; `arguments` is the model's JSON.
  case mcpToolCallBegin(callID: String, server: String, tool: String, arguments: String)
  case mcpToolCallEnd(
    callID: String, server: String, tool: String, result: String, isError: Bool,
    duration: Duration)
  /// A command was not run; the model is told why.
  case commandRefused(callID: String, command: [String], reason: String)
  /// The user is asked before a tool call runs; the answer comes through the session's
  /// `ApprovalHandler`.
  case approvalRequested(callID: String, question: ApprovalQuestion)
  case retrying(attempt: Int, delay: Duration, reason: String)
  /// After each turn; `contextLeft` is the share of `model_context_window` the next
  /// request still has (0...1), when the window is known.
  case tokenUsage(turn: TokenUsage, total: TokenUsage, contextLeft: Double?)
  /// The turn ended with the model's answer. Every turn ends with exactly one of
  /// `turnCompleted`, `turnFailed` and `turnInterrupted`.
  case turnCompleted(lastMessage: String?)
  /// The turn ended on an error (the request failed for good).
  case turnFailed(reason: String)
  /// The turn was stopped (Ctrl-C, a cancelled call, an aborted approval); what was
  /// said so far stays in the conversation.
  case turnInterrupted
  /// The history was replaced by this summary.
  case compacted(summary: String)
  /// Something went wrong beside the turn (a notify program failed); the turn stands.
  case warning(String)
}

/// How a turn ended: what `Session.submit` returns, and what its last event says.
public enum TurnEnd: Sendable, Equatable {
  case completed(lastMessage: String?)
  case failed(reason: String)
  case interrupted

  /// The event that reports this end.
  public var event: EngineEvent {
    switch self {
    case .completed(let message): return .turnCompleted(lastMessage: message)
    case .failed(let reason): return .turnFailed(reason: reason)
    case .interrupted: return .turnInterrupted
    }
  }
}

/// One step of the model's plan (`update_plan`).
public struct PlanStep: Sendable, Equatable {
  /// Where a step stands.
  public enum Status: String, Sendable {
    case pending
    case inProgress = "in_progress"
    case completed
  }
  /// What the step is.
  public var step: String
  /// Where it stands.
  public var status: Status

  /// A step of the plan.
  public init(step: String, status: Status) {
    self.step = step
    self.status = status
  }
}

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
  /// The call ran under the sandbox, which denied it (`reason` says what); the question
  /// is whether to run it again without the sandbox.
  public var retryWithoutSandbox: Bool

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

/// The user's answer to an approval question.
public enum ApprovalAnswer: Sendable, Equatable {
  /// Run it this time.
  case approve
  /// Run it, and this exact command again without asking, for the rest of the session.
  case approveForSession
  /// Do not run it; the model is told.
  case deny
  /// Stop the turn.
  case abort
}

/// How a front-end answers approval questions: a prompt, a script policy, MCP elicitation.
public protocol ApprovalHandler: Sendable {
  func answer(_ question: ApprovalQuestion) async -> ApprovalAnswer
}

/// For front-ends without a person: every question is answered "no".
public struct RefusingApprovalHandler: ApprovalHandler {
  /// The handler.
  public init() {}
  /// Always no.
  public func answer(_ question: ApprovalQuestion) async -> ApprovalAnswer { .deny }
}
