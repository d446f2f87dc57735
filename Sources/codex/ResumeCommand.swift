import Agent
import ArgumentParser
import Commands
import Foundation
import Repl

/// Which saved session: the arguments `resume` and `fork` share.
struct SavedSessionChoice: ParsableArguments {
  @OptionGroup var options: ConfigOptions
  @OptionGroup var traffic: TrafficOptions

  @Flag(help: "The most recent session.")
  var last = false

  @Flag(help: "Sessions of every directory, not only those started here.")
  var all = false

  @Argument(help: "The session's id (or its start, or its name).")
  var id: String?

  /// Picks the session, then runs the interactive session continuing it (`fork`: in a
  /// new session holding a copy of it).
  func start(fork: Bool) async throws {
    let saved: SavedSession
    do {
      saved = try SessionPicker.pick(last: last, id: id, interactive: isatty(0) == 1, all: all)
    } catch let refusal as SessionPicker.Refusal {
      throw Failure.report(refusal.message, code: refusal.status)
    }
    do {
      try await ReplLoop().run(
        overrides: options.overrides, initialPrompt: nil, traffic: try traffic.modelTraffic(),
        resuming: fork ? nil : saved, forking: fork ? saved : nil)
    } catch let error as ConfigError {
      throw Failure.report(error.message, code: 2)
    } catch let error as SessionResumeError {
      throw Failure.report(error.message, code: 1)
    }
  }
}

/// `codex resume [--last | ID]`: the interactive session, continuing a saved one.
struct ResumeCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "resume",
    abstract: "Continue a saved session: pick one, the latest (--last), or one by id.")

  @OptionGroup var choice: SavedSessionChoice

  func run() async throws { try await choice.start(fork: false) }
}

/// `codex fork [--last | ID]`: a new session that starts with a copy of a saved one.
struct ForkSessionCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "fork",
    abstract:
      "Start a new session with a copy of a saved one's conversation: pick one, the latest (--last), or one by id."
  )

  @OptionGroup var choice: SavedSessionChoice

  func run() async throws { try await choice.start(fork: true) }
}
