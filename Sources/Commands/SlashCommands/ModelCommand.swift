import Agent

/// `/model [NAME [EFFORT]]`
struct ModelCommand: SlashCommandDefinition {
  let spec = SlashCommand(
    "model", "show or set the model (and reasoning effort) for the rest of the session",
    arguments: [
      .configured(name: "NAME", kind: .models),
      .choice(name: "EFFORT", values: ReasoningEffort.allCases.map(\.rawValue)),
    ])

  func run(_ use: SlashCommandUse, in interpreter: Interpreter) async throws
    -> Interpreter.Outcome
  {
    let arguments = use.arguments
    if let name = arguments.first { interpreter.overrides.model = name }
    if arguments.count > 1 {
      interpreter.overrides.settings.append("model_reasoning_effort=\(arguments[1])")
    }
    if !arguments.isEmpty { try interpreter.reconfigure() }
    let configuration = interpreter.session.configuration
    interpreter.console.line(
      "model: \(configuration.model) (reasoning effort \(configuration.reasoningEffort.rawValue))")
    return .done
  }
}
