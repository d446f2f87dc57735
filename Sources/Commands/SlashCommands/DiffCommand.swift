import Agent

/// `/diff`: the working tree against the last commit (untracked files included);
/// outside git, what this session's patches changed.
struct DiffCommand: SlashCommandDefinition {
  let spec = SlashCommand("diff", "the changes in the working tree (git), or those of this session")

  func run(_ use: SlashCommandUse, in interpreter: Interpreter) async throws
    -> Interpreter.Outcome
  {
    let console = interpreter.console
    let session = interpreter.session
    let directory = session.configuration.workingDirectory
    if let text = try await GitSnapshot.workingTreeDiff(
      in: directory, environment: interpreter.environment)
    {
      if text.isEmpty { console.line("no changes in the working tree") } else { console.diff(text) }
      return .done
    }
    let text = try await session.sessionDiff.unifiedDiff()
    if text.isEmpty {
      console.line("not a git repository, and this session changed no files")
    } else {
      console.diff(text)
    }
    return .done
  }
}
