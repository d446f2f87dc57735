/// `/new`: a new conversation with the same settings.
struct NewCommand: SlashCommandDefinition {
  let spec = SlashCommand("new", "start a new conversation with the same settings")

  func run(_ use: SlashCommandUse, in interpreter: Interpreter) async throws
    -> Interpreter.Outcome
  {
    interpreter.session.reset()
    interpreter.console.line("new conversation")
    return .done
  }
}
