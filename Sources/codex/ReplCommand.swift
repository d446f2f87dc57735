import Agent
import ArgumentParser
import Repl

/// The interactive session; what `codex` and `codex "PROMPT"` start.
struct ReplCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "repl",
    abstract: "The interactive session (the default): prompts, /commands and !shell lines.")

  @OptionGroup var options: ConfigOptions

  @Argument(help: "A first prompt for the session.")
  var prompt: String?

  func run() async throws {
    do {
      try await ReplLoop().run(overrides: options.overrides, initialPrompt: prompt)
    } catch let error as ConfigError {
      throw Failure.report(error.message, code: 2)
    }
  }
}
