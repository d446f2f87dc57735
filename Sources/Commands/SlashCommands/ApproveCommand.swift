import Sandbox

/// `/approve [POLICY]`
struct ApproveCommand: SlashCommandDefinition {
  let spec = SlashCommand(
    "approve", "show or set the approval policy",
    arguments: [.choice(name: "POLICY", values: ApprovalPolicy.allCases.map(\.rawValue))])

  func run(_ use: SlashCommandUse, in interpreter: Interpreter) async throws
    -> Interpreter.Outcome
  {
    if let value = use.arguments.first {
      interpreter.overrides.approvalPolicy = ApprovalPolicy(rawValue: value)
      try interpreter.reconfigure()
    }
    interpreter.console.line(
      "approval policy: \(interpreter.session.configuration.approvalPolicy.rawValue)")
    return .done
  }
}
