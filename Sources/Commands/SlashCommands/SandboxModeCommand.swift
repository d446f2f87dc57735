import Sandbox

/// `/sandbox [MODE]`
struct SandboxModeCommand: SlashCommandDefinition {
  let spec = SlashCommand(
    "sandbox", "show or set the sandbox mode",
    arguments: [.choice(name: "MODE", values: SandboxMode.allCases.map(\.rawValue))])

  func run(_ use: SlashCommandUse, in interpreter: Interpreter) async throws
    -> Interpreter.Outcome
  {
    if let value = use.arguments.first {
      interpreter.overrides.sandboxMode = SandboxMode(rawValue: value)
      try interpreter.reconfigure()
    }
    interpreter.console.line("sandbox: \(interpreter.session.configuration.sandboxMode.rawValue)")
    return .done
  }
}
