import Sandbox
import TOML

/// The effective configuration of one session: every layer merged, defaults applied.
public struct Configuration: Sendable {
  public var codexHome: String
  public var configFile: String
  public var workingDirectory: String
  public var profile: String?

  public var model: String
  public var provider: ModelProvider
  public var approvalPolicy: ApprovalPolicy
  public var sandboxMode: SandboxMode
  public var workspaceWrite: WorkspaceWrite
  public var shellEnvironment: ShellEnvironmentPolicy
  public var mcpServers: [MCPServer]
  public var notify: [String]?
  public var historyPersistence: HistoryPersistence
  public var hideAgentReasoning: Bool
  public var reasoningEffort: ReasoningEffort
  public var reasoningSummary: ReasoningSummary
  public var verbosity: Verbosity?
  public var contextWindow: Int?
  public var maxOutputTokens: Int?
  public var autoCompactTokenLimit: Int?
  public var projectDocMaxBytes: Int
  public var disableResponseStorage: Bool
  /// Project path to trust level.
  public var projects: [String: TrustLevel]

  /// Every effective setting as a dotted key path with its value and origin, in a
  /// stable order, for `codex config`.
  public var settings: [ConfigSetting]
  /// Unknown keys and similar problems that do not stop codex.
  public var warnings: [String]
  /// The profiles `config.toml` defines, in file order (for completion and `/profile`).
  public var profileNames: [String] = []
  /// Every model named in `config.toml` or its profiles, the effective one first.
  public var knownModels: [String] = []

  /// The sandbox mode with its workspace-write settings.
  public var sandboxPolicy: SandboxPolicy {
    SandboxPolicy(
      mode: sandboxMode, writableRoots: workspaceWrite.writableRoots,
      networkAccess: workspaceWrite.networkAccess,
      excludeTmpdirEnvVar: workspaceWrite.excludeTmpdirEnvVar,
      excludeSlashTmp: workspaceWrite.excludeSlashTmp,
      allowUnixSockets: workspaceWrite.allowUnixSockets)
  }

  public struct WorkspaceWrite: Sendable, Equatable {
    public var writableRoots: [String]
    public var networkAccess: Bool
    public var excludeTmpdirEnvVar: Bool
    public var excludeSlashTmp: Bool
    /// Unix sockets outside the writable roots that stay reachable with the network off.
    public var allowUnixSockets: [String] = []
  }

  public struct MCPServer: Sendable, Equatable {
    public var name: String
    public var command: String?
    public var args: [String]
    public var env: [String: String]
    public var cwd: String?
    public var url: String?
    public var bearerTokenEnvVar: String?
    public var startupTimeoutSeconds: Double
    public var toolTimeoutSeconds: Double
    public var enabled: Bool
  }
}

/// One effective setting: `model = o3` from `-c`.
public struct ConfigSetting: Sendable {
  public var path: [String]
  public var value: TOMLValue
  public var origin: ConfigOrigin

  public var key: String { TOMLEncoder.dottedKey(path) }
}
