import Foundation

/// What the hooks of one event said, together: Codex's exit-code and JSON-output
/// semantics (exit 2 with a reason on stderr blocks; `{"decision": "block", "reason":
/// ...}` or `permissionDecision: "deny"` blocks; `additionalContext` and plain text where
/// the event takes it add context; `continue: false` stops).
public struct HookVerdict: Sendable, Equatable {
  /// A hook blocked: the call, the prompt or (for Stop) the end of the turn, and why.
  public var block: String?
  /// The hook that blocked, for Stop's `hook_run_id`.
  public var blockedBy: HookHandler?
  /// Text for the model, each as a developer message.
  public var contexts: [String] = []
  /// `continue: false`: stop the turn, with this reason.
  public var stop: String?
  /// What went wrong with hooks (a timeout, an exit code, bad JSON): shown, not fatal.
  public var warnings: [String] = []
  /// A PermissionRequest hook's answer: true allows, false denies (with `block` saying
  /// why); nil leaves the question to the user.
  public var permission: Bool?

  /// Adds what one hook's run says for `event`.
  mutating func add(_ run: HookRunner.Run, of handler: HookHandler) {
    let name = "hook `\(handler.command)` (\(handler.event.rawValue))"
    if let failure = run.failure {
      warnings.append("\(name) \(failure)")
      return
    }
    switch run.exitCode {
    case 0?:
      addOutput(run.stdout, of: handler, name: name)
    case 2?:
      let reason = run.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
      guard !reason.isEmpty else {
        warnings.append("\(name) exited with code 2 but wrote no reason to stderr")
        return
      }
      blocked(reason, by: handler)
      if handler.event == .permissionRequest { permission = false }
    case let code?:
      warnings.append("\(name) exited with code \(code)")
    case nil:
      warnings.append("\(name) ended without an exit code")
    }
  }

  private mutating func blocked(_ reason: String, by handler: HookHandler) {
    guard block == nil else { return }
    block = reason
    blockedBy = handler
  }

  private mutating func addOutput(_ stdout: String, of handler: HookHandler, name: String) {
    let text = stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !text.isEmpty else { return }
    guard let output = JSONValue.parse(text)?.object else {
      if text.hasPrefix("{") || text.hasPrefix("[") {
        warnings.append("\(name) printed invalid JSON; its output is ignored")
      } else if handler.event == .sessionStart || handler.event == .userPromptSubmit {
        // Plain text from these events is context for the model, as in Codex.
        contexts.append(text)
      }
      return
    }
    if let message = output["systemMessage"]?.string { warnings.append(message) }
    if output["continue"]?.bool == false {
      stop = output["stopReason"]?.string ?? "a hook stopped the turn"
      return
    }
    let specific = output["hookSpecificOutput"]?.object
    if let context = specific?["additionalContext"]?.string, !context.isEmpty {
      contexts.append(context)
    }
    let reason = output["reason"]?.string?.trimmingCharacters(in: .whitespacesAndNewlines)
    switch handler.event {
    case .preToolUse:
      if specific?["permissionDecision"]?.string == "deny" {
        let why = specific?["permissionDecisionReason"]?.string ?? ""
        guard !why.trimmingCharacters(in: .whitespaces).isEmpty else {
          warnings.append("\(name) denied without a permissionDecisionReason; ignored")
          return
        }
        blocked(why, by: handler)
      } else if output["decision"]?.string == "block" {
        guard let reason, !reason.isEmpty else {
          warnings.append("\(name) returned decision:block without a reason; ignored")
          return
        }
        blocked(reason, by: handler)
      } else if let decision = specific?["permissionDecision"]?.string ?? output["decision"]?.string
      {
        warnings.append("\(name) returned \(decision), which PreToolUse hooks cannot; ignored")
      }
    case .postToolUse, .userPromptSubmit, .stop:
      if output["decision"]?.string == "block" {
        guard let reason, !reason.isEmpty else {
          warnings.append("\(name) returned decision:block without a reason; ignored")
          return
        }
        blocked(reason, by: handler)
      }
    case .permissionRequest:
      guard let decision = specific?["decision"]?.object else { return }
      switch decision["behavior"]?.string {
      case "allow": permission = permission ?? true
      case "deny":
        permission = false
        blocked(
          decision["message"]?.string ?? "a PermissionRequest hook denied approval", by: handler)
      default: warnings.append("\(name) returned an unknown decision behavior; ignored")
      }
    default:
      break
    }
  }
}
