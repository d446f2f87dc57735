import Agent
import TOML

/// The effective configuration as `codex config` and `/config` show it: one setting a
/// line with where it came from.
public struct ConfigReport: Sendable {
  /// The resolved configuration, with the origin of each setting.
  public var configuration: Configuration
  /// Show secret-looking values as they are instead of `[REDACTED]`.
  public var showSecrets: Bool

  /// A report of `configuration`; secret-looking values are masked unless `showSecrets`.
  public init(_ configuration: Configuration, showSecrets: Bool = false) {
    self.configuration = configuration
    self.showSecrets = showSecrets
  }

  /// What a secret's value is shown as.
  public static let mask = "[REDACTED]"

  /// Whether a setting holds a secret: a header or environment value whose name says
  /// it is one (key, token, secret, password, authorization, cookie), or any string
  /// shaped like an API key or a bearer token.
  public static func isSecret(path: [String], value: TOMLValue) -> Bool {
    guard case .string(let text) = value.kind else { return false }
    if text.hasPrefix("sk-") || text.lowercased().hasPrefix("bearer ") { return true }
    let holders: Set<String> = ["http_headers", "env", "set"]
    guard path.count >= 2, holders.contains(path[path.count - 2]) else { return false }
    let name = path[path.count - 1].uppercased()
    return ["KEY", "TOKEN", "SECRET", "PASSWORD", "AUTH", "COOKIE", "CREDENTIAL"].contains {
      name.contains($0)
    }
  }

  private var shownSettings: [ConfigSetting] {
    configuration.settings.map { setting in
      guard !showSecrets, Self.isSecret(path: setting.path, value: setting.value) else {
        return setting
      }
      var masked = setting
      masked.value = .string(Self.mask)
      return masked
    }
  }

  /// Values as a user would type them, but strings unquoted when they are plain words.
  public static func display(_ value: TOMLValue) -> String {
    if case .string(let text) = value.kind, !text.isEmpty,
      text.allSatisfy({ !$0.isWhitespace && $0 != "\"" && $0 != "#" })
    {
      return text
    }
    return TOMLEncoder.inlineText(value)
  }

  /// `key = value` lines, the origins aligned in a column after them.
  public func lines(dimOrigin: (String) -> String = { $0 }) -> [String] {
    let rows = shownSettings.map {
      ($0.key + " = " + Self.display($0.value), $0.origin.description)
    }
    let width = min(60, rows.map(\.0.count).max() ?? 0)
    var out = [
      "config file: \(configuration.configFile)",
      "cwd: \(configuration.workingDirectory)",
      "",
    ]
    for (setting, origin) in rows {
      // A setting longer than the column has its origin under it, in the column.
      guard setting.count <= width else {
        out.append(setting)
        out.append(String(repeating: " ", count: width + 2) + dimOrigin("(" + origin + ")"))
        continue
      }
      let padding = String(repeating: " ", count: width - setting.count + 2)
      out.append(setting + padding + dimOrigin("(" + origin + ")"))
    }
    return out
  }

  /// `{"config_file":…, "cwd":…, "settings": {"model": {"value": "o3", "origin": "-c"}, …}}`
  public func json() -> String {
    let settings = shownSettings.map {
      JSONText.string($0.key) + ":{\"value\":" + JSONText.value($0.value) + ",\"origin\":"
        + JSONText.string($0.origin.description) + "}"
    }
    return "{\"config_file\":" + JSONText.string(configuration.configFile) + ",\"cwd\":"
      + JSONText.string(configuration.workingDirectory) + ",\"settings\":{"
      + settings.joined(separator: ",") + "}}"
  }
}
