/// One `[features]` flag of Codex CLI. Every one Codex defines is accepted; those this
/// program uses switch something here, the others are kept in the file and listed as
/// not used.
public struct Feature: Sendable, Equatable {
  /// The key under `[features]`.
  public var name: String
  /// Whether the flag is on when the file does not say.
  public var defaultEnabled: Bool
  /// What it switches here, or nil when this program does not use it.
  public var effect: String?

  /// The flags Codex CLI defines (current and recent names).
  public static let all: [Feature] = {
    let used: [Feature] = [
      Feature(
        name: "shell_tool", defaultEnabled: true,
        effect: "offer the `shell` tool (off: the model cannot run commands)"),
      Feature(
        name: "apply_patch_freeform", defaultEnabled: false,
        effect:
          "offer apply_patch as a freeform tool with a grammar (Responses wire; default: as the model's catalog entry says)"
      ),
      Feature(
        name: "unified_exec", defaultEnabled: false,
        effect:
          "offer `exec_command` and `write_stdin` (a process per call, in a pseudo-terminal with `tty`, kept running across calls) instead of `shell` (default: as the model's catalog entry says)"
      ),
      Feature(
        name: "hooks", defaultEnabled: true,
        effect: "run the configured lifecycle hooks ([hooks] tables and hooks.json files)"),
      Feature(
        name: "view_image_tool", defaultEnabled: true,
        effect: "offer the `view_image` tool (off, or `[tools] view_image = false`: not offered)"),
    ]
    let accepted = [
      "apply_patch_streaming_events", "apps", "apps_mcp_path_override", "auth_elicitation",
      "browser_use", "browser_use_external", "child_agents_md", "chronicle", "code_mode",
      "code_mode_only", "codex_git_commit", "codex_hooks", "collab", "collaboration_modes",
      "computer_use", "connectors", "default_mode_request_user_input",
      "elevated_windows_sandbox", "enable_experimental_windows_sandbox", "enable_fanout",
      "enable_mcp_apps", "enable_request_compression", "exec_permission_approvals",
      "experimental_use_unified_exec_tool", "experimental_windows_sandbox",
      "external_migration", "fast_mode", "goals", "guardian_approval",
      "image_detail_original", "image_generation", "imagegenext", "in_app_browser", "js_repl",
      "js_repl_tools_only", "local_thread_store_compression", "memories", "memory_tool",
      "mentions_v2", "multi_agent", "multi_agent_v2", "network_proxy",
      "non_prefixed_mcp_tool_names", "personality", "plugin_hooks", "plugin_sharing",
      "plugins", "prevent_idle_sleep", "realtime_conversation", "remote_compaction_v2",
      "remote_control", "remote_models", "remote_plugin", "request_permissions",
      "request_permissions_tool", "request_rule", "responses_websocket_response_processed",
      "responses_websockets", "responses_websockets_v2", "runtime_metrics", "search_tool",
      "shell_snapshot", "shell_zsh_fork", "skill_env_var_dependency_prompt",
      "skill_mcp_dependency_install", "sqlite", "standalone_web_search", "steer", "telepathy",
      "terminal_resize_reflow", "tool_call_mcp_elicitation", "tool_search",
      "tool_search_always_defer_mcp_tools", "tool_suggest", "tui_app_server",
      "unavailable_dummy_tools", "undo", "unified_exec_zsh_fork",
      "use_legacy_landlock", "use_linux_sandbox_bwrap", "web_search", "web_search_cached",
      "web_search_request", "workspace_dependencies", "workspace_owner_usage_nudge",
      // Earlier names still found in config files.
      "plan_tool", "include_apply_patch_tool", "rmcp_client",
      "streamable_shell", "ghost_commit",
    ].map { Feature(name: $0, defaultEnabled: false, effect: nil) }
    return (used + accepted).sorted { $0.name < $1.name }
  }()

  /// The flag called `name`, if Codex defines one.
  public static func named(_ name: String) -> Feature? {
    all.first { $0.name == name }
  }
}
