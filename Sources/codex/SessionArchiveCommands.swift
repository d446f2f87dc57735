import Agent
import ArgumentParser

/// The saved session `archive` and `delete` act on: one by id, its start or name, or
/// the latest with `--last`.
struct SavedSessionTarget: ParsableArguments {
  @OptionGroup var options: ConfigOptions
  @Flag(help: "The most recent session.") var last = false
  @Argument(help: "The session's id (or its start, or its name).") var id: String?

  func validate() throws {
    guard (id == nil) == last else { throw ValidationError("give a session's id or --last") }
  }

  /// Carries out `act` on the session's log; a failure is exit 1 with its reason.
  func act(_ act: (SessionArchive, String) throws(SessionArchive.Failure) -> String) throws {
    let archive = SessionArchive(codexHome: try Failure.loadConfiguration(options).codexHome)
    do {
      print(try act(archive, try archive.active(id)))
    } catch {
      throw Failure.report(error.description, code: 1)
    }
  }
}

/// `codex archive [ID | --last]`
struct ArchiveCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "archive",
    abstract: "Archive a saved session (by id, its start or name; --last: the latest).")

  @OptionGroup var target: SavedSessionTarget

  func run() throws {
    try target.act { (archive, path) throws(SessionArchive.Failure) in
      "archived \(path) → \(try archive.archive(path))"
    }
  }
}

/// `codex unarchive ID`
struct UnarchiveCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "unarchive",
    abstract: "Bring an archived session back (by id, its start or name).")

  @OptionGroup var options: ConfigOptions
  @Argument(help: "The session's id (or its start, or its name).") var id: String

  func run() throws {
    let archive = SessionArchive(codexHome: try Failure.loadConfiguration(options).codexHome)
    do {
      print("restored \(try archive.unarchive(id))")
    } catch {
      throw Failure.report(error.description, code: 1)
    }
  }
}

/// `codex delete [ID | --last]`
struct DeleteSessionCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "delete",
    abstract: "Delete a saved session for good (by id, its start or name; --last: the latest).")

  @OptionGroup var target: SavedSessionTarget

  func run() throws {
    try target.act { (archive, path) throws(SessionArchive.Failure) in
      try archive.delete(path)
      return "deleted \(path)"
    }
  }
}

/// Codex CLI's subcommands that this program does not have: each is refused with exit 2
/// and a line saying so, so its words never become a prompt.
struct UnavailableCommand {
  static let reasons: [String: String] = [
    "agents": "there is no shared app-server daemon here",
    "plugin": "plugins are not part of this program",
    "remote-control": "there is no app-server daemon here",
    "update": "update codex the way you installed it",
    "apply": "cloud tasks are not part of this program (use /diff and git apply)",
    "a": "cloud tasks are not part of this program (use /diff and git apply)",
    "queue": "sessions are not served by a daemon here",
    "migrate-rollouts": "sessions here are already single JSONL files",
    "cloud": "Codex Cloud is not part of this program",
    "exec-server": "there is no exec-server here",
  ]

  /// The refusal for `arguments` when their first word names such a command.
  static func refusal(_ arguments: [String]) -> String? {
    guard let word = arguments.first, let reason = reasons[word] else { return nil }
    return "codex \(word) is not available here: \(reason)"
  }
}
