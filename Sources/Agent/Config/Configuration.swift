import Sandbox
import TOML

/// The effective configuration of one session: every layer merged, defaults applied.
public struct Configuration: Sendable {
  /// `$CODEX_HOME` (default `~/.codex`): config, sessions, logs, history.
  public var codexHome: String
  /// The `config.toml` read (it may not exist).
  public var configFile: String
  /// Where the session works (`-C`, else the current directory).
  public var workingDirectory: String
  /// The profile in effect (`-p` or `profile = ...`), if any.
  public var profile: String?

  /// The model requests name.
  public var model: String
  /// The provider requests go to (`model_provider`).
  public var provider: ModelProvider
  /// When to ask before running a command.
  public var approvalPolicy: ApprovalPolicy
  /// What commands may touch.
  public var sandboxMode: SandboxMode
  /// The `[sandbox_workspace_write]` settings.
  public var workspaceWrite: WorkspaceWrite
  /// The environment commands get (`[shell_environment_policy]`).
  public var shellEnvironment: ShellEnvironmentPolicy
  /// The `[mcp_servers.NAME]` tables, in file order.
  public var mcpServers: [MCPServer]
  /// A program run after each turn with a JSON payload (`notify`).
  public var notify: [String]?
  /// Whether prompts are kept in `history.jsonl`.
  public var historyPersistence: HistoryPersistence
  /// Leave reasoning summaries out of the output.
  public var hideAgentReasoning: Bool
  /// How hard a reasoning model thinks (`model_reasoning_effort`).
  public var reasoningEffort: ReasoningEffort
  /// What summary of its reasoning to ask for (`model_reasoning_summary`).
  public var reasoningSummary: ReasoningSummary
  /// How long answers should be (`model_verbosity`), when set.
  public var verbosity: Verbosity?
  /// The model's context window in tokens (`model_context_window`), when known.
  public var contextWindow: Int?
  /// The most tokens one answer may have (`model_max_output_tokens`), when set.
  public var maxOutputTokens: Int?
  /// Compact the conversation once a request used this many input tokens.
  public var autoCompactTokenLimit: Int?
  /// How much of the AGENTS.md files is read (`project_doc_max_bytes`).
  public var projectDocMaxBytes: Int
  /// Whether the provider may store responses (`store`): off, as Codex sends it, unless
  /// `disable_response_storage = false` or an Azure provider (which needs it).
  public var storeResponses: Bool
  /// Project path to trust level.
  public var projects: [String: TrustLevel]
  /// Show the model's raw reasoning text, not only its summaries.
  public var showRawAgentReasoning = false
  /// Send reasoning settings whatever the model (`model_supports_reasoning_summaries`).
  public var supportsReasoningSummaries = false
  /// Files read when a directory has no AGENTS.md (`project_doc_fallback_filenames`).
  public var projectDocFallbackFilenames: [String] = []
  /// Sent as a developer message at the start of each session (`developer_instructions`).
  public var developerInstructions: String?
  /// Replaces the built-in instructions (`model_instructions_file`, `instructions`).
  public var modelInstructions: String?
  /// What the model is asked when the conversation is compacted (`compact_prompt`).
  public var compactPrompt: String?
  /// The model reviews use (`review_model`), when set.
  public var reviewModel: String?
  /// Tool output sent to the model is cut to about this many tokens
  /// (`tool_output_token_limit`).
  public var toolOutputTokenLimit: Int?
  /// Which editor file paths in output link to (`file_opener`).
  public var fileOpener: FileOpener = .none
  /// The kinds of terminal notification asked for (`tui.notifications`).
  public var notifications = NotificationsSetting(all: false)
  /// How they are given (`tui.notification_method`).
  public var notificationMethod: NotificationMethod = .auto
  /// Web search for the model (`web_search`, `[tools] web_search`, `--search`).
  public var webSearch: WebSearchMode = .disabled
  /// Whether the `view_image` tool is offered (`[tools] view_image`).
  public var viewImage = true
  /// The `[features]` flags as set (names Codex defines).
  public var features: [String: Bool] = [:]
  /// `history.jsonl` is kept under this size by dropping its oldest lines
  /// (`history.max_bytes`).
  public var historyMaxBytes: Int?

  /// The directory trust is recorded for: the git repository's top level holding the
  /// working directory, or the working directory itself.
  public var projectRoot: String {
    Instructions.gitRoot(from: workingDirectory) ?? workingDirectory
  }

  /// The trust level recorded for this project (its root, or the working directory),
  /// when there is one.
  public var projectTrust: TrustLevel? {
    projects[projectRoot] ?? projects[workingDirectory]
  }

  /// Puts a setting's new value and origin in the list `codex config` shows.
  mutating func replaceSetting(_ path: [String], _ value: TOMLValue, origin: ConfigOrigin) {
    let setting = ConfigSetting(path: path, value: value, origin: origin)
    if let index = settings.firstIndex(where: { $0.path == path }) {
      settings[index] = setting
    } else {
      settings.append(setting)
    }
  }

  /// Only tools that read are offered (no `apply_patch`, no plan): a review's session.
  public var readOnlyTools = false
  /// The session is not written to disk (`--ephemeral`).
  public var ephemeral = false
  /// The JSON Schema answers must follow (`--output-schema`), sent with every request.
  public var outputSchema: JSONValue?

