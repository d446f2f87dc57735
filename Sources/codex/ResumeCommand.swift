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
    let saved = try SessionChoice.pick(last: last, id: id, interactive: isatty(0) == 1)
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

/// Finds the session to resume: by id, the latest, or (on a terminal) one the user picks.
enum SessionChoice {
  static func pick(last: Bool, id: String?, interactive: Bool) throws -> SavedSession {
    let home = try codexHome()
    let path: String
    if let id {
      guard let found = SavedSession.find(codexHome: home, id: id) else {
        throw Failure.report("no saved session \(id) in \(home)/sessions", code: 1)
      }
      path = found
    } else {
      let recent = SavedSession.list(codexHome: home)
      guard let newest = recent.first else {
        throw Failure.report("no saved sessions in \(home)/sessions", code: 1)
      }
      if last || !interactive {
        guard last else {
          throw Failure.report("which session? pass --last or an id (codex resume --last)", code: 2)
        }
        path = newest
      } else {
        path = try choose(from: recent)
      }
    }
    do {
      return try SavedSession.read(path: path)
    } catch let error as ModelError {
      throw Failure.report(error.message, code: 1)
    }
  }

  /// Lists recent sessions (time, directory, first prompt) and reads a number.
  private static func choose(from paths: [String]) throws -> String {
    var sessions: [(String, SavedSession)] = []
    for path in paths {
      if let session = try? SavedSession.read(path: path) { sessions.append((path, session)) }
    }
    for (index, entry) in sessions.enumerated() {
      let session = entry.1
      let prompt =
        (session.firstPrompt ?? "(no prompt)").split(separator: "\n").first.map(String.init) ?? ""
      print(
        "\(index + 1)  \(session.started.prefix(19))  \(session.workingDirectory)  \(prompt.prefix(60))"
      )
    }
    print("session number (Enter for 1): ", terminator: "")
    let answer = readLine()?.trimmingCharacters(in: .whitespaces) ?? ""
    let choice = answer.isEmpty ? 1 : Int(answer) ?? 0
    guard (1...sessions.count).contains(choice) else {
      throw Failure.report("no session number \(answer)", code: 2)
    }
    return sessions[choice - 1].0
  }
}
