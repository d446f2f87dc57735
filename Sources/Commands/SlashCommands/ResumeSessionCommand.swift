import Agent

/// `/resume [SESSION]`: lists recent sessions, or continues one in place of this one.
struct ResumeSessionCommand: SlashCommandDefinition {
  let spec = SlashCommand(
    "resume", "list recent sessions, or continue one (by number or id) in place of this one",
    arguments: [.text(name: "SESSION")])

  func run(_ use: SlashCommandUse, in interpreter: Interpreter) async throws
    -> Interpreter.Outcome
  {
    let console = interpreter.console
    let session = interpreter.session
    let home = session.configuration.codexHome
    let recent = SavedSession.list(codexHome: home).filter { !$0.contains(session.id) }
    guard let choice = use.arguments.first else {
      if recent.isEmpty { console.line("no other saved sessions in \(home)/sessions") }
      for (index, path) in recent.enumerated() {
        guard let saved = SavedSession.head(path: path) else { continue }
        let prompt =
          saved.firstPrompt?.split(separator: "\n").first.map(String.init) ?? "(no prompt)"
        console.line(
          TerminalText.sanitize(
            "\(index + 1)  \(saved.started.prefix(19))  \(saved.workingDirectory)  \(prompt.prefix(60))"
          ))
      }
      if !recent.isEmpty { console.line("continue one with /resume NUMBER or /resume ID") }
      return .done
    }
    let path: String?
    if let number = Int(choice), number >= 1, number <= recent.count {
      path = recent[number - 1]
    } else {
      path = SavedSession.find(codexHome: home, id: choice)
    }
    guard let path else {
      console.line("no saved session \(choice); /resume lists them")
      return .failed("no saved session \(choice)")
    }
    do {
      let saved = try SavedSession.read(path: path)
      let servers = session.mcp
      let resumed = try Session(
        resuming: saved, configuration: session.configuration, client: session.client,
        approvals: session.approvals, environment: interpreter.environment)
      resumed.mcp = servers
      interpreter.session = resumed
      console.line("resumed session \(saved.id) (\(saved.items.count - 1) items)")
      interpreter.showTranscript()
      return .done
    } catch {
      let message = (error as? ModelError)?.message ?? "\(error)"
      console.line("error: " + TerminalText.sanitize(message))
      return .failed(message)
    }
  }
}
