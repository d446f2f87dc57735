import Agent

/// `/hooks`: every configured hook, where it comes from and whether it runs;
/// `/hooks trust` trusts those waiting (recorded in config.toml as Codex records it).
struct HooksCommand: SlashCommandDefinition {
  let spec = SlashCommand(
    "hooks", "lifecycle hooks, their sources and trust; `trust` trusts the new ones",
    arguments: [.choice(name: "action", values: ["trust"])])

  func run(_ use: SlashCommandUse, in interpreter: Interpreter) async throws
    -> Interpreter.Outcome
  {
    let configuration = interpreter.session.configuration
    let hooks = configuration.hooks
    if use.arguments.first == "trust" {
      let waiting = hooks.untrusted
      guard !waiting.isEmpty else {
        interpreter.console.line("no hook is waiting to be trusted")
        return .done
      }
      try hooks.trust(waiting, configPath: configuration.configFile)
      interpreter.console.line(
        "trusted \(waiting.count) hook\(waiting.count == 1 ? "" : "s") (recorded in \(configuration.configFile))"
      )
      return .done
    }
    Self.lines(hooks).map(TerminalText.sanitize).forEach(interpreter.console.line)
    return .done
  }

  static func lines(_ hooks: Hooks) -> [String] {
    guard !hooks.all.isEmpty else {
      return ["no hooks configured; add [[hooks.EVENT]] tables to config.toml or a hooks.json"]
    }
    var lines: [String] = []
    if !hooks.enabled { lines.append("hooks are off ([features] hooks = false)") }
    for hook in hooks.all {
      let state: String
      if !hook.enabled {
        state = "disabled"
      } else if !hook.event.fires {
        state = "never fires here (no subagents)"
      } else if hooks.runs(hook) {
        state = hooks.isTrusted(hook) ? "trusted" : "runs (trust bypassed for this run)"
      } else {
        state = hook.trust == .modified ? "changed since trusted: not run" : "not trusted: not run"
      }
      let matcher = hook.matcher.map { " [\($0)]" } ?? ""
      lines.append("\(hook.event.rawValue)\(matcher): \(hook.command) · \(state)")
      lines.append("  from \(hook.sourcePath) · timeout \(hook.timeoutSeconds) s")
    }
    if !hooks.untrusted.isEmpty { lines.append("trust the new ones with /hooks trust") }
    return lines
  }
}
