import Agent
import Commands
import Foundation

/// The REPL's output, appended to the terminal: the model's text as it streams
/// (Markdown rendered line by line when colours are on), everything else as lines from
/// the progress renderer, and a waiting indicator while nothing arrives.
// @unchecked Sendable: every mutable field is read and written under `lock`, the
// indicator's ticks included.
public final class TerminalConsole: Console, @unchecked Sendable {
  private let lock = NSLock()
  private let renderer: ProgressRenderer
  private let style: TerminalStyle
  private var markdown: MarkdownRenderer
  /// Streamed text not yet rendered (colour mode renders whole lines).
  private var pendingText = ""
  /// The terminal's width, when the output is one: streamed text then shows word by word.
  private let columns: (@Sendable () -> Int)?
  /// The model's line being streamed to the terminal (with `columns`).
  private var streaming: StreamingLine?
  /// Whether the cursor is after text that did not end its line.
  private var midLine = false
  private let indicator: WaitingIndicator?
  /// Lines of the tool call the model is writing, for the waiting indicator.
  private var toolInputLines = 0
  /// Patches whose diff the approval question showed: once applied, only their files
  /// are listed.
  private var diffShown: Set<String> = []
  private let hideReasoning: Bool
  /// Reasoning summary text streamed but not yet shown (it is shown a line at a time).
  private var pendingReasoning = ""
  /// The current reasoning summary was streamed, so its finished item is not shown again.
  private var streamedReasoning = false
  /// Where the text goes: the terminal, or a test's buffer.
  private let write: @Sendable (String) -> Void
  /// Tells the terminal when a turn ends or an approval waits (`tui.notifications`).
  public var notifier: TerminalNotifier?

  /// `animates`: show the waiting indicator (a terminal that is not `TERM=dumb`).
  /// `output` receives every byte meant for the terminal (standard output by default).
  public init(
    style: TerminalStyle, hideReasoning: Bool, animates: Bool, fileLinks: FileLinks? = nil,
    columns: (@Sendable () -> Int)? = nil,
    output: @escaping @Sendable (String) -> Void = {
      FileHandle.standardOutput.write(Data($0.utf8))
    }
  ) {
    write = output
    let terminal: @Sendable () -> Int = { TerminalConsole.terminalColumns() }
    self.columns = columns ?? (animates ? terminal : nil)
    self.style = style
    self.hideReasoning = hideReasoning
    var renderer = ProgressRenderer(style: style, hideReasoning: hideReasoning)
    renderer.fileLinks = fileLinks
    self.renderer = renderer
    markdown = MarkdownRenderer(style: style)
    indicator = animates ? WaitingIndicator() : nil
    indicator?.onTick = { [weak self] in self?.drawIndicator() }
  }

  /// A line of the interpreter's own, after any pending model text.
  public func line(_ text: String) {
    lock.withLock {
      stopWaiting()
      flushPending()
      emit(text.hasSuffix("\n") ? text : text + "\n", endsLine: true, ownLine: true)
    }
  }

  /// Sends the terminal notification for `kind`, when asked for.
  public func notify(_ kind: String, message: String) {
    guard let bytes = notifier?.sequence(kind, message: message) else { return }
    lock.withLock { write(bytes) }
  }

  /// A unified diff, coloured by line kind.
  public func diff(_ text: String) {
    for line in DiffRenderer.lines(text, style: style) { self.line(line) }
  }

  /// Text without a line break (a question), after anything pending.
  public func ask(_ text: String) {
    lock.withLock {
      stopWaiting()
      flushPending()
      emit(text, endsLine: false, ownLine: true)
      midLine = false
    }
  }

