import Agent

/// `/undo`: restores the files the last turn changed.
struct UndoCommand: SlashCommandDefinition {
  let spec = SlashCommand("undo", "restore the files changed by the last turn")

  func run(_ use: SlashCommandUse, in interpreter: Interpreter) async throws
    -> Interpreter.Outcome
  {
    let restored = try await interpreter.session.lastTurnDiff.undo()
    interpreter.console.line(
      restored.isEmpty
        ? "nothing to undo" : "restored: " + TerminalText.sanitize(restored.joined(separator: ", "))
    )
    return .done
  }
}
