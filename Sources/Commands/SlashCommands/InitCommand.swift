import Foundation

/// `/init`: asks the model to write an AGENTS.md, unless there is one.
struct InitCommand: SlashCommandDefinition {
  let spec = SlashCommand("init", "ask the model to write an AGENTS.md for this repository")

  static let prompt =
    "Write an AGENTS.md for this repository: how to build, test and run it, its layout, and the conventions a coding agent must follow. Keep it short and factual; read the repository first."

  func run(_ use: SlashCommandUse, in interpreter: Interpreter) async throws
    -> Interpreter.Outcome
  {
    // Never over a file the user wrote: they can ask for changes in plain words.
    let target = URL(fileURLWithPath: interpreter.session.configuration.workingDirectory)
      .appendingPathComponent("AGENTS.md").path
    if FileManager.default.fileExists(atPath: target) {
      interpreter.console.line("AGENTS.md already exists here; /init leaves it as it is")
      return .done
    }
    return await interpreter.turn(Self.prompt)
  }
}
