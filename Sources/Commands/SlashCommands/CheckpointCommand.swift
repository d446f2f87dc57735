import Agent

/// `/checkpoint NAME`: remembers the working tree as it is now, to go back to with
/// `/rollback NAME`.
struct CheckpointCommand: SlashCommandDefinition {
  let spec = SlashCommand(
    "checkpoint", "remember the working tree now, to go back to with /rollback NAME",
    arguments: [.text(name: "NAME")], required: 1)

  func run(_ use: SlashCommandUse, in interpreter: Interpreter) async throws
    -> Interpreter.Outcome
  {
    let name = use.arguments[0]
    let directory = interpreter.session.configuration.workingDirectory
    guard
      let checkpoint = await WorkspaceCheckpoint.take(
        in: directory, environment: interpreter.environment)
    else { return .failed("the working tree in \(directory) could not be captured") }
    interpreter.checkpoints[name] = checkpoint
    interpreter.console.line("checkpoint \(name)")
    return .done
  }
}

/// `/rollback NAME`: puts the working tree back as it was at `/checkpoint NAME`.
struct RollbackCommand: SlashCommandDefinition {
  let spec = SlashCommand(
    "rollback", "put the working tree back as it was at /checkpoint NAME",
    arguments: [.text(name: "NAME")], required: 1)

  func run(_ use: SlashCommandUse, in interpreter: Interpreter) async throws
    -> Interpreter.Outcome
  {
    let name = use.arguments[0]
    guard let checkpoint = interpreter.checkpoints[name] else {
      let known = interpreter.checkpoints.keys.sorted().joined(separator: ", ")
      return .failed(
        "no checkpoint `\(name)`"
          + (known.isEmpty ? "; set one with /checkpoint \(name)" : " (checkpoints: \(known))"))
    }
    let restored = try await checkpoint.restore()
    interpreter.console.line(Self.report(restored, to: "checkpoint \(name)"))
    return .done
  }

  /// `back to checkpoint a: restored x.txt, y.txt`
  static func report(_ restored: [String], to what: String) -> String {
    "back to \(what): "
      + (restored.isEmpty
        ? "nothing had changed"
        : "restored " + TerminalText.sanitize(restored.joined(separator: ", ")))
  }
}
