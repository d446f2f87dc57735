import Foundation
import Sandbox
import TOML

/// The layers a configuration gets beside config.toml: a profile, a trusted project's
/// files, a permission profile.
extension ConfigLoader {
  /// Lays profile `name` over the file: `NAME.config.toml` beside config.toml, as Codex
  /// 0.163 reads profiles, or a `[profiles.NAME]` table, as earlier versions did (with a
  /// note, once, on moving it); never both.
  func applyProfile(
    _ name: String, files: ProfileFiles, fileTable: TOMLTable, configPath: String,
    strict: Bool, to layers: inout ConfigLayers, warnings: inout [String]
  ) throws {
    let table = fileTable[path: ["profiles", name]]?.tableValue
    let path = try files.path(of: name)
    let exists = FileManager.default.fileExists(atPath: path)
    if exists, table != nil {
      let line = fileTable[path: ["profiles"]]?.tableValue?.entry(name)?.keyPosition?.line
      throw ConfigError(
        "profile `\(name)` is defined twice: in \(path) and as [profiles.\(name)] in \(configPath)\(line.map { ":\($0)" } ?? ""); keep one (`codex config migrate-profiles` moves the tables into files)"
      )
    }
    if exists {
      var profile = try readConfigFile(path, granularWarnings: &warnings)
      warnings += try unknownKeyWarnings(
        profile, schema: ConfigSchema.file, path: [], source: path, strict: strict)
      profile["profile"] = nil
      profile["profiles"] = nil
      layers.apply(profile) { .file(path: path, line: $0.keyPosition?.line ?? 0) }
      return
    }
    guard let table else {
      let known = files.names() + (fileTable["profiles"]?.tableValue?.keys ?? [])
      let list =
        known.isEmpty ? "none are defined" : "defined profiles: " + known.joined(separator: ", ")
      throw ConfigError(
        "profile `\(name)` is not defined (\(list)); write its settings to \(path)")
    }
    if files.noteOnce("profile-tables") {
      warnings.append(
        "[profiles.\(name)] in \(configPath): Codex 0.163 reads profiles from NAME.config.toml files and refuses these tables; `codex config migrate-profiles` moves them (this note is shown once)"
      )
    }
    layers.apply(table) {
      .profile(name: name, path: configPath, line: $0.keyPosition?.line ?? 0)
    }
  }

  /// A trusted project's `.codex/config.toml` files, from its root down to the working
  /// directory, laid over the user's file (a project that is not trusted gets one line
  /// saying they were skipped: they can run commands, through `notify` or MCP servers).
  func applyProjectConfig(
    workingDirectory: String, fileTable: TOMLTable, configPath: String, strict: Bool,
    to layers: inout ConfigLayers, warnings: inout [String]
  ) throws -> [String] {
    let (root, folders, trusted) = projectFolders(
      workingDirectory: workingDirectory, fileTable: fileTable)
    let files = folders.map { $0 + "/config.toml" }.filter {
      $0 != configPath && FileManager.default.fileExists(atPath: $0)
    }
    guard trusted else {
      if !files.isEmpty {
        warnings.append(
          "\(files.joined(separator: ", ")): project config skipped, the project is not trusted; trust it when codex asks, or set projects.\"\(root)\".trust_level = \"trusted\" in \(configPath)"
        )
      }
      return []
    }
    for file in files {
      var table = try readConfigFile(file, granularWarnings: &warnings)
      warnings += try unknownKeyWarnings(
        table, schema: ConfigSchema.file, path: [], source: file, strict: strict)
      // A project cannot vouch for itself or others.
      table["projects"] = nil
      layers.apply(table) { .projectFile(path: file, line: $0.keyPosition?.line ?? 0) }
    }
    return folders.filter { $0 != (configPath as NSString).deletingLastPathComponent }
  }

  /// The project's `.codex` folders that exist, from its root down to the working
  /// directory, and whether the project is trusted.
  func projectFolders(workingDirectory: String, fileTable: TOMLTable) -> (
    root: String, folders: [String], trusted: Bool
  ) {
    let root = Instructions.gitRoot(from: workingDirectory) ?? workingDirectory
    var directories = [workingDirectory]
    while let last = directories.last, last != root, last != "/", !last.isEmpty {
      directories.append((last as NSString).deletingLastPathComponent)
    }
    let folders = directories.reversed().map { $0 + "/.codex" }.filter {
      var isDirectory: ObjCBool = false
      return FileManager.default.fileExists(atPath: $0, isDirectory: &isDirectory)
        && isDirectory.boolValue
    }
    let trust = [root, workingDirectory].lazy.compactMap {
      fileTable[path: ["projects", $0, "trust_level"]]?.stringValue
    }.first
    return (root, folders, trust == "trusted")
  }

  /// The rules of `$CODEX_HOME/rules` and the trusted project's `.codex/rules` folders
  /// (none with `--ignore-rules`); a file that cannot be used stops codex, since a
  /// rule that forbids something must not vanish silently.
  func loadRules(home: String, projectFolders: [String], ignore: Bool) throws -> ExecPolicy {
    guard !ignore else { return .empty }
    let files = ([home] + projectFolders).flatMap { ExecPolicy.files(in: $0 + "/rules") }
    do {
      return try ExecPolicy.load(files: files)
    } catch {
      throw ConfigError(
        "\(error.description)\n  fix the rule (`codex execpolicy check --rules FILE CMD...` tries it), or start with --ignore-rules"
      )
    }
  }

  /// The sandbox from a permission profile: `-P NAME`, else `default_permissions` unless
  /// the older `sandbox_mode` is set anywhere (a file, a profile, `-c`, a flag), which
  /// wins as it does in Codex.
  func applyPermissionProfile(
    to configuration: inout Configuration, merged: TOMLTable, layers: ConfigLayers,
    overrides: CommandLineOverrides
  ) throws {
    let legacy =
      (layers.origins[["sandbox_mode"]].map { $0 != .builtIn } ?? false)
      || overrides.sandboxMode != nil || overrides.fullAuto || overrides.bypassApprovalsAndSandbox
    guard
      let name = overrides.permissionProfile
        ?? (legacy ? nil : merged["default_permissions"]?.stringValue)
    else { return }
    let profile = try PermissionProfile.resolve(
      name, permissions: merged["permissions"]?.tableValue, home: homeDirectory)
    configuration.sandboxMode = profile.mode
    configuration.workspaceWrite = .init(
      writableRoots: profile.writableRoots, networkAccess: profile.network,
      excludeTmpdirEnvVar: !profile.tmpdirWritable, excludeSlashTmp: !profile.slashTmpWritable,
      allowUnixSockets: configuration.workspaceWrite.allowUnixSockets,
      excludeWorkingDirectory: !profile.workspaceWritable)
    configuration.permissionProfile = name
    let origin: ConfigOrigin =
      overrides.permissionProfile != nil
      ? .flag("--permission-profile") : layers.origins[["default_permissions"]] ?? .builtIn
    configuration.replaceSetting(
      ["sandbox_mode"], .string(profile.mode.rawValue), origin: .permissionProfile(name))
    configuration.replaceSetting(["default_permissions"], .string(name), origin: origin)
    configuration.warnings += profile.unenforced.map { "permission profile `\(name)`: \($0)" }
  }
}
