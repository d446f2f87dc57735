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
  /// The file is kept within this size by dropping its oldest lines (`history.max_bytes`).
  public var maxBytes: Int?

  /// A history appending to `path`.
  public init(path: String, sessionID: String, maxBytes: Int? = nil) {
    self.path = path
    self.sessionID = sessionID
    self.maxBytes = maxBytes
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
    // what the person typed, so only they may read it. The lock keeps a trim by another
    // session from losing this line.
    let descriptor = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else { return }
    defer { close(descriptor) }
    flock(descriptor, LOCK_EX)
    defer { flock(descriptor, LOCK_UN) }
    _ = data.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    if let maxBytes { trim(descriptor, to: maxBytes) }
  }

  /// Drops whole lines from the start until the file fits in `limit` bytes, rewriting
  /// it in place (same file, so other sessions' descriptors stay valid).
  private func trim(_ descriptor: Int32, to limit: Int) {
    var info = stat()
    guard fstat(descriptor, &info) == 0, Int(info.st_size) > limit else { return }
    var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
    let count = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
    guard count == bytes.count else { return }
    var start = bytes.count - max(limit, 0)
    // Keep only whole lines: start after the newline at or after the cut.
    if start > 0 && bytes[start - 1] != 0x0A {
      start = (bytes[start...].firstIndex(of: 0x0A) ?? (bytes.count - 1)) + 1
    }
    let kept = Array(bytes[start...])
    guard ftruncate(descriptor, 0) == 0 else { return }
    _ = kept.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
  }
}
