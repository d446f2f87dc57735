import Agent

/// `/rename NAME`: a name for this session, which `codex resume NAME` accepts.
struct RenameCommand: SlashCommandDefinition {
  let spec = SlashCommand(
    "rename", "name this session (codex resume NAME finds it)", arguments: [.text(name: "NAME")])

  func run(_ use: SlashCommandUse, in interpreter: Interpreter) async throws
    -> Interpreter.Outcome
  {
    let name = use.arguments.joined(separator: " ")
    let console = interpreter.console
    guard !name.isEmpty else {
      console.line("give a name: /rename NAME")
      return .failed("no name given")
    }
    let session = interpreter.session
    do {
      try SessionNames(codexHome: session.configuration.codexHome).set(name, for: session.id)
    } catch {
      let message = (error as? ModelError)?.message ?? "\(error)"
      console.line("error: " + TerminalText.sanitize(message))
      return .failed(message)
    }
    console.line("session \(session.id) is now called " + TerminalText.sanitize(name))
    return .done
  }
}
