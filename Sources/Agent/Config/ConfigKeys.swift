/// Every key of Codex CLI's `config.toml`, as this program treats it.
enum ConfigKeys {
  static let provider = ConfigSchema.table([
    "name": .leaf, "base_url": .leaf, "env_key": .leaf, "wire_api": .leaf,
    "query_params": .anyTable,
    "http_headers": .anyTable, "env_http_headers": .anyTable, "request_max_retries": .leaf,
    "stream_max_retries": .leaf, "stream_idle_timeout_ms": .leaf, "stream": .leaf,
    "pricing": .table(["input": .leaf, "cached_input": .leaf, "output": .leaf]),
    "env_key_instructions": .leaf, "requires_openai_auth": .leaf,
    "experimental_bearer_token": .leaf,
    "auth": .unsupported("a command that prints a token is not run here; use env_key"),
    "aws": .unsupported("AWS SigV4 signing is not offered here"),
    "supports_websockets": .unsupported("requests are streamed over HTTP (SSE) here"),
    "websocket_connect_timeout_ms": .unsupported("requests are streamed over HTTP (SSE) here"),
  ])

  static let mcpServer = ConfigSchema.table([
    "command": .leaf, "args": .leaf, "env": .anyTable, "cwd": .leaf, "url": .leaf,
    "bearer_token_env_var": .leaf, "startup_timeout_sec": .leaf, "tool_timeout_sec": .leaf,
    "enabled": .leaf, "name": .leaf,
    "startup_timeout_ms": .leaf, "http_headers": .anyTable, "env_http_headers": .anyTable,
    "env_vars": .leaf, "enabled_tools": .leaf, "disabled_tools": .leaf,
    "required": .unsupported("a server that fails to start is reported and the session goes on"),
    "oauth": .unsupported(noOAuth), "oauth_resource": .unsupported(noOAuth),
    "scopes": .unsupported(noOAuth),
    "tools": .unsupported(
      "per-tool approval modes are not offered; every MCP call is approved as the policy says"),
    "default_tools_approval_mode": .unsupported(
      "per-tool approval modes are not offered; every MCP call is approved as the policy says"),
    "supports_parallel_tool_calls": .unsupported("tool calls run one after another here"),
    "environment_id": .unsupported("remote environments are not offered here"),
  ])

  static let noOAuth =
    "MCP OAuth sign-in is not offered here; use bearer_token_env_var or http_headers"
  static let noChatGPT =
    "ChatGPT sign-in is not offered here; the API key comes from the provider's env_key or `codex login --api-key`"
  static let noTelemetry = "this program sends no telemetry, analytics or feedback"
  static let noTUI = "this is a line-oriented session in the terminal's own scrollback"
  static let noSubsystem =
    "that part of Codex (apps, plugins, agents, memories) is not in this program"

  static let tui = ConfigSchema.table([
    "notifications": .leaf, "notification_method": .leaf, "notification_condition": .leaf,
    "alternate_screen": .unsupported(noTUI), "animations": .unsupported(noTUI),
    "keymap": .unsupported("key bindings come from libedit: put them in ~/.editrc"),
    "model_availability_nux": .unsupported(noTUI), "pet": .unsupported(noTUI),
    "pet_anchor": .unsupported(noTUI), "raw_output_mode": .unsupported(noTUI),
    "session_picker_view": .unsupported(noTUI), "show_mcp_startup_status": .unsupported(noTUI),
    "show_tooltips": .unsupported(noTUI), "status_line": .unsupported(noTUI),
    "status_line_use_colors": .unsupported(noTUI),
    "terminal_resize_reflow_max_rows": .unsupported(noTUI),
    "terminal_title": .unsupported(noTUI), "theme": .unsupported(noTUI),
    "vim_mode_default": .unsupported("editing keys come from libedit: `bind -v` in ~/.editrc"),
  ])

