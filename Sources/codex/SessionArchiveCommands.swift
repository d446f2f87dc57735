import Agent
import ArgumentParser

/// `codex archive [ID | --last]`
struct ArchiveCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "archive",
    abstract: "Archive a saved session (by id, its start or name; --last: the latest).")

  @OptionGroup var options: ConfigOptions
  @Flag(help: "The most recent session.") var last = false
  @Argument(help: "The session's id (or its start, or its name).") var id: String?

  func validate() throws {
    guard (id == nil) != !last else { throw ValidationError("give a session's id or --last") }
  }

  func run() throws {
    let archive = SessionArchive(codexHome: try Failure.loadConfiguration(options).codexHome)
    do {
      let path = try archive.active(id)
      print("archived \(path) → \(try archive.archive(path))")
    } catch {
      throw Failure.report(error.description, code: 1)
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

  @OptionGroup var options: ConfigOptions
  @Flag(help: "The most recent session.") var last = false
  @Argument(help: "The session's id (or its start, or its name).") var id: String?

  func validate() throws {
    guard (id == nil) != !last else { throw ValidationError("give a session's id or --last") }
  }

  func run() throws {
    let archive = SessionArchive(codexHome: try Failure.loadConfiguration(options).codexHome)
    do {
      let path = try archive.active(id)
      try archive.delete(path)
      print("deleted \(path)")
    } catch {
      throw Failure.report(error.description, code: 1)
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
