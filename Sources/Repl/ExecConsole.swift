import Agent
import Commands
import Foundation

/// What `codex exec` shows: Codex's JSON lines on stdout (`--json`); else progress on
/// stderr, live on a terminal (the waiting indicator, the answer as it streams, rendered
/// as the REPL renders it) and one line per step when stderr is a file or a pipe.
// @unchecked Sendable: the writer's state and both output streams are used under `lock`
// only; the live console has a lock of its own.
final class ExecConsole: Console, @unchecked Sendable {
  private let lock = NSLock()
  let json: Bool
  let style: TerminalStyle
  private let renderer: ProgressRenderer
  private let live: TerminalConsole?
  private let writer: ExecJSONWriter
  /// The model's latest message, written to stderr when more follows (then it was
  /// narration, not the answer).
  private var narration: String?

  init(
    json: Bool, style: TerminalStyle, hideReasoning: Bool, live: Bool, fileLinks: FileLinks?,
    workingDirectory: String
  ) {
    self.json = json
    self.style = style
    var renderer = ProgressRenderer(style: style, hideReasoning: hideReasoning)
    renderer.fileLinks = fileLinks
    self.renderer = renderer
    self.live =
      live
      ? TerminalConsole(
        style: style, hideReasoning: hideReasoning, animates: true, fileLinks: fileLinks,
        columns: { TerminalConsole.terminalColumns(2) },
        output: { FileHandle.standardError.write(Data($0.utf8)) }) : nil
    let stdout: @Sendable (String) -> Void = { FileHandle.standardOutput.write(Data($0.utf8)) }
    writer = ExecJSONWriter(workingDirectory: workingDirectory) { stdout($0 + "\n") }
  }

  /// Whether two descriptors are the same terminal (stdout and stderr both on the one
  /// the user watches).
  static func sameTerminal(_ first: Int32, _ second: Int32) -> Bool {
    var a = stat()
    var b = stat()
    guard isatty(first) == 1, isatty(second) == 1, fstat(first, &a) == 0, fstat(second, &b) == 0
    else { return false }
    return a.st_rdev == b.st_rdev
  }

  func stdout(_ text: String) { lock.withLock { FileHandle.standardOutput.write(Data(text.utf8)) } }
  func stderr(_ text: String) { lock.withLock { FileHandle.standardError.write(Data(text.utf8)) } }

  func warning(_ message: String) {
    line(style.yellow("warning: ") + TerminalText.sanitize(message))
  }

  func line(_ text: String) {
    if let live { live.line(text) } else { stderr(text + "\n") }
  }

  func event(_ event: EngineEvent) {
    if json {
      // The writer numbers items; events may come from more than one thread.
      lock.withLock { writer.handle(event) }
    } else if let live {
      // The live console leaves the greeting to its owner: exec's is this line.
      if case .sessionConfigured = event { renderer.lines(event).forEach(live.line) }
      live.event(event)
    } else if case .reviewCompleted(let result) = event {
      // The findings themselves go to stdout; the progress log gets their count.
      let findings = result.output.findings
      let counts = Dictionary(grouping: findings) { $0.priorityLabel ?? "P?" }
        .sorted { $0.key < $1.key }.map { "\($0.key): \($0.value.count)" }
      stderr(
        "review of \(TerminalText.sanitize(result.target)): \(findings.count) finding"
          + (findings.count == 1 ? "" : "s")
          + (counts.isEmpty ? "" : " (" + counts.joined(separator: ", ") + ")")
          + "\n")
    } else {
      // The model's messages between tool calls are its narration, kept on stderr; the
      // last one is the answer, which goes to stdout alone.
      switch event {
      case .agentMessage(let text):
        flushNarration()
        lock.withLock { narration = text }
        return
      case .agentMessageDelta, .reasoningDelta, .toolInputDelta, .tokenUsage:
        break
      case .turnCompleted:
        lock.withLock { narration = nil }
      default:
        flushNarration()
      }
      for line in renderer.lines(event) { stderr(line + "\n") }
    }
  }

  /// Writes the model's last message to stderr once something followed it.
  private func flushNarration() {
    guard
      let text = lock.withLock({ () -> String? in
        defer { narration = nil }
        return narration
      })
    else { return }
    stderr(TerminalText.sanitize(text) + "\n")
  }
}
