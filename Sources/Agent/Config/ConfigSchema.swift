/// The shape of the known configuration keys, used to warn about unknown ones.
indirect enum ConfigSchema: Sendable {
  /// A value of any type (type errors are the decoder's job).
  case leaf
  /// A table with these known keys.
  case table([String: ConfigSchema])
  /// A table whose keys are names chosen by the user, each holding this shape.
  case map(ConfigSchema)
  /// A table of free-form string entries (headers, environment).
  case anyTable

  static let provider = ConfigSchema.table([
    "name": .leaf, "base_url": .leaf, "env_key": .leaf, "wire_api": .leaf,
    "query_params": .anyTable,
    "http_headers": .anyTable, "env_http_headers": .anyTable, "request_max_retries": .leaf,
    "stream_max_retries": .leaf, "stream_idle_timeout_ms": .leaf,
  ])

  static let mcpServer = ConfigSchema.table([
    "command": .leaf, "args": .leaf, "env": .anyTable, "cwd": .leaf, "url": .leaf,
    "bearer_token_env_var": .leaf, "startup_timeout_sec": .leaf, "tool_timeout_sec": .leaf,
    "enabled": .leaf,
  ])

  /// Keys allowed at the top level and, except `profile` and `profiles`, inside a profile.
  static let settings: [String: ConfigSchema] = [
    "model": .leaf, "model_provider": .leaf, "model_providers": .map(provider),
    "approval_policy": .leaf, "sandbox_mode": .leaf,
    "sandbox_workspace_write": .table([
      "writable_roots": .leaf, "network_access": .leaf, "exclude_tmpdir_env_var": .leaf,
      "exclude_slash_tmp": .leaf, "allow_unix_sockets": .leaf,
    ]),
    "shell_environment_policy": .table([
      "inherit": .leaf, "exclude": .leaf, "set": .anyTable, "include_only": .leaf,
      "ignore_default_excludes": .leaf,
    ]),
    "mcp_servers": .map(mcpServer), "notify": .leaf,
    "history": .table(["persistence": .leaf, "max_bytes": .leaf]),
    "hide_agent_reasoning": .leaf, "model_reasoning_effort": .leaf,
    "model_reasoning_summary": .leaf,
    "model_verbosity": .leaf, "model_context_window": .leaf, "model_max_output_tokens": .leaf,
    "model_auto_compact_token_limit": .leaf, "project_doc_max_bytes": .leaf,
    "disable_response_storage": .leaf, "projects": .map(.table(["trust_level": .leaf])),
  ]

  static let file: ConfigSchema = {
    var keys = settings
    keys["profile"] = .leaf
    keys["profiles"] = .map(.table(settings))
    return .table(keys)
  }()

  /// The names a user may have meant at this level, for suggestions.
  var knownKeys: [String] {
    if case .table(let keys) = self { return keys.keys.sorted() }
    return []
  }

  /// Whether a full key path names a known setting (or lies inside a free-form table).
  func knows(_ path: [String]) -> Bool {
    guard let first = path.first else { return true }
    if case .anyTable = self { return true }
    guard let next = child(first) else { return false }
    return next.knows(Array(path.dropFirst()))
  }

  func child(_ key: String) -> ConfigSchema? {
    switch self {
    case .leaf, .anyTable: return nil
    case .table(let keys): return keys[key]
    case .map(let element): return element
    }
  }
}
