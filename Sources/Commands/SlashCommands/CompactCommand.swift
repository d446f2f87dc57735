/// `/compact`: the model summarises the conversation, which the summary replaces.
struct CompactCommand: SlashCommandDefinition {
  let spec = SlashCommand("compact", "summarise the conversation to free context")

  func run(_ use: SlashCommandUse, in interpreter: Interpreter) async throws
    -> Interpreter.Outcome
  {
    let console = interpreter.console
    let before = interpreter.session.estimatedTokens
    try await interpreter.session.compact { console.event($0) }
    let after = interpreter.session.estimatedTokens
    console.line("conversation compacted: about \(before) → \(after) tokens of history")
    return .done
  }
}
