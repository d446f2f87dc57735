import Foundation
import TestSupport
import Testing

/// `/review` in the interactive session and in scripts, with `/expect review`.
@Suite(.timeLimit(.minutes(10))) struct ReviewSessionTests {
  /// A repository whose `feature` branch changed a.txt since `main`.
  static func branchedRepository() throws -> String {
    let path = try TestDirectory.make("codex-review-branch")
    let setup = try Spawn.run(
      [
        "/bin/sh", "-c",
        """
        git init -q -b main && printf 'one\\ntwo\\nthree\\n' > a.txt && git add . \
        && git -c user.name=t -c user.email=t@t commit -qm init && git checkout -q -b feature \
        && printf 'one\\ntwo\\nthree\\nfour\\n' > a.txt \
        && git -c user.name=t -c user.email=t@t commit -qam 'add four'
        """,
      ], directory: path)
    #expect(setup.status == 0, "\(setup.output)")
    return path
  }

  static func home(_ server: ScriptedModelServer, trusting directory: String) throws -> String {
    try CodexProcess.makeHome(
      server: server, model: "main-model",
      extra: "file_opener = \"none\"\n[projects.\"\(directory)\"]\ntrust_level = \"trusted\"")
  }

  @Test(.enabled(if: TmuxSession.isAvailable, "needs tmux on PATH"))
  func reviewBaseMainShowsFindingsWithFileAndLine() throws {
    let repo = try Self.branchedRepository()
    let finding = ReviewCommandTests.finding(
      "[P2] Count to four on purpose", priority: 2, path: repo + "/a.txt", line: 4)
    let server = try ScriptedModelServer(
      responses: ReviewCommandTests.answer([finding]).dropLast()
        + #", {"events": [{"text": "Fixed."}]}]"#)
    defer { server.stop() }
    let home = try Self.home(server, trusting: repo)
    let tty = try TmuxSession(
      [CodexProcess.binary],
      environment: ["CODEX_HOME": home, "TERM": "xterm-256color", "LANG": "C.UTF-8"],
      directory: repo)
    defer { tty.stop() }
    try tty.waitFor("› ")
    try tty.type("/review base ma")
    try tty.press("Tab")
    try tty.waitFor("/review base main ")
    try tty.press("Enter")
    let screen = try tty.waitFor("patch is incorrect")
    #expect(screen.contains("[P2] Count to four on purpose  a.txt:4"), "\(screen)")
    #expect(screen.contains("+four"), "the diff hunk is not shown: \(screen)")
    #expect(!screen.contains("\"findings\""), "the raw answer was shown: \(screen)")
    // The review stays in the conversation: the next prompt carries it.
    try tty.type("fix it")
    try tty.press("Enter")
    try tty.waitFor("Fixed.")
    let requests = server.requests()
    #expect(requests.count == 2)
    let next = String(describing: requests.last?["body"] ?? "")
    #expect(next.contains("a.txt:4"), "\(next)")
  }

  @Test func aScriptExpectsNoFindingsAboveAPriority() throws {
    let repo = try Self.branchedRepository()
    let urgent = ReviewCommandTests.finding("[P1] Wrong", priority: 1, path: "a.txt", line: 4)
    // At the bound itself: a P2 finding is not above P2.
    let minor = ReviewCommandTests.finding("[P2] Edge", priority: 2, path: "a.txt", line: 4)
    let server = try ScriptedModelServer(
      responses: "[" + ReviewCommandTests.answer([minor]).dropFirst().dropLast() + ","
        + ReviewCommandTests.answer([urgent]).dropFirst())
    defer { server.stop() }
    let home = try Self.home(server, trusting: repo)
    let script = repo + "-check.codex"
    try """
    /review base main
    /expect review no-findings-above P2
    /review commit HEAD
    /expect review no-findings-above P2
    """.write(toFile: script, atomically: true, encoding: .utf8)
    let result = try CodexProcess.run(
      ["run", script], environment: ["CODEX_HOME": home], directory: repo)
    #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
    let output = result.stdout + result.stderr
    #expect(output.components(separatedBy: "expectation met").count == 2, "\(output)")
    #expect(output.contains("the review has 1 finding above P2: [P1] Wrong (a.txt:4)"), "\(output)")
  }

  @Test func aBadExpectationIsFoundBeforeAnythingRuns() throws {
    let repo = try Self.branchedRepository()
    let server = try ScriptedModelServer(responses: ReviewCommandTests.answer([]))
    defer { server.stop() }
    let script = repo + "-bad.codex"
    try "/review uncommitted\n/expect review no-findings-above P9\n".write(
      toFile: script, atomically: true, encoding: .utf8)
    let result = try CodexProcess.run(
      ["run", script], environment: ["CODEX_HOME": try Self.home(server, trusting: repo)],
      directory: repo)
    #expect(result.status == 2, "\(result.stdout)\(result.stderr)")
    #expect(result.stderr.contains(":2:"), "\(result.stderr)")
    #expect(result.stderr.contains("no-findings-above P0|P1|P2|P3"))
    #expect(server.requests().isEmpty)
  }
}
