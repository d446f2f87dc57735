import Sandbox

/// What the engine reports while it works; every front-end renders these.
public enum EngineEvent: Sendable {
  case sessionConfigured(sessionID: String, model: String, provider: String)
  case turnStarted
  case agentMessageDelta(String)
  case agentMessage(String)
  case reasoningDelta(String)
  case reasoning(String)
  /// A piece of a tool call's input as the model writes it (a long patch takes a while).
  case toolInputDelta(String)
  case execBegin(callID: String, command: [String], workingDirectory: String, sandboxed: Bool)
  case execOutput(callID: String, stream: OutputStreamKind, bytes: [UInt8])
  /// Output of a command the user ran (`!cmd`), as it comes.
  case userShellOutput(stream: OutputStreamKind, bytes: [UInt8])
  case execEnd(
    callID: String, command: [String], exitCode: Int32, duration: Duration, output: String)
  /// A command outlived its call (`exec_command`): it keeps running as a background
  /// terminal, `processID` being the session id the model writes to.
  case execRunning(callID: String, command: String, processID: Int)
  /// A patch is about to be applied (it was checked and approved).
  case patchBegin(callID: String, changes: [FileChange])
  case patchApplied(callID: String, changes: [FileChange])
  case patchFailed(callID: String, message: String)
  case planUpdated([PlanStep])
  /// The model asked to see an image file (`view_image`); it goes with the next request.
  case imageViewed(path: String)
  /// A tool of an MCP server is called; `arguments` is the model's JSON.
  case mcpToolCallBegin(callID: String, server: String, tool: String, arguments: String)
  case mcpToolCallEnd(
    callID: String, server: String, tool: String, result: MCPToolResult, duration: Duration)
  /// The model called a tool it was not offered; it is told the tools it has.
  case unknownTool(callID: String, name: String)
  /// A command was not run; the model is told why.
  case commandRefused(callID: String, command: [String], reason: String)
  /// The user is asked before a tool call runs; the answer comes through the session's
  /// `ApprovalHandler`.
  case approvalRequested(callID: String, question: ApprovalQuestion)
  /// A model request failed and is tried again; answer text already streamed by the
  /// failed attempt (`discardedCharacters`) is void and comes again.
  case retrying(RetryNotice)
  /// Something to tell the user once about how the provider is used.
  case notice(String)
  /// The provider searched the web with its own tool.
  case webSearch(WebSearchCall)
  /// A code review began (its own turn follows: tool use, then `reviewCompleted`).
  case reviewStarted(target: String)
  /// A code review's findings and verdict, before the turn's end.
  case reviewCompleted(ReviewResult)
  /// After each turn; `turn` is nil when the provider reported no usage. `contextLeft`
  /// is the share of `model_context_window` the next request still has (0...1), when
  /// the window is known.
  case tokenUsage(turn: TokenUsage?, total: TokenUsage, contextLeft: Double?)
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
