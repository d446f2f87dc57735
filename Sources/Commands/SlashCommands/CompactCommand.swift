/// `/compact`: the model summarises the conversation, which the summary replaces.
struct CompactCommand: SlashCommandDefinition {
  let spec = SlashCommand("compact", "summarise the conversation to free context")

  func run(_ use: SlashCommandUse, in interpreter: Interpreter) async throws
    -> Interpreter.Outcome
  {
    let console = interpreter.console
    try await interpreter.session.compact { console.event($0) }
    console.line("conversation compacted")
    return .done
  }
}