  /// The models known by name (`model_catalog_json`, else the built-in copy of Codex's).
  public var catalog = ModelCatalog.builtIn

  /// What the catalog says of the configured model, if it lists it.
  public var modelInfo: ModelInfo? { catalog.info(for: model) }

  /// Whether a `[features]` flag is on (its default when not set).
  public func isEnabled(_ feature: String) -> Bool {
    features[feature] ?? Feature.named(feature)?.defaultEnabled ?? false
  }

  /// The user's and trusted projects' command rules (`*.rules`), shared by the session's
  /// calls; "always allow" answers add to it.
  public var execPolicy: ExecPolicy = .empty
  /// The skills offered to the model (`SKILL.md` folders).
  public var skills = SkillCatalog()
  /// The lifecycle hooks (`[hooks]`, `hooks.json`) and which of them are trusted.
  public var hooks: Hooks = .none
  /// The `.codex` folders of the trusted project, root first (its rules, hooks and
  /// skills are read); empty when the project is not trusted or has none.
  public var projectFolders: [String] = []

  /// Where "always allow" answers are written, as Codex writes them.
  public var defaultRulesFile: String { codexHome + "/rules/default.rules" }

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
      allowUnixSockets: workspaceWrite.allowUnixSockets,
      excludeWorkingDirectory: workspaceWrite.excludeWorkingDirectory)
  }

  /// The permission profile in effect (`default_permissions`, `-P`), when the sandbox
  /// comes from one rather than from `sandbox_mode`.
  public var permissionProfile: String?

  /// What workspace-write mode adds to the working directory.
  public struct WorkspaceWrite: Sendable, Equatable {
    /// More directories commands may write.
    public var writableRoots: [String]
    /// Whether commands may use the network.
    public var networkAccess: Bool
    /// Do not make `$TMPDIR` writable.
    public var excludeTmpdirEnvVar: Bool
    /// Do not make `/tmp` writable.
    public var excludeSlashTmp: Bool
    /// Unix sockets outside the writable roots that stay reachable with the network off.
    public var allowUnixSockets: [String] = []
    /// The working directory is not writable (a permission profile granting other folders).
    public var excludeWorkingDirectory = false
  }

  /// One `[mcp_servers.NAME]` table: a command to start (stdio) or a URL (streamable HTTP).
  public struct MCPServer: Sendable, Equatable {
    /// The table's name, which prefixes its tools.
    public var name: String
    /// The program of a stdio server.
    public var command: String?
    /// Its arguments.
    public var args: [String]
    /// Variables set for it (it does not inherit API keys).
    public var env: [String: String]
    /// Where it runs.
    public var cwd: String?
    /// The endpoint of an HTTP server.
    public var url: String?
    /// The variable holding the HTTP server's bearer token.
    public var bearerTokenEnvVar: String?
    /// How long it may take to start and list its tools.
    public var startupTimeoutSeconds: Double
    /// How long one tool call may take.
    public var toolTimeoutSeconds: Double
    /// `enabled = false` keeps it configured but not started.
    public var enabled: Bool
    /// Headers sent to an HTTP server.
    public var httpHeaders: [String: String] = [:]
    /// Header name to the environment variable holding its value (HTTP servers).
    public var envHTTPHeaders: [String: String] = [:]
    /// More variables of our environment a stdio server receives (`env_vars`).
    public var passedVariables: [String] = []
    /// Only these tools are offered, when set (`enabled_tools`).
    public var enabledTools: [String]?
    /// These tools are never offered (`disabled_tools`, applied after `enabled_tools`).
    public var disabledTools: [String] = []

    /// Whether the model is offered the server's tool `name`.
    public func offers(_ name: String) -> Bool {
      (enabledTools?.contains(name) ?? true) && !disabledTools.contains(name)
    }
  }
}

/// One effective setting: `model = o3` from `-c`.
public struct ConfigSetting: Sendable {
  /// The key path (`["model_providers", "ollama", "base_url"]`).
  public var path: [String]
  /// The value in effect.
  public var value: TOMLValue
  /// Where it came from: a file and line, `-c`, a flag, a profile, or the default.
  public var origin: ConfigOrigin

  /// The key path as TOML writes it.
  public var key: String { TOMLEncoder.dottedKey(path) }
}

extension Configuration {
  /// A request to the configured model with the settings every request carries.
  public func modelRequest(
    instructions: String, items: [ConversationItem], tools: [ToolSpec], sessionID: String
  ) -> ModelRequest {
    var request = ModelRequest(
      model: model, instructions: instructions, items: items, tools: tools,
      reasoningEffort: reasoningEffort, reasoningSummary: reasoningSummary,
      store: storeResponses, sessionID: sessionID)
    request.verbosity = verbosity
    request.maxOutputTokens = maxOutputTokens
    // A model the catalog gives reasoning efforts takes reasoning settings, whatever its name.
    request.forceReasoning =
      supportsReasoningSummaries
      || modelInfo.map { $0.defaultEffort != nil || !$0.efforts.isEmpty }
        ?? false
    request.outputSchema = outputSchema
    request.webSearch = webSearch
    return request
  }
}
