import Sandbox

/// What a tool sees of the session while it runs.
public struct ToolContext: Sendable {
  /// The call being handled.
  public var callID: String
  /// The session's configuration at the time of the call.
  public var configuration: Configuration
  /// codex's own environment (commands get `shell_environment_policy`'s view of it).
  public var environment: [String: String]
  /// What runs processes (a fake in tests).
  public var executor: any CommandExecutor
  /// The session's MCP servers, if any are configured.
  public var mcp: MCPServers?
  /// Reports progress (command output, patches) to the front-end.
  public var emit: @Sendable (EngineEvent) -> Void
  /// Called with each file a patch changed, for `/diff` and `/undo`.
  public var recordChange: @Sendable (FileChange, PatchApplier) -> Void
  /// Adds an image (a data URL) to the conversation after the call's output.
  public var attachImage: @Sendable (String) -> Void = { _ in }
  /// The processes `exec_command` left running in this session.
  public var execSessions = UnifiedExecSessions()
  /// What hooks are told of the session and turn.
  public var hookContext: Hooks.Context?
  /// Called before a call that may write runs (the turn's snapshot for /undo).
  public var beforeWrite: @Sendable () async -> Void = {}
  /// Called after a call that may have written ran (the next snapshot begun early).
  public var afterWrite: @Sendable () -> Void = {}
  /// Adds a developer message (a hook's context) after the call's output.
  public var addContext: @Sendable (String) -> Void = { _ in }

  /// The session's working directory.
  public var workingDirectory: String { configuration.workingDirectory }
  /// The session's sandbox policy.
  public var policy: SandboxPolicy { configuration.sandboxPolicy }
  /// The session's approval policy.
  public var approvalPolicy: ApprovalPolicy { configuration.approvalPolicy }
}
