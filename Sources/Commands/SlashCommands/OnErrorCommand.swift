/// `/onerror stop|continue`: what a failing step does to the rest of the script.
struct OnErrorCommand: SlashCommandDefinition {
  let spec = SlashCommand(
    "onerror", "what a failing step does to the rest of the script",
    arguments: [.choice(name: "ACTION", values: ["stop", "continue"])], required: 1,
    scriptOnly: true)

  func run(_ use: SlashCommandUse, in interpreter: Interpreter) async throws
    -> Interpreter.Outcome
  {
    interpreter.continueOnError = use.arguments.first == "continue"
    return .done
  }
}
