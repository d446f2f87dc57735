import Foundation
import Testing

@testable import Agent
@testable import Repl

/// Everything the console writes, in order.
final class Screen: @unchecked Sendable {
  private let lock = NSLock()
  private var text = ""
  func append(_ more: String) { lock.withLock { text += more } }
  var all: String { lock.withLock { text } }
}

/// The REPL's console on fixed event sequences: the exact text a terminal receives,
/// with colours and without.
@Suite(.timeLimit(.minutes(10))) struct TerminalConsoleTests {
  func console(colors: Bool, hideReasoning: Bool = false) -> (TerminalConsole, Screen) {
    let screen = Screen()
    let console = TerminalConsole(
      style: TerminalStyle(colors: colors), hideReasoning: hideReasoning, animates: false,
      output: { screen.append($0) })
    return (console, screen)
  }

  static let change = FileChange(
    kind: .modified, path: "src/a.txt", movedTo: nil, oldText: "one\ntwo\n", newText: "one\n2\n")

  static var turn: [EngineEvent] {
    [
      .turnStarted,
      .reasoningDelta("Look at the"),
      .reasoningDelta(" file.\nThen fix"),
      .reasoning("Look at the file.\nThen fix"),
      .agentMessageDelta("# Plan\nI will **fix** it"),
      .agentMessageDelta(" now."),
      .agentMessage("# Plan\nI will **fix** it now."),
      .execBegin(callID: "c1", command: ["ls", "-la"], workingDirectory: "/w", sandboxed: true),
      .execOutput(callID: "c1", stream: .stdout, bytes: Array("a\nb\n".utf8)),
      .execEnd(
        callID: "c1", command: ["ls", "-la"], exitCode: 0, duration: .milliseconds(1250),
        output: "a\nb\n"),
      .patchApplied(callID: "p1", changes: [change]),
      .execBegin(
        callID: "c2", command: ["make", "test"], workingDirectory: "/w", sandboxed: false),
      .execEnd(
        callID: "c2", command: ["make", "test"], exitCode: 2, duration: .seconds(3),
        output: "boom\n"),
      .agentMessageDelta("Done."),
      .agentMessage("Done."),
      .tokenUsage(
        turn: TokenUsage(inputTokens: 120, cachedInputTokens: 20, outputTokens: 30),
        total: TokenUsage(), contextLeft: 0.955),
      .turnCompleted(lastMessage: "Done."),
    ]
  }

  @Test func aTurnWithoutColours() {
    let (console, screen) = console(colors: false)
    for event in Self.turn { console.event(event) }
    #expect(
      screen.all == """
          Look at the file.
          Then fix
        # Plan
        I will **fix** it now.
        $ ls -la
          a
          b
          exit 0 · 1.2s
          M src/a.txt
        --- a/src/a.txt
        +++ b/src/a.txt
        @@ -1,2 +1,2 @@
         one
        -two
        +2
        $ make test  (no sandbox)
          boom
          exit 2 · 3.0s
        Done.
          tokens: 120 in (20 cached), 30 out · 96% context left

        """)
  }

  @Test func aTurnWithColoursRendersMarkdownByLine() {
    let (console, screen) = console(colors: true)
    for event in Self.turn { console.event(event) }
    let style = TerminalStyle(colors: true)
    let expected = [
      style.dim("  Look at the file."), style.dim("  Then fix"),
      style.bold(style.underline("Plan")), "I will " + style.bold("fix") + " it now.",
      style.bold("$ ls -la"), style.dim("  a"), style.dim("  b"), style.dim("  exit 0 · 1.2s"),
      style.bold("  M src/a.txt"), style.bold("--- a/src/a.txt"), style.bold("+++ b/src/a.txt"),
      style.cyan("@@ -1,2 +1,2 @@"), " one", style.red("-two"), style.green("+2"),
      style.bold("$ make test") + style.yellow("  (no sandbox)"), style.dim("  boom"),
      style.red("  exit 2 · 3.0s"), "Done.",
      style.dim("  tokens: 120 in (20 cached), 30 out · 96% context left"),
    ]
    #expect(screen.all == expected.joined(separator: "\n") + "\n")
  }

  @Test func hiddenReasoningIsNotShown() {
    let (console, screen) = console(colors: false, hideReasoning: true)
    for event in Self.turn.prefix(7) { console.event(event) }
    #expect(screen.all == "# Plan\nI will **fix** it now.\n")
  }

  @Test func ourLinesNeverContinueAnUnfinishedStreamedLine() {
    let (console, screen) = console(colors: false)
    console.event(.agentMessageDelta("half a line"))
    console.line("interrupted")
    console.ask("Run it? [y/n] ")
    #expect(screen.all == "half a line\ninterrupted\nRun it? [y/n] ")
  }

  @Test func errorsWarningsRetriesAndRefusals() {
    let (console, screen) = console(colors: false)
    console.event(
      .retrying(
        RetryNotice(
          cause: .request, attempt: 2, limit: 4, delay: .milliseconds(1500),
          reason: "server error (HTTP 500)")))
    console.event(
      .retrying(
        RetryNotice(
          cause: .stream, attempt: 1, limit: 5, delay: .milliseconds(500),
          reason: "the stream broke", discardedCharacters: 312)))
    console.event(.commandRefused(callID: "c", command: ["rm", "-rf", "x y"], reason: "read-only"))
    console.event(.warning("notify failed"))
    console.event(.turnFailed(reason: "stream broke"))
    console.event(.turnInterrupted)
    console.event(
      .planUpdated([
        PlanStep(step: "read", status: .completed), PlanStep(step: "fix", status: .inProgress),
        PlanStep(step: "test", status: .pending),
      ]))
    #expect(
      screen.all == """
          ↻ retrying (2/4) in 1.5s: server error (HTTP 500)
          ↻ connection lost after 312 characters; retrying (1/5) in 0.5s: the stream broke
          not run: rm -rf 'x y' — read-only
        warning: notify failed
        error: stream broke
        interrupted; the conversation keeps what was said so far
          [x] read
          [>] fix
          [ ] test

        """)
  }
}

extension TerminalConsoleTests {
  /// A user's `!cmd` output is shown as it comes, from both streams, on lines of its own.
  @Test func userShellOutputOfBothStreams() {
    let (console, screen) = console(colors: false)
    console.event(.userShellOutput(stream: .stdout, bytes: Array("out\n".utf8)))
    console.event(.userShellOutput(stream: .stderr, bytes: Array("err".utf8)))
    console.line("exit 1")
    #expect(screen.all == "out\nerr\nexit 1\n")
  }
}
