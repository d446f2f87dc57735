import Sandbox
import TOML

/// The keys of `config.toml` (and of each `[profiles.NAME]`), as Codex CLI names them.
/// Every key is optional here; defaults are applied when the layers are merged.
struct ConfigFile: Decodable {
  var model: String?
  var model_provider: String?
  var model_providers: [String: ProviderFile]?
  var profile: String?
  var profiles: [String: ConfigFile]?
  var approval_policy: ApprovalPolicy?
  var sandbox_mode: SandboxMode?
  var sandbox_workspace_write: WorkspaceWriteFile?
  var shell_environment_policy: ShellEnvironmentFile?
  var mcp_servers: [String: MCPServerFile]?
  var notify: [String]?
  var history: HistoryFile?
  var hide_agent_reasoning: Bool?
  var model_reasoning_effort: ReasoningEffort?
  var model_reasoning_summary: ReasoningSummary?
  var model_verbosity: Verbosity?
  var model_context_window: Int?
  var model_max_output_tokens: Int?
  var model_auto_compact_token_limit: Int?
  var project_doc_max_bytes: Int?
  var disable_response_storage: Bool?
  var projects: [String: ProjectFile]?
  var show_raw_agent_reasoning: Bool?
  var model_supports_reasoning_summaries: Bool?
  var model_catalog_json: String?
  var experimental_use_unified_exec_tool: Bool?
  var model_reasoning_summary_format: String?
  var project_doc_fallback_filenames: [String]?
  var developer_instructions: String?
  var instructions: String?
  var model_instructions_file: String?
  var experimental_instructions_file: String?
  var compact_prompt: String?
  var review_model: String?
  var tool_output_token_limit: Int?
  var openai_base_url: String?
  var oss_provider: String?
  var file_opener: FileOpener?
  var web_search: WebSearchMode?
  var tui: TUIFile?
  var tools: ToolsFile?
  var features: [String: FeatureValue]?
}

/// A `[features]` entry: a boolean, or (for a few flags) a table of options, on unless it
/// says `enabled = false`.
struct FeatureValue: Decodable {
  var enabled: Bool

  private struct Options: Decodable { var enabled: Bool? }

  init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if let flag = try? container.decode(Bool.self) {
      enabled = flag
    } else {
      enabled = try container.decode(Options.self).enabled ?? true
    }
  }
}

struct TUIFile: Decodable {
  var notifications: NotificationsSetting?
  var notification_method: NotificationMethod?
  var notification_condition: String?
}

struct ToolsFile: Decodable {
  var web_search: WebSearchToolSetting?
  var view_image: Bool?
}

struct ProviderFile: Decodable {
  var name: String?
  var base_url: String?
  var env_key: String?
  var wire_api: WireAPI?
  var query_params: [String: String]?
  var http_headers: [String: String]?
  var env_http_headers: [String: String]?
  var request_max_retries: Int?
  var stream_max_retries: Int?
  var stream_idle_timeout_ms: Int?
  var stream: Bool?
  var pricing: PricingFile?
}

struct PricingFile: Decodable {
  var input: Double?
  var cached_input: Double?
  var output: Double?
}

struct WorkspaceWriteFile: Decodable {
  var writable_roots: [String]?
  var network_access: Bool?
  var exclude_tmpdir_env_var: Bool?
  var exclude_slash_tmp: Bool?
  var allow_unix_sockets: [String]?
}

struct ShellEnvironmentFile: Decodable {
  var inherit: EnvironmentInherit?
  var exclude: [String]?
  var set: [String: String]?
  var include_only: [String]?
  var ignore_default_excludes: Bool?
}

struct MCPServerFile: Decodable {
  var command: String?
  var args: [String]?
  var env: [String: String]?
  var cwd: String?
  var url: String?
  var bearer_token_env_var: String?
  var startup_timeout_sec: Double?
  var tool_timeout_sec: Double?
  var enabled: Bool?
  var startup_timeout_ms: Int?
  var http_headers: [String: String]?
  var env_http_headers: [String: String]?
  var env_vars: [MCPEnvironmentVariable]?
  var enabled_tools: [String]?
  var disabled_tools: [String]?
}

/// `env_vars` entries: a variable's name, or `{ name = "…" }`.
struct MCPEnvironmentVariable: Decodable {
  var name: String

  private struct Named: Decodable { var name: String }

  init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if let name = try? container.decode(String.self) {
      self.name = name
    } else {
      name = try container.decode(Named.self).name
    }
  }
}

struct HistoryFile: Decodable {
  var persistence: HistoryPersistence?
  var max_bytes: Int?
}

struct ProjectFile: Decodable {
  var trust_level: TrustLevel?
}
