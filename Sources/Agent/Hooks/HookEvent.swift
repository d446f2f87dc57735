/// The moments a hook can run at, with Codex's names (`[[hooks.PreToolUse]]`).
public enum HookEvent: String, Sendable, CaseIterable {
  case preToolUse = "PreToolUse"
  case permissionRequest = "PermissionRequest"
  case postToolUse = "PostToolUse"
  case preCompact = "PreCompact"
  case postCompact = "PostCompact"
  case sessionStart = "SessionStart"
  case userPromptSubmit = "UserPromptSubmit"
  case subagentStart = "SubagentStart"
  case subagentStop = "SubagentStop"
  case stop = "Stop"

  /// The event's name in trust keys and fingerprints (`pre_tool_use`).
  public var key: String {
    var out = ""
    for (index, c) in rawValue.enumerated() {
      if c.isUppercase && index > 0 { out.append("_") }
      out += c.lowercased()
    }
    return out
  }

  /// Whether a group's `matcher` applies (to the tool's name, the session's start
  /// source or the compaction's trigger); for the others it is ignored.
  var takesMatcher: Bool {
    switch self {
    case .preToolUse, .permissionRequest, .postToolUse, .sessionStart, .preCompact,
      .postCompact, .subagentStart, .subagentStop:
      true
    case .userPromptSubmit, .stop: false
    }
  }

  /// Whether this program ever fires it (it has no subagents).
  public var fires: Bool { self != .subagentStart && self != .subagentStop }
}
