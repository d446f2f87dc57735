import Agent
import Sandbox

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

/// `/profile [NAME]`: lists profiles, or switches to one, keeping the conversation.
struct ProfileCommand: SlashCommandDefinition {
  let spec = SlashCommand(
    "profile", "show profiles, or switch to one, keeping the conversation",
    arguments: [.configured(name: "NAME", kind: .profiles)])

  func run(_ use: SlashCommandUse, in interpreter: Interpreter) async throws
    -> Interpreter.Outcome
  {
    let console = interpreter.console
    guard let name = use.arguments.first else {
      let current = interpreter.session.configuration.profile
      let names = interpreter.session.configuration.profileNames
      console.line("profile: \(current ?? "(none)")")
      if !names.isEmpty {
        console.line(
          "profiles: "
            + names.map { $0 == current ? $0 + " (current)" : $0 }.joined(separator: ", "))
      }
      return .done
    }
    let saved = interpreter.overrides
    interpreter.overrides.profile = name
    // A profile's own model and policies apply, not earlier /model or /approve choices.
    interpreter.overrides.model = nil
    interpreter.overrides.approvalPolicy = nil
    interpreter.overrides.sandboxMode = nil
    do {
      try interpreter.reconfigure()
    } catch {
      interpreter.overrides = saved
      throw error
    }
    let configuration = interpreter.session.configuration
    console.line(
      "profile: \(name) (\(configuration.model) via \(configuration.provider.id), "
        + "\(configuration.approvalPolicy.rawValue), \(configuration.sandboxMode.rawValue))")
    return .done
  }
}
