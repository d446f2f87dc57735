import Agent

/// `/new`: a new session (its own id and log) with the same settings; the one before
/// stays saved, to resume later.
struct NewCommand: SlashCommandDefinition {
  let spec = SlashCommand("new", "start a new session with the same settings")

  func run(_ use: SlashCommandUse, in interpreter: Interpreter) async throws
    -> Interpreter.Outcome
  {
    let old = interpreter.session
    let fresh = Session(
      configuration: old.configuration, client: old.client, approvals: old.approvals,
      environment: interpreter.environment)
    if !old.configuration.ephemeral {
      do {
        try fresh.startLog()
      } catch {
        let reason = (error as? ModelError)?.message ?? "\(error)"
        interpreter.console.line(
          "warning: the new session is not saved (" + TerminalText.sanitize(reason) + ")")
      }
    }
    // The servers and background terminals go on; the conversation starts over.
    fresh.mcp = old.mcp
    fresh.execSessions = old.execSessions
    interpreter.session = fresh
    let resume = old.configuration.ephemeral ? "" : " (codex resume \(old.id) continues it)"
    interpreter.console.line("new session \(fresh.id); the previous one is kept\(resume)")
    return .done
  }
}
