import Agent

/// `/archive ID` and `/delete ID`: a saved session (by id, its start or name) moved to
/// `$CODEX_HOME/archived_sessions`, or deleted for good. Not the session in use.
struct SessionArchiveCommand: SlashCommandDefinition {
  /// Whether this is `/delete` (else `/archive`).
  let deletes: Bool

  var spec: SlashCommand {
    deletes
      ? SlashCommand(
        "delete", "delete a saved session for good (by id or name)",
        arguments: [.text(name: "ID")])
      : SlashCommand(
        "archive", "archive a saved session (by id or name; codex unarchive brings it back)",
        arguments: [.text(name: "ID")])
  }

  func run(_ use: SlashCommandUse, in interpreter: Interpreter) async throws
    -> Interpreter.Outcome
  {
    let console = interpreter.console
    let verb = deletes ? "delete" : "archive"
    guard let id = use.arguments.first, use.arguments.count == 1 else {
      console.line("give the session: /\(verb) ID (its id, its start, or its name)")
      return .failed("no session given")
    }
    let session = interpreter.session
    let archive = SessionArchive(codexHome: session.configuration.codexHome)
    do {
      let path = try archive.active(id)
      if path == session.log?.path {
        console.line("this is the session in use: /new first, then /\(verb) \(session.id)")
        return .failed("the session in use")
      }
      if deletes {
        try archive.delete(path)
        console.line("deleted " + TerminalText.sanitize(path))
      } else {
        console.line("archived " + TerminalText.sanitize(try archive.archive(path)))
      }
      return .done
    } catch {
      console.line("error: " + TerminalText.sanitize(error.description))
      return .failed(error.description)
    }
  }
}