  /// Renders one engine event: streamed text, commands, patches, usage, the end of a turn.
  public func event(_ event: EngineEvent) {
    switch event {
    case .turnStarted:
      lock.withLock { startWaiting("waiting for the model") }
    case .agentMessageDelta(let delta):
      lock.withLock {
        stopWaiting()
        flushReasoning()
        stream(delta)
      }
    case .reasoningDelta(let delta):
      // Shown as it streams, so the thinking comes before the answer it leads to.
      guard !hideReasoning else { return }
      lock.withLock {
        stopWaiting()
        streamedReasoning = true
        pendingReasoning += TerminalText.sanitize(delta)
        while let newline = pendingReasoning.firstIndex(of: "\n") {
          let text = String(pendingReasoning[..<newline])
          pendingReasoning = String(pendingReasoning[pendingReasoning.index(after: newline)...])
          emit(style.dim("  " + text) + "\n", endsLine: true, ownLine: true)
        }
      }
    case .reasoning:
      let shown = lock.withLock {
        defer { streamedReasoning = false }
        flushReasoning()
        return streamedReasoning
      }
      if !shown { for text in renderer.lines(event) { line(text) } }
    case .agentMessage:
      lock.withLock {
        flushPending()
        if midLine { emit("\n", endsLine: true) }
      }
    case .userShellOutput(_, let bytes):
      lock.withLock {
        stopWaiting()
        let text = TerminalText.sanitize(String(decoding: bytes, as: UTF8.self))
        emit(text, endsLine: text.hasSuffix("\n"))
      }
    case .toolInputDelta(let delta):
      // A long patch is written for a while: the indicator counts its lines.
      lock.withLock {
        toolInputLines += delta.utf8.count { $0 == 0x0A }
        if midLine { emit("\n", endsLine: true) }
        let lines = toolInputLines == 1 ? "1 line" : "\(toolInputLines) lines"
        startWaiting("the model is writing a tool call: \(lines)")
      }
    case .execBegin:
      for text in renderer.lines(event) { line(text) }
      lock.withLock {
        toolInputLines = 0
        startWaiting("running")
      }
    case .approvalRequested(let callID, let question):
      if question.kind == .patch, question.diff != nil {
        lock.withLock { _ = diffShown.insert(callID) }
      }
      for text in renderer.lines(event) { line(text) }
    case .patchApplied(let callID, let changes)
    where lock.withLock({ diffShown.remove(callID) != nil }):
      for change in changes { line(style.bold("  " + renderer.summary(change))) }
      lock.withLock {
        toolInputLines = 0
        startWaiting("waiting for the model")
      }
    case .execEnd, .patchApplied, .patchFailed, .commandRefused:
      for text in renderer.lines(event) { line(text) }
      lock.withLock {
        toolInputLines = 0
        startWaiting("waiting for the model")
      }
    case .turnCompleted(let message):
      lock.withLock { stopWaiting() }
      notify("agent-turn-complete", message: message ?? "the turn is done")
    case .turnFailed, .turnInterrupted:
      lock.withLock { stopWaiting() }
      for text in renderer.lines(event) { line(text) }
    case .retrying:
      // The broken attempt's text is void: the marker says so, and the retry's text
      // starts fresh (outside any code block the broken one opened).
      for text in renderer.lines(event) { line(text) }
      lock.withLock {
        markdown = MarkdownRenderer(style: style)
        startWaiting("waiting for the model")
      }
    case .sessionConfigured:
      // The interactive session greets the user itself; scripts name their steps.
      break
    default:
      for text in renderer.lines(event) { line(text) }
    }
  }

  /// The width of the terminal on `descriptor` (80 when it cannot be told).
  static func terminalColumns(_ descriptor: Int32 = 1) -> Int {
    var size = winsize()
    if ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
      return Int(size.ws_col)
    }
    return 80
  }

  // MARK: - Under the lock

  private func stream(_ raw: String) {
    // The model's text is untrusted: no escape sequence of its own reaches the terminal.
    let delta = TerminalText.sanitize(raw)
    if let columns {
      // A terminal: each word as it comes, the finished line redrawn with its styling.
      var rest = Substring(delta)
      while !rest.isEmpty {
        var line = streaming ?? StreamingLine(width: columns())
        guard let newline = rest.firstIndex(of: "\n") else {
          let shown = line.feed(String(rest))
          streaming = line
          if !shown.isEmpty {
            write(shown)
            midLine = true
          }
          break
        }
        write(line.feed(String(rest[..<newline])))
        write(line.finish(styled: markdown.render(line.text), newline: true))
        streaming = nil
        midLine = false
        rest = rest[rest.index(after: newline)...]
      }
      return
    }
    guard style.colors else {
      emit(delta, endsLine: delta.hasSuffix("\n"))
      return
    }
    pendingText += delta
    while let newline = pendingText.firstIndex(of: "\n") {
      let text = String(pendingText[..<newline])
      pendingText = String(pendingText[pendingText.index(after: newline)...])
      emit(markdown.render(text) + "\n", endsLine: true)
    }
  }

  private func flushReasoning() {
    guard !pendingReasoning.isEmpty else { return }
    emit(style.dim("  " + pendingReasoning) + "\n", endsLine: true, ownLine: true)
    pendingReasoning = ""
  }

  private func flushPending() {
    if var line = streaming {
      streaming = nil
      let finished = line.finish(styled: markdown.render(line.text), newline: false)
      if !finished.isEmpty {
        write(finished)
        midLine = true
      }
      return
    }
    guard !pendingText.isEmpty else { return }
    emit(markdown.render(pendingText), endsLine: false)
    pendingText = ""
  }

  private func emit(_ text: String, endsLine: Bool, ownLine: Bool = false) {
    guard !text.isEmpty else { return }
    // A line of ours never continues the model's unfinished streamed line.
    let out = ownLine && midLine ? "\n" + text : text
    write(out)
    midLine = !endsLine
  }

  private func startWaiting(_ label: String) {
    guard let indicator, !midLine else { return }
    indicator.start(label)
  }

  private func stopWaiting() {
    guard let indicator, let erase = indicator.stop() else { return }
    write(erase)
  }

  private func drawIndicator() {
    lock.withLock {
      guard let indicator, indicator.isRunning else { return }
      write(indicator.nextFrame())
    }
  }
}
