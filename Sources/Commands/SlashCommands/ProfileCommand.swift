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
