import Foundation
import TOML

/// A session's hooks: every configured one (for `/hooks`), which of them run (enabled,
/// and trusted unless trust is bypassed for this run), and running an event's matching
/// hooks in order with Codex's payload.
// @unchecked Sendable: the set of trusted keys changes only under `lock`.
public final class Hooks: @unchecked Sendable {
  /// Every configured hook, in order.
  public let all: [HookHandler]
  /// Problems found reading them (unknown events, bad matchers), said once.
  public let warnings: [String]
  /// `--dangerously-bypass-hook-trust`: enabled hooks run without trust.
  public let bypassTrust: Bool
  /// `[features] hooks = false` turns them all off.
  public let enabled: Bool
  private let lock = NSLock()
  private var trustedKeys: Set<String>

  /// What a hook's payload says of the session, besides the event's own fields.
  public struct Context: Sendable {
    public var sessionID: String
    public var turnID: String?
    public var transcriptPath: String?
    public var workingDirectory: String
    public var model: String
    public var permissionMode: String
    public var environment: [String: String]
  }

  /// No hooks.
  public static var none: Hooks { Hooks(all: [], warnings: [], bypassTrust: false, enabled: false) }

  public init(all: [HookHandler], warnings: [String], bypassTrust: Bool, enabled: Bool) {
    self.all = all
    self.warnings = warnings
    self.bypassTrust = bypassTrust
    self.enabled = enabled
    trustedKeys = Set(all.filter { $0.trust == .trusted }.map(\.key))
  }

  /// Enabled hooks that will not run until trusted (new or changed since trusted).
  public var untrusted: [HookHandler] {
    guard enabled, !bypassTrust else { return [] }
    let trusted = lock.withLock { trustedKeys }
    return all.filter { $0.enabled && !trusted.contains($0.key) }
  }

  /// What to tell the user about hooks that will not run until trusted; nil when none.
  public var untrustedNotice: String? {
    let waiting = untrusted
    guard !waiting.isEmpty else { return nil }
    let list = waiting.map { "\($0.event.rawValue) `\($0.command)` (\($0.sourcePath))" }
    return
      "\(waiting.count == 1 ? "a hook is" : "\(waiting.count) hooks are") not trusted and will not run: "
      + list.joined(separator: ", ")
      + "; trust with /hooks trust in the REPL, or run once with --dangerously-bypass-hook-trust"
  }

  /// Whether `handler` is trusted now (recorded, or trusted during this session).
  public func isTrusted(_ handler: HookHandler) -> Bool {
    lock.withLock { trustedKeys.contains(handler.key) }
  }

  /// Whether `handler` runs in this session.
  public func runs(_ handler: HookHandler) -> Bool {
    enabled && handler.enabled && handler.event.fires
      && (bypassTrust || lock.withLock { trustedKeys.contains(handler.key) })
  }

  /// Records `handlers` as trusted in `configPath` (`[hooks.state."KEY"] trusted_hash`),
  /// as Codex records it, and lets them run from now on.
  public func trust(_ handlers: [HookHandler], configPath: String) throws {
    try ConfigFileEditor(configPath: configPath).edit { document in
      for handler in handlers {
        try document.set(
          ["hooks", "state", handler.key, "trusted_hash"],
          to: TOMLValue(.string(handler.fingerprint)))
      }
    }
    lock.withLock { trustedKeys.formUnion(handlers.map(\.key)) }
  }

  /// Whether any running hook watches `event` (for `name`, when the event takes one).
  public func watches(_ event: HookEvent, _ name: String? = nil) -> Bool {
    all.contains { $0.event == event && runs($0) && $0.matches(name) }
  }

  /// Runs the hooks of `event` that match `name`, one after another, each with the
  /// common fields of `context` and `fields`; what they said together.
  public func run(
    _ event: HookEvent, matching name: String? = nil, context: Context, fields: JSONObject
  ) async -> HookVerdict {
    var verdict = HookVerdict()
    let chosen = all.filter { $0.event == event && runs($0) && $0.matches(name) }
    guard !chosen.isEmpty else { return verdict }
    var payload: JSONObject = ["session_id": .string(context.sessionID)]
    if let turn = context.turnID { payload["turn_id"] = .string(turn) }
    payload["transcript_path"] = context.transcriptPath.map { .string($0) } ?? .null
    payload["cwd"] = .string(context.workingDirectory)
    payload["hook_event_name"] = .string(event.rawValue)
    payload["model"] = .string(context.model)
    payload["permission_mode"] = .string(context.permissionMode)
    for (key, value) in fields { payload[key] = value }
    for handler in chosen {
      if Task.isCancelled { break }
      let run = await HookRunner.run(
        handler, payload: .object(payload), workingDirectory: context.workingDirectory,
        environment: context.environment)
      verdict.add(run, of: handler)
    }
    return verdict
  }
}
