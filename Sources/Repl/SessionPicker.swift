import Agent
import Foundation

/// Finds the session to resume: by id, the latest, or (on a terminal) one the user picks.
public enum SessionPicker {
  /// Why no session was picked, with the exit status it calls for.
  public struct Refusal: Error {
    /// What went wrong, for the user.
    public var message: String
    /// 1 for a missing or unreadable session, 2 for a question only a terminal can answer.
    public var status: Int32
  }

  /// The session to continue: by id (or its start), the latest with `last`, or on a
  /// terminal the one the user picks from a numbered list of recent ones.
  /// Without `all`, only sessions started in the current directory are offered (and
  /// `last` is the latest of those), as Codex CLI does.
  public static func pick(last: Bool, id: String?, interactive: Bool, all: Bool = false)
    throws -> SavedSession
  {
    let home: String
    do {
      home = try ConfigLoader().codexHome()
    } catch let error as ConfigError {
      throw Refusal(message: error.message, status: 2)
    }
    let path: String
    if let id {
      guard let found = SavedSession.find(codexHome: home, id: id) else {
        throw Refusal(message: "no saved session \(id) in \(home)/sessions", status: 1)
      }
      path = found
    } else {
      let here = all ? nil : FileManager.default.currentDirectoryPath
      let recent = SavedSession.list(codexHome: home, workingDirectory: here)
      guard let newest = recent.first else {
        let scope = here.map { " started in \($0) (--all for every directory)" } ?? ""
        throw Refusal(message: "no saved sessions in \(home)/sessions\(scope)", status: 1)
      }
      if last || !interactive {
        guard last else {
          throw Refusal(
            message: "which session? pass --last or an id (codex resume --last)", status: 2)
        }
        path = newest
      } else {
        path = try choose(from: recent, home: home)
      }
    }
    do {
      return try SavedSession.read(path: path)
    } catch let error as ModelError {
      throw Refusal(message: error.message, status: 1)
    }
  }

  /// Lists recent sessions (time, directory, first prompt) and reads a number.
  private static func choose(from paths: [String], home: String) throws -> String {
    var sessions: [(String, SavedSession)] = []
    for path in paths {
      if let session = SavedSession.head(path: path) { sessions.append((path, session)) }
    }
    let names = SessionNames(codexHome: home)
    // Numbers right-aligned, so the columns line up from the tenth session on.
    let numberWidth = String(sessions.count).count
    for (index, entry) in sessions.enumerated() {
      let session = entry.1
      let prompt =
        (session.firstPrompt ?? "(no prompt)").split(separator: "\n").first.map(String.init) ?? ""
      let number = String(index + 1)
      let padded = String(repeating: " ", count: numberWidth - number.count) + number
      let name = names.name(of: session.id).map { "[\($0)]  " } ?? ""
      // A session file's text: untrusted like any other.
      print(
        TerminalText.sanitize(
          "\(padded)  \(session.started.prefix(19))  \(session.workingDirectory)  \(name)\(prompt.prefix(60))"
        ))
    }
    print("session number (Enter for 1): ", terminator: "")
    let answer = readLine()?.trimmingCharacters(in: .whitespaces) ?? ""
    let choice = answer.isEmpty ? 1 : Int(answer) ?? 0
    guard (1...sessions.count).contains(choice) else {
      throw Refusal(message: "no session number \(answer)", status: 2)
    }
    return sessions[choice - 1].0
  }
}
