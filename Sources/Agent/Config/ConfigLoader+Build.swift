import Foundation
import Sandbox
import TOML

extension ConfigLoader {
  /// Turns the merged, decoded keys into the typed configuration.
  func build(
    _ file: ConfigFile, home: String, configPath: String, workingDirectory: String,
    profile: String?,
    settings: [ConfigSetting], warnings: [String], layers: ConfigLayers
  ) throws -> Configuration {
    let providerID = file.model_provider ?? "openai"
    let providers = file.model_providers ?? [:]
    guard let providerFile = providers[providerID] else {
      let origin = layers.origins[["model_provider"]].map { " (set by \($0))" } ?? ""
      throw ConfigError(
        "model_provider `\(providerID)`\(origin) is not defined; known providers: "
          + providers.keys.sorted().joined(separator: ", ")
          + "; define it under [model_providers.\(providerID)]")
    }
    guard let baseURL = providerFile.base_url, !baseURL.isEmpty else {
      throw ConfigError(
        "model_providers.\(providerID) has no base_url; set it to the provider's API root, e.g. \"http://localhost:8080/v1\""
      )
    }
    var provider = ModelProvider(
      id: providerID, name: providerFile.name ?? providerID, baseURL: baseURL,
      envKey: providerFile.env_key,
      wireAPI: providerFile.wire_api ?? .chat, queryParams: providerFile.query_params ?? [:],
      httpHeaders: providerFile.http_headers ?? [:],
      envHTTPHeaders: providerFile.env_http_headers ?? [:],
      requestMaxRetries: providerFile.request_max_retries ?? 4,
      streamMaxRetries: providerFile.stream_max_retries ?? 5,
      streamIdleTimeoutMilliseconds: providerFile.stream_idle_timeout_ms ?? 300_000)
    provider.streams = providerFile.stream ?? true
    if let prices = providerFile.pricing {
      guard let input = prices.input, let output = prices.output else {
        throw ConfigError(
          "model_providers.\(providerID).pricing needs `input` and `output` (USD per million tokens), e.g. pricing = { input = 1.25, cached_input = 0.125, output = 10.0 }"
        )
      }
      provider.pricing = Pricing(input: input, cachedInput: prices.cached_input, output: output)
    }

    let workspace = file.sandbox_workspace_write
    let shell = file.shell_environment_policy
    let servers = (file.mcp_servers ?? [:]).keys.sorted().map { name -> Configuration.MCPServer in
      let server = file.mcp_servers![name]!
      return Configuration.MCPServer(
        name: name, command: server.command, args: server.args ?? [], env: server.env ?? [:],
        cwd: server.cwd,
        url: server.url, bearerTokenEnvVar: server.bearer_token_env_var,
        startupTimeoutSeconds: server.startup_timeout_ms.map { Double($0) / 1000 }
          ?? server.startup_timeout_sec ?? 10,
        toolTimeoutSeconds: server.tool_timeout_sec ?? 60,
        enabled: server.enabled ?? true, httpHeaders: server.http_headers ?? [:],
        envHTTPHeaders: server.env_http_headers ?? [:],
        passedVariables: (server.env_vars ?? []).map(\.name), enabledTools: server.enabled_tools,
        disabledTools: server.disabled_tools ?? [])
    }
    var warnings = warnings
    let catalog = try loadCatalog(file.model_catalog_json, configPath: configPath)
    let model = file.model ?? ConfigDefaults.model
    let info = catalog.info(for: model)
    for server in servers where server.command == nil && server.url == nil {
      warnings.append(
        "mcp_servers.\(server.name) has neither `command` nor `url` and will be skipped")
    }

    var configuration = Configuration(
      codexHome: home, configFile: configPath, workingDirectory: workingDirectory, profile: profile,
      model: model, provider: provider,
      approvalPolicy: file.approval_policy ?? .untrusted,
      sandboxMode: file.sandbox_mode ?? .readOnly,
      workspaceWrite: .init(
        writableRoots: workspace?.writable_roots ?? [],
        networkAccess: workspace?.network_access ?? false,
        excludeTmpdirEnvVar: workspace?.exclude_tmpdir_env_var ?? false,
        excludeSlashTmp: workspace?.exclude_slash_tmp ?? false,
        allowUnixSockets: workspace?.allow_unix_sockets ?? []),
      shellEnvironment: ShellEnvironmentPolicy(
        inherit: shell?.inherit ?? .all, exclude: shell?.exclude ?? [], set: shell?.set ?? [:],
        includeOnly: shell?.include_only ?? [],
        ignoreDefaultExcludes: shell?.ignore_default_excludes ?? false),
      mcpServers: servers, notify: file.notify,
      historyPersistence: file.history?.persistence ?? .saveAll,
      hideAgentReasoning: file.hide_agent_reasoning ?? false,
      reasoningEffort: file.model_reasoning_effort ?? info?.defaultEffort ?? .medium,
      reasoningSummary: file.model_reasoning_summary ?? info?.defaultSummary ?? .auto,
      verbosity: file.model_verbosity ?? info?.defaultVerbosity,
      contextWindow: file.model_context_window ?? info?.contextWindow,
      maxOutputTokens: file.model_max_output_tokens,
      autoCompactTokenLimit: file.model_auto_compact_token_limit,
      projectDocMaxBytes: file.project_doc_max_bytes ?? 32_768,
      storeResponses: file.disable_response_storage.map { !$0 } ?? provider.isAzure,
      projects: (file.projects ?? [:]).compactMapValues(\.trust_level),
      settings: settings, warnings: warnings)
    configuration.catalog = catalog
    showModelDefaults(in: &configuration, file: file, info: info)
    try applyNewerKeys(file, configPath: configPath, to: &configuration)
    applyTrust(to: &configuration, layers: layers)
    return configuration
  }

