import Agent

/// `/config`: every effective setting with where it came from.
struct ConfigReportCommand: SlashCommandDefinition {
  let spec = SlashCommand("config", "effective settings with their origins")

  func run(_ use: SlashCommandUse, in interpreter: Interpreter) async throws
    -> Interpreter.Outcome
  {
    ConfigReport(interpreter.session.configuration).lines().forEach(interpreter.console.line)
    return .done
  }
}
