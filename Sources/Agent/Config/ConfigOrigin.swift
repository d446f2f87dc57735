/// Where an effective setting came from, for `codex config` and `/config`.
public enum ConfigOrigin: Sendable, Equatable, CustomStringConvertible {
  /// Built into codex.
  case builtIn
  /// A line of the configuration file.
  case file(path: String, line: Int)
  /// A line inside `[profiles.NAME]` of the configuration file.
  case profile(name: String, path: String, line: Int)
  /// A `-c key=value` override.
  case override
  /// A command-line flag such as `--model`.
  case flag(String)
  /// An environment variable such as `OPENAI_BASE_URL`.
  case environment(String)
  /// The trust level recorded for the project (`projects."PATH".trust_level`).
  case project(String)
  /// A line of a trusted project's `.codex/config.toml` (shown with its whole path).
  case projectFile(path: String, line: Int)
  /// The permission profile in effect (`default_permissions`, `-P`).
  case permissionProfile(String)
  /// The model's entry in the model catalog.
  case catalog(model: String)

  /// As `codex config` shows it: `config.toml:3`, `-c`, `--model`, `profile fast`,
  /// `default`.
  public var description: String {
    switch self {
    case .builtIn: return "default"
    case .file(let path, let line): return "\(fileName(path)):\(line)"
    case .profile(let name, let path, let line): return "profile \(name), \(fileName(path)):\(line)"
    case .override: return "-c"
    case .flag(let flag): return flag
    case .environment(let name): return "env \(name)"
    case .project(let trust): return "\(trust) project"
    case .catalog(let model): return "catalog entry of \(model)"
    case .permissionProfile(let name): return "permission profile \(name)"
    case .projectFile(let path, let line): return "\(path):\(line)"
    }
  }

  private func fileName(_ path: String) -> String {
    path.split(separator: "/").last.map(String.init) ?? path
  }
}
