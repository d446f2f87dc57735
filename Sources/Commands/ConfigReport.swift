import Agent
import TOML

/// The effective configuration as `codex config` and `/config` show it: one setting a
/// line with where it came from.
public struct ConfigReport: Sendable {
  /// The resolved configuration, with the origin of each setting.
  public var configuration: Configuration

  /// A report of `configuration`.
  public init(_ configuration: Configuration) {
    self.configuration = configuration
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
    let rows = configuration.settings.map {
      ($0.key + " = " + Self.display($0.value), $0.origin.description)
    }
    let width = min(60, rows.map(\.0.count).max() ?? 0)
    var out = [
      "config file: \(configuration.configFile)",
      "cwd: \(configuration.workingDirectory)",
      "",
    ]
    for (setting, origin) in rows {
      let padding = String(repeating: " ", count: max(2, width - setting.count + 2))
      out.append(setting + padding + dimOrigin("(" + origin + ")"))
    }
    return out
  }

  /// `{"config_file":…, "cwd":…, "settings": {"model": {"value": "o3", "origin": "-c"}, …}}`
  public func json() -> String {
    let settings = configuration.settings.map {
      JSONText.string($0.key) + ":{\"value\":" + JSONText.value($0.value) + ",\"origin\":"
        + JSONText.string($0.origin.description) + "}"
    }
    return "{\"config_file\":" + JSONText.string(configuration.configFile) + ",\"cwd\":"
      + JSONText.string(configuration.workingDirectory) + ",\"settings\":{"
      + settings.joined(separator: ",") + "}}"
  }
}
