import Foundation
import Sandbox
import TOML

/// Resolves the configuration: built-in defaults, `config.toml`, the selected profile,
/// `-c` overrides and flags, highest last.
public struct ConfigLoader: Sendable {
  /// The environment (`CODEX_HOME`, API keys, `OPENAI_BASE_URL`).
  public var environment: [String: String]
  /// The working directory unless `-C` names another.
  public var currentDirectory: String
  /// Where `~` points (the default `CODEX_HOME` is `~/.codex`).
  public var homeDirectory: String

  /// A loader for this process's environment and directories unless others are given
  /// (tests).
  public init(
    environment: [String: String] = ProcessInfo.processInfo.environment,
    currentDirectory: String = FileManager.default.currentDirectoryPath,
    homeDirectory: String = NSHomeDirectory()
  ) {
    self.environment = environment
    self.currentDirectory = currentDirectory
    self.homeDirectory = homeDirectory
  }

  /// `$CODEX_HOME`, else `~/.codex`. A `CODEX_HOME` that does not exist is an error.
  public func codexHome() throws -> String {
    if let home = environment["CODEX_HOME"], !home.isEmpty {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: home, isDirectory: &isDirectory),
        isDirectory.boolValue
      else {
        throw ConfigError(
          "CODEX_HOME is \(home), which is not a directory; create it or unset CODEX_HOME")
      }
      return absolute(home)
    }
    return homeDirectory + "/.codex"
  }

  /// The effective configuration: defaults, config.toml, the profile, `-c` settings and
  /// flags, in that order; a problem is a `ConfigError` with its position.
  public func load(_ overrides: CommandLineOverrides) throws -> Configuration {
    let home = try codexHome()
    let configPath = home + "/config.toml"
    var warnings: [String] = []
    let fileTable =
      overrides.ignoreUserConfig
      ? TOMLTable() : try readConfigFile(configPath, granularWarnings: &warnings)
    warnings += try unknownKeyWarnings(
      fileTable, schema: ConfigSchema.file, path: [], source: configPath,
      strict: overrides.strictConfig)

    let settings = try overrides.settings.map { try ConfigOverride($0) }
    for setting in settings {
      try validate(setting.table, source: "-c \(setting.raw)")
      warnings += try unknownKeyWarnings(
        setting.table, schema: ConfigSchema.file, path: [], source: nil,
        strict: overrides.strictConfig)
    }

    var layers = ConfigLayers()
    let defaults = try TOMLParser().parse(ConfigDefaults.text)
    layers.apply(defaults) { _ in .builtIn }
    if let baseURL = environment["OPENAI_BASE_URL"], !baseURL.isEmpty {
      layers.set(
        ["model_providers", "openai", "base_url"], .string(baseURL),
        origin: .environment("OPENAI_BASE_URL"))
    }
    // Where Ollama listens, when not on its default port (Codex reads the same variables).
    let ollama =
      environment["CODEX_OSS_BASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
      ?? environment["CODEX_OSS_PORT"].flatMap(Int.init).map { "http://localhost:\($0)/v1" }
    if let ollama {
      let origin = ConfigOrigin.environment(
        environment["CODEX_OSS_BASE_URL"]?.isEmpty == false
          ? "CODEX_OSS_BASE_URL" : "CODEX_OSS_PORT")
      for id in ["ollama", "oss"] {
        layers.set(["model_providers", id, "base_url"], .string(ollama), origin: origin)
      }
    }
    var fileLayer = fileTable
    fileLayer["profiles"] = nil
    fileLayer["profile"] = nil
    layers.apply(fileLayer) { .file(path: configPath, line: $0.keyPosition?.line ?? 0) }
    if let baseURL = fileTable["openai_base_url"]?.stringValue, !baseURL.isEmpty {
      let line = fileTable.entry("openai_base_url")?.keyPosition?.line ?? 0
      layers.set(
        ["model_providers", "openai", "base_url"], .string(baseURL),
        origin: .file(path: configPath, line: line))
    }

    let workingDirectory = try resolveWorkingDirectory(overrides)
    let projectFolders = try applyProjectConfig(
      workingDirectory: workingDirectory, fileTable: fileTable, configPath: configPath,
      strict: overrides.strictConfig, to: &layers, warnings: &warnings)

    let profileName = try selectedProfile(overrides, settings: settings, file: fileTable)
    let profileFiles = ProfileFiles(home: home)
    if let profileName {
      try applyProfile(
        profileName, files: profileFiles, fileTable: fileTable, configPath: configPath,
        strict: overrides.strictConfig, to: &layers, warnings: &warnings)
    }
    for setting in settings where setting.path != ["profile"] {
      layers.set(setting.path, setting.value, origin: .override)
    }
    try applyFlags(overrides, to: &layers)

    var merged = layers.merged
    merged["profile"] = nil
    let file = try TOMLDecoder(sourceName: "configuration").decode(ConfigFile.self, from: merged)
    var settingList = layers.leaves().filter { ConfigSchema.file.knows($0.path) }
    if let profileName {
      let origin: ConfigOrigin =
        overrides.profile != nil
        ? .flag("--profile")
        : settings.contains { $0.path == ["profile"] }
          ? .override
          : .file(path: configPath, line: fileTable.entry("profile")?.keyPosition?.line ?? 0)
      settingList.insert(
        ConfigSetting(path: ["profile"], value: .string(profileName), origin: origin), at: 0)
    }
    var configuration = try build(
      file, home: home, configPath: configPath, workingDirectory: workingDirectory,
      profile: profileName,
      settings: settingList, warnings: warnings, layers: layers)
    try applyPermissionProfile(
      to: &configuration, merged: merged, layers: layers, overrides: overrides)
    configuration.ephemeral = overrides.ephemeral
    configuration.projectFolders = projectFolders
    configuration.execPolicy = try loadRules(
      home: home, projectFolders: projectFolders, ignore: overrides.ignoreRules)
    configuration.hooks = loadHooks(
      home: home, configPath: configPath, userTable: fileTable, projectFolders: projectFolders,
      bypassTrust: overrides.bypassHookTrust, enabled: configuration.isEnabled("hooks"),
      warnings: &configuration.warnings)
    configuration.warnings += configuration.hooks.warnings
    configuration.skills = loadSkills(
      home: home, merged: merged, projectFolders: projectFolders)
    configuration.warnings += configuration.skills.problems
    if overrides.bypassHookTrust, configuration.hooks.all.contains(where: \.enabled) {
      configuration.warnings.append(
        "`--dangerously-bypass-hook-trust` is on: enabled hooks run without review for this run")
    }
    if let notice = configuration.hooks.untrustedNotice { configuration.warnings.append(notice) }
    configuration.outputSchema = overrides.outputSchema
    let profiles = fileTable["profiles"]?.tableValue
    let fileProfiles = profileFiles.names()
    configuration.profileNames =
      (profiles?.keys ?? []) + fileProfiles.filter { !(profiles?.keys ?? []).contains($0) }
    var models = [configuration.model, fileTable["model"]?.stringValue]
    models += (profiles?.keys ?? []).map { profiles?[path: [$0, "model"]]?.stringValue }
    models += configuration.catalog.listed.map(\.slug)
    for model in models.compactMap({ $0 }) where !configuration.knownModels.contains(model) {
      configuration.knownModels.append(model)
    }
    return configuration
  }

  // MARK: - Steps

  func readConfigFile(_ path: String, granularWarnings: inout [String]) throws -> TOMLTable {
    let bytes: [UInt8]
    do {
      guard let read = try FileReader.readIfPresent(path) else { return TOMLTable() }
      bytes = read
    } catch let error as FileReader.Failure {
      throw ConfigError("cannot read \(path): \(error.reason)")
    }
    do {
      var table = try TOMLParser(version: .v1_0, sourceName: path).parse(bytes: bytes)
      for position in Self.replaceGranularApproval(in: &table) {
        let place = position.map { "\(path):\($0.line):\($0.column)" } ?? path
        granularWarnings.append(
          "\(place): `approval_policy` as a granular table is accepted, not supported here: "
            + "per-kind approval answers are not offered; on-request is used")
      }
      try validate(table, source: path)
      return table
    } catch let error as TOMLError {
      throw ConfigError(error.description)
    }
  }

  /// Codex's `approval_policy = { granular = { … } }` (per-kind answers) is not offered:
  /// it stands for `on-request` here, with a warning from the schema check.
  static func replaceGranularApproval(in table: inout TOMLTable) -> [SourcePosition?] {
    var replaced: [SourcePosition?] = []
    func replace(_ table: inout TOMLTable) {
      guard let entry = table.entry("approval_policy"), entry.value.tableValue != nil else {
        return
      }
      table.set(
        "approval_policy", TOMLValue(.string("on-request"), position: entry.value.position),
        keyPosition: entry.keyPosition)
      replaced.append(entry.keyPosition)
    }
    replace(&table)
    guard var profiles = table["profiles"]?.tableValue else { return replaced }
    for name in profiles.keys {
      guard var profile = profiles[name]?.tableValue else { continue }
      replace(&profile)
      profiles.set(name, TOMLValue(.table(profile)), keyPosition: profiles.entry(name)?.keyPosition)
    }
    table.set(
      "profiles", TOMLValue(.table(profiles)), keyPosition: table.entry("profiles")?.keyPosition)
    return replaced
  }

  private func validate(_ table: TOMLTable, source: String) throws {
    do {
      _ = try TOMLDecoder(sourceName: source).decode(ConfigFile.self, from: table)
    } catch let error as TOMLError {
      if source.hasPrefix("-c ") { throw ConfigError("\(source): \(error.message)") }
      throw ConfigError(error.description)
    }
  }

  private func selectedProfile(
    _ overrides: CommandLineOverrides, settings: [ConfigOverride], file: TOMLTable
  ) throws -> String? {
    if let profile = overrides.profile { return profile }
    if let setting = settings.last(where: { $0.path == ["profile"] }) {
      guard let name = setting.value.stringValue else {
        throw ConfigError("-c \(setting.raw): profile must be a string")
      }
      return name
    }
    return file["profile"]?.stringValue
  }

  private func applyFlags(_ overrides: CommandLineOverrides, to layers: inout ConfigLayers) throws {
    if overrides.fullAuto && overrides.bypassApprovalsAndSandbox {
      throw ConfigError(
        "--full-auto and --dangerously-bypass-approvals-and-sandbox cannot be used together")
    }
    if overrides.oss || overrides.localProvider != nil {
      // `--local-provider`, else `oss_provider`, else Ollama, as Codex chooses.
      let flag = overrides.localProvider != nil ? "--local-provider" : "--oss"
      let chosen =
        overrides.localProvider ?? layers.merged[path: ["oss_provider"]]?.stringValue ?? "ollama"
      guard let local = ModelProvider.localDefaultModels[chosen] else {
        throw ConfigError(
          "`\(chosen)` is not a local provider (\(flag == "--oss" ? "oss_provider" : flag)); use "
            + ModelProvider.localDefaultModels.keys.filter { $0 != "oss" }.sorted().joined(
              separator: " or "))
      }
      layers.set(["model_provider"], .string(chosen), origin: .flag(flag))
      if overrides.model == nil {
        layers.set(["model"], .string(local), origin: .flag(flag))
      }
    }
    if let model = overrides.model {
      layers.set(["model"], .string(model), origin: .flag("--model"))
    }
    if overrides.fullAuto {
      layers.set(
        ["approval_policy"], .string(ApprovalPolicy.onFailure.rawValue),
        origin: .flag("--full-auto"))
      layers.set(
        ["sandbox_mode"], .string(SandboxMode.workspaceWrite.rawValue), origin: .flag("--full-auto")
      )
    }
    if overrides.bypassApprovalsAndSandbox {
      let flag = ConfigOrigin.flag("--dangerously-bypass-approvals-and-sandbox")
      layers.set(["approval_policy"], .string(ApprovalPolicy.never.rawValue), origin: flag)
      layers.set(["sandbox_mode"], .string(SandboxMode.dangerFullAccess.rawValue), origin: flag)
    }
    if let policy = overrides.approvalPolicy {
      layers.set(["approval_policy"], .string(policy.rawValue), origin: .flag("--ask-for-approval"))
    }
    if let mode = overrides.sandboxMode {
      layers.set(["sandbox_mode"], .string(mode.rawValue), origin: .flag("--sandbox"))
    }
    if !overrides.addDirectories.isEmpty {
      let path = ["sandbox_workspace_write", "writable_roots"]
      let existing = layers.merged[path: path]?.arrayValue ?? []
      let added = overrides.addDirectories.map { TOMLValue.string(absolute($0)) }
      layers.set(path, TOMLValue(.array(existing + added)), origin: .flag("--add-dir"))
    }
    if overrides.search {
      layers.set(["web_search"], .string("live"), origin: .flag("--search"))
    }
    for (name, enabled) in overrides.featureSwitches {
      guard Feature.named(name) != nil else {
        var message = "--\(enabled ? "enable" : "disable") \(name): no such feature"
        if let near = NearestName.suggest(name, from: Feature.all.map(\.name)) {
          message += " (did you mean `\(near)`?)"
        }
        throw ConfigError(message + "; `codex features list` shows them all")
      }
      layers.set(
        ["features", name], TOMLValue(.boolean(enabled)),
        origin: .flag(enabled ? "--enable" : "--disable"))
    }
  }

  private func resolveWorkingDirectory(_ overrides: CommandLineOverrides) throws -> String {
    guard let directory = overrides.workingDirectory else { return currentDirectory }
    let path = absolute(directory)
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
      isDirectory.boolValue
    else {
      throw ConfigError("--cd \(directory): no such directory")
    }
    return URL(fileURLWithPath: path).standardizedFileURL.path
  }

  private func absolute(_ path: String) -> String {
    absolute(path, from: currentDirectory)
  }

  /// `path` made absolute: `~` is the home directory, a relative path is under `base`.
  func absolute(_ path: String, from base: String) -> String {
    if path.hasPrefix("/") { return path }
    if path == "~" { return homeDirectory }
    if path.hasPrefix("~/") { return homeDirectory + path.dropFirst() }
    return base + "/" + path
  }

  /// Warnings for keys codex does not know, with a suggestion when one is close, and for
  /// Codex keys it accepts without using.
  /// Keys the schema does not know (a warning, or with `--strict-config` an error with
  /// the line and a caret), and keys accepted without an effect here (a warning).
  func unknownKeyWarnings(
    _ table: TOMLTable, schema: ConfigSchema, path: [String], source: String?, strict: Bool
  ) throws -> [String] {
    var warnings: [String] = []
    for entry in table.entries {
      let childPath = path + [entry.key]
      var where_ = "-c"
      if let source, let position = entry.keyPosition {
        where_ = "\(source):\(position.line):\(position.column)"
      }
      if case .unsupported(let reason) = schema.child(entry.key) {
        warnings.append(
          "\(where_): `\(TOMLEncoder.dottedKey(childPath))` is accepted, not supported here: \(reason)"
        )
        continue
      }
      guard let child = schema.child(entry.key) else {
        if case .table = schema {
          let key = TOMLEncoder.dottedKey(childPath)
          var hint = ""
          if let near = NearestName.suggest(entry.key, from: schema.knownKeys) {
            hint = " (did you mean `\(near)`?)"
          }
          if strict {
            throw ConfigError(
              strictError(key: key, hint: hint, source: source, position: entry.keyPosition))
          }
          warnings.append("\(where_): unknown key `\(key)` is ignored" + hint)
        }
        continue
      }
      if let inner = entry.value.tableValue {
        warnings += try unknownKeyWarnings(
          inner, schema: child, path: childPath, source: source, strict: strict)
      }
    }
    return warnings
  }

  /// `FILE:LINE:COL: unknown configuration field`, the line and a caret under the key.
  private func strictError(key: String, hint: String, source: String?, position: SourcePosition?)
    -> String
  {
    let message = "unknown configuration field `\(key)`\(hint) (--strict-config)"
    guard let source, let position else { return "-c: " + message }
    let lines = (FileManager.default.contents(atPath: source) ?? Data()).split(
      separator: 0x0A, omittingEmptySubsequences: false)
    let line =
      position.line - 1 < lines.count
      ? String(decoding: lines[position.line - 1], as: UTF8.self) : ""
    return TOMLError(
      sourceName: source, position: position, message: message, excerpt: line
    ).description
  }
}
