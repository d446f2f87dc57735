import Agent
import Foundation
import Sandbox

/// What an interactive session did, to save as a `.codex` script (`/save`): the settings
/// it started with, then each prompt, `!` command and slash command that changes the
/// session or asks the model, each turn followed by a comment with its result.
public final class SessionRecord: @unchecked Sendable {
  /// One input and what it did.
  struct Entry {
    enum Kind {
      case prompt(String)
      case shell(String)
      case command(String)
    }
    var kind: Kind
    /// `# ran ...; changed ...; N tokens`
    var note: String?
  }

  /// Slash commands a replay must repeat: they change settings, files or the
  /// conversation, or ask the model.
  static let replayed: Set<String> = [
    "model", "profile", "sandbox", "approve", "budget", "new", "compact", "undo", "skills",
    "checkpoint", "rollback", "review", "init", "run", "fork",
  ]

  private let started: [String]
  private let sessionID: String
  private(set) var entries: [Entry] = []
  /// Files the turns changed, in the order first changed.
  private(set) var changedFiles: [String] = []

  /// A record starting from `configuration`'s settings.
  public init(configuration: Configuration, sessionID: String) {
    var lines: [String] = []
    if let profile = configuration.profile { lines.append("/profile \(profile)") }
    lines.append("/model \(configuration.model)")
    lines.append("/sandbox \(configuration.sandboxMode.rawValue)")
    lines.append("/approve \(configuration.approvalPolicy.rawValue)")
    started = lines
    self.sessionID = sessionID
  }

  func prompt(_ text: String, report: TurnReport?) {
    entries.append(Entry(kind: .prompt(text), note: report?.note))
    for file in report?.files ?? [] where !changedFiles.contains(file) { changedFiles.append(file) }
  }

  func shell(_ command: String) { entries.append(Entry(kind: .shell(command))) }

  /// A slash command line, kept when a replay needs it; `report` for those that ran a turn.
  func command(_ line: String, name: String, report: TurnReport?) {
    guard Self.replayed.contains(name) || report != nil else { return }
    entries.append(Entry(kind: .command(line), note: report?.note))
    for file in report?.files ?? [] where !changedFiles.contains(file) { changedFiles.append(file) }
  }

  /// The script text; `expectFiles` lists files to check at the end.
  func script(expectFiles: [String]) -> String {
    var out = "#!/usr/bin/env codex\n# Saved from session \(sessionID).\n"
    out += "# Replay offline: codex run FILE.codex --replay FILE.cassette\n"
    out += started.joined(separator: "\n") + "\n"
    for entry in entries {
      switch entry.kind {
      case .prompt(let text):
        out += "\n" + Self.promptText(text)
      case .shell(let command):
        out += "!" + Self.escaped(command) + "\n"
      case .command(let line):
        out += Self.escaped(line) + "\n"
      }
      if let note = entry.note { out += "# " + note + "\n" }
    }
    if !expectFiles.isEmpty {
      out += "\n" + expectFiles.map { "/expect file " + Self.escaped($0) + "\n" }.joined()
    }
    return out
  }

  /// A prompt as a script holds it: a paragraph, or a `"""` block when it has several
  /// lines or starts like a command, a comment or a block.
  static func promptText(_ text: String) -> String {
    let first = text.first.map(String.init) ?? ""
    let plain =
      !text.contains("\n") && !["/", "!", "#", "\""].contains(first)
      && !text.trimmingCharacters(in: .whitespaces).isEmpty
    if plain { return escaped(text) + "\n\n" }
    return "\"\"\"\n" + escaped(text) + "\n\"\"\"\n"
  }

  /// `$` written so that the script reads it back as itself, not as a variable.
  static func escaped(_ text: String) -> String {
    text.replacingOccurrences(of: "$", with: "\\$")
  }
}

/// What one turn did, for the comment after its prompt in a saved script.
public final class TurnReport: @unchecked Sendable {
  private let lock = NSLock()
  private var commands: [String] = []
  private(set) var files: [String] = []
  private var tokens: Int?
  private var failure: String?
  private let workingDirectory: String

  init(workingDirectory: String) {
    self.workingDirectory = workingDirectory
  }

  /// Notes what an event says about the turn.
  func observe(_ event: EngineEvent) {
    lock.withLock {
      switch event {
      case .execBegin(_, let command, _, _): commands.append(CommandText.join(command))
      case .patchApplied(_, let changes):
        for change in changes {
          let path = change.movedTo ?? change.path
          let shown =
            path.hasPrefix(workingDirectory + "/")
            ? String(path.dropFirst(workingDirectory.count + 1)) : path
          if !files.contains(shown) { files.append(shown) }
        }
      case .tokenUsage(let turn, _, _):
        tokens = turn.map { $0.inputTokens + $0.outputTokens }
      case .turnFailed(let reason): failure = reason
      case .turnInterrupted: failure = "interrupted"
      default: break
      }
    }
  }

  /// `ran `make test`; changed a.txt; 120 tokens`
  var note: String {
    lock.withLock {
      var parts: [String] = []
      if !commands.isEmpty {
        parts.append("ran " + commands.map { "`\($0)`" }.joined(separator: ", "))
      }
      if !files.isEmpty { parts.append("changed " + files.joined(separator: ", ")) }
      if let tokens { parts.append("\(tokens) tokens") }
      if let failure { parts.append("failed: \(failure)") }
      return "→ "
        + (parts.isEmpty ? "answered" : parts.joined(separator: "; "))
        .replacingOccurrences(of: "\n", with: " ")
    }
  }
}
