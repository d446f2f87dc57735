import Foundation

/// What `exec_command` and `write_stdin` tell the model, in Codex's shape:
///
///     Chunk ID: 7d8019
///     Wall time: 0.2702 seconds
///     Process exited with code 3          (or: Process running with session ID 39641)
///     Original token count: 2
///     Output:
///     ...
enum UnifiedExecOutput {
  /// About four bytes a token, as Codex counts them.
  static func tokens(_ byteCount: Int) -> Int { (byteCount + 3) / 4 }

  static func format(
    wallTime: Duration, exitCode: Int32?, sessionID: Int?, output: [UInt8], dropped: Int,
    maxTokens: Int
  ) -> String {
    let text = TerminalText.sanitize(String(decoding: output, as: UTF8.self))
    let seconds =
      Double(wallTime.components.seconds) + Double(wallTime.components.attoseconds) / 1e18
    var lines = [
      "Chunk ID: " + String(format: "%06x", Int.random(in: 0..<0x100_0000)),
      String(format: "Wall time: %.4f seconds", seconds),
    ]
    if let exitCode { lines.append("Process exited with code \(exitCode)") }
    if let sessionID, exitCode == nil {
      lines.append("Process running with session ID \(sessionID)")
    }
    lines.append("Original token count: \(tokens(text.utf8.count + dropped))")
    lines.append("Output:")
    var body = cut(text, maxBytes: max(1, maxTokens) * 4)
    if dropped > 0 { body = "[\(dropped) earlier bytes were not kept]\n" + body }
    return lines.joined(separator: "\n") + "\n" + body
  }

  /// The head and tail of `text`, the middle replaced by a count, when it is longer than
  /// `maxBytes`.
  static func cut(_ text: String, maxBytes: Int) -> String {
    let bytes = Array(text.utf8)
    guard bytes.count > maxBytes else { return text }
    let half = maxBytes / 2
    let head = String(decoding: bytes.prefix(half), as: UTF8.self)
    let tail = String(decoding: bytes.suffix(half), as: UTF8.self)
    return head + "\n…\(tokens(bytes.count - 2 * half)) tokens truncated…\n" + tail
  }

  /// Codex's bounds on how long a call waits for output: at least 250 ms, at most 30 s.
  static func yield(_ milliseconds: Double?, default fallback: Double) -> Duration {
    .milliseconds(Int64(min(max(milliseconds ?? fallback, 250), 30_000)))
  }
}
