import Agent
import Foundation

/// `$CODEX_HOME/history.jsonl`: one line per prompt a person typed, in Codex CLI's
/// shape (`{"session_id":…,"ts":…,"text":…}`), appended so that several sessions can
/// write at once. Written only when `history.persistence` is `save-all`.
public struct PromptHistory: Sendable {
  /// The `history.jsonl` file.
  public var path: String
  /// The session each line is recorded under.
  public var sessionID: String

  /// A history appending to `path`.
  public init(path: String, sessionID: String) {
    self.path = path
    self.sessionID = sessionID
  }

  /// Appends a prompt in Codex's format (`session_id`, `ts`, `text`), as one write.
  public func append(_ text: String, at date: Date = Date()) {
    let entry: JSONValue = [
      "session_id": .string(sessionID), "text": .string(text),
      "ts": .int(Int(date.timeIntervalSince1970)),
    ]
    var data = Data(entry.bytes)
    data.append(0x0A)
    // One write with O_APPEND keeps concurrent writers' lines whole; the file holds
    // what the person typed, so only they may read it.
    let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else { return }
    defer { close(descriptor) }
    _ = data.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
  }
}
