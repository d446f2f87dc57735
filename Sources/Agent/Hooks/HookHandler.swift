import Foundation

/// One configured hook command: the event, which calls it watches, what runs, where it
/// was configured and whether the user trusts it.
public struct HookHandler: Sendable, Equatable {
  /// Whether the user vouched for this exact hook.
  public enum Trust: String, Sendable {
    /// Its fingerprint is recorded as trusted.
    case trusted
    /// Never trusted.
    case untrusted
    /// Trusted once, changed since.
    case modified
  }

  public var event: HookEvent
  /// A regular expression on the tool name (whole name), or nil for every call.
  public var matcher: String?
  /// A shell command line (run by `/bin/sh -c`).
  public var command: String
  public var timeoutSeconds: Int
  /// What the terminal shows while it runs.
  public var statusMessage: String?
  public var isAsync: Bool
  /// The file it was configured in.
  public var sourcePath: String
  /// `<source>:<event>:<group>:<handler>`, Codex's key for its trust and state.
  public var key: String
  /// `sha256:...` of the hook's normalized configuration, as Codex computes it.
  public var fingerprint: String
  public var trust: Trust
  /// `enabled = false` in its state turns it off.
  public var enabled: Bool
  /// Its place among all hooks, for `hook_run_id`.
  public var order: Int

  /// Whether `name` (a tool's name, a start source) is one this hook watches.
  public func matches(_ name: String?) -> Bool {
    guard event.takesMatcher, let matcher, !matcher.isEmpty, matcher != "*" else { return true }
    guard let name else { return false }
    guard let regex = try? NSRegularExpression(pattern: "^(?:" + matcher + ")$") else {
      return false
    }
    return regex.firstMatch(in: name, range: NSRange(name.startIndex..., in: name)) != nil
  }
}
