import Foundation
import TestSupport
import Testing

/// A stream that breaks in the interactive session, as the person at the terminal sees
/// it: the text already shown is marked as discarded, once, and the retried answer
/// follows; the conversation keeps only the retried answer.
@Suite(
  .serialized, .enabled(if: TmuxSession.isAvailable, "needs tmux on PATH"), .timeLimit(.minutes(10)))
struct ReplRetryTerminalTests {
  @Test func aBrokenStreamIsMarkedAsDiscardedOnce() throws {
    let server = try ScriptedModelServer(
      responses: """
        [{"events": [{"text": "A first try that "}, {"text": "breaks"}], "drop_after": 2},
         {"events": [{"text": "The whole answer."}]},
         {"events": [{"text": "Second reply."}]}]
        """)
    defer { server.stop() }
    let home = try CodexProcess.makeHome(config: ReplTerminalTests.config(server))
    let directory = try ReplTerminalTests.workspace()
    let session = try ReplTerminalTests.start(home: home, directory: directory)
    defer { session.stop() }
    try session.waitFor("› ")
    try session.type("tell me")
    try session.press("Enter")
    try session.waitFor("The whole answer.")
    try session.waitFor("› ", count: 2)
    let screen = try session.screen()
    let marker = "↻ connection lost after 17 characters; retrying (1/5)"
    #expect(screen.components(separatedBy: marker).count == 2, "\(screen)")
    // The marker comes after the discarded text and before the retried answer.
    let lines = screen.split(separator: "\n").map(String.init)
    let markerLine = try #require(lines.firstIndex { $0.contains(marker) })
    let answerLine = try #require(lines.firstIndex { $0.contains("The whole answer.") })
    #expect(lines[..<markerLine].contains { $0.contains("A first try that") })
    #expect(markerLine < answerLine)

    // The next request carries only the retried answer.
    try session.type("and then")
    try session.press("Enter")
    try session.waitFor("Second reply.")
    let last = try ReplTerminalTests.body(try #require(server.requests().last))
    #expect(last.contains("The whole answer."))
    #expect(!last.contains("A first try"))
  }
}
