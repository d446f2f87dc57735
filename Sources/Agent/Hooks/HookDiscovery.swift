import Foundation

/// Finds the configured hooks as Codex 0.163 does: `[hooks]` in config.toml and
/// `hooks.json` beside it, for the user's `$CODEX_HOME` and a trusted project's `.codex`
/// folders, each hook keyed `<file>:<event>:<group>:<handler>` and fingerprinted from
/// its normalized configuration, so trust recorded by either program holds in both.
public enum HookDiscovery {
  /// One place hooks are configured: the file and its events table (`{"PreToolUse":
  /// [{"matcher": ..., "hooks": [...]}]}`).
  public struct Source: Sendable {
    public var path: String
    public var events: JSONValue

    public init(path: String, events: JSONValue) {
      self.path = path
      self.events = events
    }
  }

  /// What the user recorded for one hook (`[hooks.state."KEY"]`).
  public struct State: Sendable, Equatable {
    public var trustedHash: String?
    public var enabled: Bool?

    public init(trustedHash: String? = nil, enabled: Bool? = nil) {
      self.trustedHash = trustedHash
      self.enabled = enabled
    }
  }

  /// Every hook of `sources`, in order, with its trust from `state`; and what was
  /// skipped, said once each.
  public static func discover(_ sources: [Source], state: [String: State]) -> (
    handlers: [HookHandler], warnings: [String]
  ) {
    var handlers: [HookHandler] = []
    var warnings: [String] = []
    for source in sources {
      guard let table = source.events.object else {
        warnings.append("hooks in \(source.path) are not a table of events; skipped")
        continue
      }
      for (name, _) in table where HookEvent(rawValue: name) == nil {
        warnings.append(
          "unknown hook event `\(name)` in \(source.path) (events: "
            + HookEvent.allCases.map(\.rawValue).joined(separator: ", ") + ")")
      }
      for event in HookEvent.allCases {
        guard let groups = table[event.rawValue] else { continue }
        guard let list = groups.array else {
          warnings.append("hooks.\(event.rawValue) in \(source.path) is not a list; skipped")
          continue
        }
        for (groupIndex, group) in list.enumerated() {
          let matcher = event.takesMatcher ? group["matcher"]?.string : nil
          if let matcher, (try? NSRegularExpression(pattern: matcher)) == nil {
            warnings.append("invalid matcher \"\(matcher)\" in \(source.path); skipped")
            continue
          }
          for (index, handler) in (group["hooks"]?.array ?? []).enumerated() {
            let type = handler["type"]?.string ?? "command"
            guard type == "command" else {
              warnings.append(
                "skipping \(type) hook in \(source.path): only command hooks run here")
              continue
            }
            guard let command = handler["command"]?.string,
              !command.trimmingCharacters(in: .whitespaces).isEmpty
            else {
              warnings.append("skipping a hook without a command in \(source.path)")
              continue
            }
            let timeout = max(
              1,
              handler["timeout"]?.int ?? handler["timeoutSec"]?.int ?? handler["timeout_sec"]?.int
                ?? 600)
            let status = handler["statusMessage"]?.string ?? handler["status_message"]?.string
            let isAsync = handler["async"]?.bool ?? false
            let key = "\(source.path):\(event.key):\(groupIndex):\(index)"
            let fingerprint = Self.fingerprint(
              event: event, matcher: matcher, command: command, timeout: timeout,
              isAsync: isAsync, statusMessage: status)
            let recorded = state[key]
            let trust: HookHandler.Trust =
              switch recorded?.trustedHash {
              case fingerprint?: .trusted
              case nil: .untrusted
              default: .modified
              }
            handlers.append(
              HookHandler(
                event: event, matcher: matcher, command: command, timeoutSeconds: timeout,
                statusMessage: status, isAsync: isAsync, sourcePath: source.path, key: key,
                fingerprint: fingerprint, trust: trust, enabled: recorded?.enabled ?? true,
                order: handlers.count))
          }
        }
      }
    }
    return (handlers, warnings)
  }

  /// Codex's fingerprint of one hook: SHA-256 of the normalized identity (event, matcher,
  /// the one handler with its defaults filled in) as compact JSON with sorted keys.
  static func fingerprint(
    event: HookEvent, matcher: String?, command: String, timeout: Int, isAsync: Bool,
    statusMessage: String?
  ) -> String {
    var handler: JSONObject = [
      "type": "command", "command": .string(command), "timeout": .int(timeout),
      "async": .bool(isAsync),
    ]
    if let statusMessage { handler["statusMessage"] = .string(statusMessage) }
    var identity: JSONObject = [
      "event_name": .string(event.key), "hooks": [.object(handler)],
    ]
    if let matcher { identity["matcher"] = .string(matcher) }
    return "sha256:" + SHA256.hex(Array(CanonicalJSON.text(.object(identity)).utf8))
  }
}