  /// A project's trust level sets the defaults Codex CLI gives it: a trusted one works
  /// in `workspace-write` with `on-request`, an untrusted one in `read-only` with
  /// `untrusted`. Only where neither the files, a profile nor a flag chose.
  private func applyTrust(to configuration: inout Configuration, layers: ConfigLayers) {
    guard let trust = configuration.projectTrust else { return }
    let trusted = trust == .trusted
    if layers.origins[["approval_policy"]] == .builtIn {
      configuration.approvalPolicy = trusted ? .onRequest : .untrusted
      configuration.replaceSetting(
        ["approval_policy"], .string(configuration.approvalPolicy.rawValue),
        origin: .project(trust.rawValue))
    }
    if layers.origins[["sandbox_mode"]] == .builtIn {
      configuration.sandboxMode = trusted ? .workspaceWrite : .readOnly
      configuration.replaceSetting(
        ["sandbox_mode"], .string(configuration.sandboxMode.rawValue),
        origin: .project(trust.rawValue))
    }
  }

  /// The keys Codex CLI added after the first ones.
  private func applyNewerKeys(
    _ file: ConfigFile, configPath: String, to configuration: inout Configuration
  ) throws {
    configuration.showRawAgentReasoning = file.show_raw_agent_reasoning ?? false
    configuration.supportsReasoningSummaries = file.model_supports_reasoning_summaries ?? false
    configuration.projectDocFallbackFilenames = file.project_doc_fallback_filenames ?? []
    configuration.developerInstructions = file.developer_instructions
    configuration.compactPrompt = file.compact_prompt
    configuration.reviewModel = file.review_model
    configuration.toolOutputTokenLimit = file.tool_output_token_limit
    configuration.fileOpener = file.file_opener ?? .none
    configuration.notifications = file.tui?.notifications ?? NotificationsSetting(all: false)
    configuration.notificationMethod = file.tui?.notification_method ?? .auto
    configuration.features = (file.features ?? [:]).mapValues(\.enabled)
    if configuration.features["unified_exec"] == nil,
      let unified = file.experimental_use_unified_exec_tool
    {
      configuration.features["unified_exec"] = unified
    }
    configuration.viewImage = file.tools?.view_image ?? true
    configuration.historyMaxBytes = file.history?.max_bytes
    if let mode = file.web_search {
      configuration.webSearch = mode
    } else if file.tools?.web_search?.enabled == true
      || configuration.isEnabled("web_search_request")
    {
      configuration.webSearch = .live
    }
    configuration.modelInstructions = file.instructions
    if let path = file.model_instructions_file ?? file.experimental_instructions_file {
      let key =
        file.model_instructions_file != nil
        ? "model_instructions_file" : "experimental_instructions_file"
      let directory = (configPath as NSString).deletingLastPathComponent
      let resolved = path.hasPrefix("/") ? path : absolute(path, from: directory)
      do {
        guard let bytes = try FileReader.readIfPresent(resolved) else {
          throw ConfigError(
            "\(key) = \"\(path)\": \(resolved) does not exist; create it or remove the key")
        }
        configuration.modelInstructions = String(decoding: bytes, as: UTF8.self)
      } catch let error as FileReader.Failure {
        throw ConfigError("\(key) = \"\(path)\": cannot read \(resolved): \(error.reason)")
      }
    }
  }

  /// The catalog `model_catalog_json` names (relative to the config file), else the
  /// built-in one.
  private func loadCatalog(_ path: String?, configPath: String) throws -> ModelCatalog {
    guard let path else { return .builtIn }
    let directory = (configPath as NSString).deletingLastPathComponent
    let resolved = path.hasPrefix("/") ? path : absolute(path, from: directory)
    do {
      guard let bytes = try FileReader.readIfPresent(resolved) else {
        throw ConfigError(
          "model_catalog_json = \"\(path)\": \(resolved) does not exist; write the catalog there (as `codex debug models` prints it) or remove the key"
        )
      }
      return try ModelCatalog(json: Data(bytes))
    } catch let error as FileReader.Failure {
      throw ConfigError(
        "model_catalog_json = \"\(path)\": cannot read \(resolved): \(error.reason)")
    } catch let problem as ModelCatalog.Problem {
      throw ConfigError(
        "model_catalog_json = \"\(path)\": \(resolved): \(problem); fix the file or remove the key")
    }
  }

  /// Lists the request settings the model's catalog entry (or the built-in fallback)
  /// chose, so `codex config` shows where each value came from.
  private func showModelDefaults(
    in configuration: inout Configuration, file: ConfigFile, info: ModelInfo?
  ) {
    let origin = info.map { ConfigOrigin.catalog(model: $0.slug) } ?? .builtIn
    if file.model_reasoning_effort == nil {
      configuration.replaceSetting(
        ["model_reasoning_effort"], .string(configuration.reasoningEffort.rawValue), origin: origin)
    }
    if file.model_reasoning_summary == nil {
      configuration.replaceSetting(
        ["model_reasoning_summary"], .string(configuration.reasoningSummary.rawValue),
        origin: origin)
    }
    if file.model_verbosity == nil, let verbosity = configuration.verbosity {
      configuration.replaceSetting(["model_verbosity"], .string(verbosity.rawValue), origin: origin)
    }
    if file.model_context_window == nil, let window = configuration.contextWindow {
      configuration.replaceSetting(
        ["model_context_window"], TOMLValue(.integer(Int64(window))), origin: origin)
    }
  }
}
