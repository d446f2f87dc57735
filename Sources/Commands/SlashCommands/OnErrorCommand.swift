/// `/onerror stop|continue|rollback`: what a failing step does to the rest of the script;
/// `rollback` puts the working tree back as it was before the failing step and goes on.
struct OnErrorCommand: SlashCommandDefinition {
  let spec = SlashCommand(
    "onerror", "what a failing step does: stop, continue, or rollback its changes and go on",
    arguments: [.choice(name: "ACTION", values: ["stop", "continue", "rollback"])], required: 1,
    scriptOnly: true)

  func run(_ use: SlashCommandUse, in interpreter: Interpreter) async throws
    -> Interpreter.Outcome
  {
    interpreter.continueOnError = use.arguments.first != "stop"
    interpreter.rollbackOnError = use.arguments.first == "rollback"
    return .done
  }
}