  /// Keys allowed at the top level and, except `profile` and `profiles`, inside a profile.
  static let settings: [String: ConfigSchema] = {
    var keys: [String: ConfigSchema] = [
      "model": .leaf, "model_provider": .leaf, "model_providers": .map(provider),
      "approval_policy": .leaf, "sandbox_mode": .leaf,
      "sandbox_workspace_write": .table([
        "writable_roots": .leaf, "network_access": .leaf, "exclude_tmpdir_env_var": .leaf,
        "exclude_slash_tmp": .leaf, "allow_unix_sockets": .leaf,
      ]),
      "shell_environment_policy": .table([
        "inherit": .leaf, "exclude": .leaf, "set": .anyTable, "include_only": .leaf,
        "ignore_default_excludes": .leaf,
        "experimental_use_profile": .unsupported(
          "commands do not run through a login profile here"),
      ]),
      "mcp_servers": .map(mcpServer), "notify": .leaf,
      "history": .table(["persistence": .leaf, "max_bytes": .leaf]),
      "hide_agent_reasoning": .leaf, "show_raw_agent_reasoning": .leaf,
      "model_reasoning_effort": .leaf, "model_reasoning_summary": .leaf,
      "model_reasoning_summary_format": .leaf, "model_supports_reasoning_summaries": .leaf,
      "model_catalog_json": .leaf, "experimental_use_unified_exec_tool": .leaf,
      "default_permissions": .leaf, "permissions": .anyTable,
      "model_verbosity": .leaf, "model_context_window": .leaf, "model_max_output_tokens": .leaf,
      "model_auto_compact_token_limit": .leaf, "project_doc_max_bytes": .leaf,
      "project_doc_fallback_filenames": .leaf,
      "disable_response_storage": .leaf, "projects": .map(.table(["trust_level": .leaf])),
      "developer_instructions": .leaf, "instructions": .leaf,
      "model_instructions_file": .leaf, "experimental_instructions_file": .leaf,
      "compact_prompt": .leaf, "review_model": .leaf, "tool_output_token_limit": .leaf,
      "openai_base_url": .leaf, "oss_provider": .leaf, "file_opener": .leaf,
      "web_search": .leaf, "tui": tui,
      "tools": .table([
        "web_search": .leaf, "view_image": .leaf,
        "experimental_request_user_input": .unsupported(
          "the model cannot ask questions mid-turn here"),
      ]),
      "features": .table(Dictionary(uniqueKeysWithValues: Feature.all.map { ($0.name, .leaf) })),
      // Events are checked where hooks are read, with a warning naming the file.
      "hooks": .anyTable, "skills": .anyTable,
    ]
    for (key, reason) in unsupported { keys[key] = .unsupported(reason) }
    return keys
  }()

  /// Codex keys accepted without effect, with the reason said to the user.
  static let unsupported: [String: String] = [
    "analytics": noTelemetry, "feedback": noTelemetry, "otel": noTelemetry,
    "check_for_update_on_startup": "this program does not check for updates",
    "cli_auth_credentials_store": noChatGPT, "forced_login_method": noChatGPT,
    "forced_chatgpt_workspace_id": noChatGPT, "chatgpt_base_url": noChatGPT,
    "mcp_oauth_callback_port": noOAuth, "mcp_oauth_callback_url": noOAuth,
    "mcp_oauth_credentials_store": noOAuth,
    "apps": noSubsystem, "apps_mcp_product_sku": noSubsystem, "plugins": noSubsystem,
    "marketplaces": noSubsystem, "tool_suggest": noSubsystem,
    "memories": noSubsystem, "agents": noSubsystem,
    "auto_review": "approvals are answered by you, not by a reviewing model",
    "approvals_reviewer": "approvals are answered by you, not by a reviewing model",
    "desktop": "settings of the desktop app", "notice": "settings of Codex's own notices",
    "audio": "there is no voice mode here", "realtime": "there is no voice mode here",
    "experimental_realtime_start_instructions": "there is no voice mode here",
    "experimental_realtime_ws_backend_prompt": "there is no voice mode here",
    "experimental_realtime_ws_base_url": "there is no voice mode here",
    "experimental_realtime_ws_model": "there is no voice mode here",
    "experimental_realtime_ws_startup_context": "there is no voice mode here",
    "experimental_thread_config_endpoint": "sessions are local files here",
    "experimental_thread_store": "sessions are local files here",
    "sqlite_home": "sessions are local files here (no state database)",
    "log_dir": "the log is $CODEX_HOME/log/codex.log",
    "debug": "config lock files are not offered here",
    "windows": "this program runs on Linux", "ghost_snapshot": "a no-op in Codex too",
    "personality": "the built-in instructions have no personalities; use developer_instructions",
    "service_tier": "service tiers are not requested here",
    "plan_mode_reasoning_effort": "there is no plan mode here",
    "model_auto_compact_token_limit_scope": "the whole context counts against the limit here",
    "experimental_compact_prompt_file": "use compact_prompt",
    "include_apps_instructions": noSubsystem,
    "include_collaboration_mode_instructions": "there are no collaboration modes here",
    "include_environment_context": "the environment context is always sent",
    "include_permissions_instructions": "the sandbox and approval policy are always described",
    "allow_login_shell": "commands run as the model gives them, without a login shell",
    "background_terminal_max_timeout": "write_stdin polls wait at most 30 s here",
    "disable_paste_burst": noTUI,
    "suppress_unstable_features_warning": "features here are stable or not used",
    "project_root_markers": "the project root is the git repository's top level",
  ]
}
