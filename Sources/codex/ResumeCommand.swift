import Agent
import ArgumentParser
import Commands
import Foundation
import Repl

/// `codex resume [--last | ID]`: the interactive session, continuing a saved one.
struct ResumeCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "resume",
    abstract: "Continue a saved session: pick one, the latest (--last), or one by id.")

  @OptionGroup var options: ConfigOptions
  @OptionGroup var traffic: TrafficOptions

  @Flag(help: "The most recent session.")
  var last = false

  @Argument(help: "The session's id (or its start).")
  var id: String?

  func run() async throws {
    let saved: SavedSession
    do {
      saved = try SessionPicker.pick(last: last, id: id, interactive: isatty(0) == 1)
    } catch let refusal as SessionPicker.Refusal {
      throw Failure.report(refusal.message, code: refusal.status)
    }
    do {
      try await ReplLoop().run(
        overrides: options.overrides, initialPrompt: nil, traffic: try traffic.modelTraffic(),
        resuming: saved)
    } catch let error as ConfigError {
      throw Failure.report(error.message, code: 2)
    } catch let error as SessionResumeError {
      throw Failure.report(error.message, code: 1)
    }
  }
}
