import Agent

/// `/fork`: continue in a new session (its own id and log) that starts with a copy of
/// this conversation; the old session stays as it was, to resume later.
struct ForkCommand: SlashCommandDefinition {
  let spec = SlashCommand("fork", "continue in a new session holding a copy of this conversation")

  func run(_ use: SlashCommandUse, in interpreter: Interpreter) async throws
    -> Interpreter.Outcome
  {
    let old = interpreter.session
    let forked = Session(
      forking: old.asSaved, configuration: old.configuration, client: old.client,
      approvals: old.approvals, environment: interpreter.environment)
    if !old.configuration.ephemeral {
      do {
        try forked.startLog()
      } catch {
        let reason = (error as? ModelError)?.message ?? "\(error)"
        interpreter.console.line(
          "warning: the new session is not saved (" + TerminalText.sanitize(reason) + ")")
      }
    }
    forked.mcp = old.mcp
    interpreter.session = forked
    interpreter.console.line("forked session \(old.id) into new session \(forked.id)")
    return .done
  }
}
