import Foundation
import TestSupport
import Testing

/// `codex exec` run by a person at a terminal (tmux): live progress on stderr, the
/// answer once, Ctrl-C said in words. With stderr redirected, only the plain lines.
@Suite(
  .serialized, .enabled(if: TmuxSession.isAvailable, "needs tmux on PATH"), .timeLimit(.minutes(10)))
struct ExecTerminalTests {
  static let slow = """
    [{"events": [{"text": "Streaming "}, {"text": "**slowly**, then done."}], "delay_ms": 1500}]
    """

  struct Setup {
    let server: ScriptedModelServer
    let home: String
    let workspace: String
  }

  func setUp(_ script: String = Self.slow) throws -> Setup {
    let server = try ScriptedModelServer(responses: script)
    let config = """
      model = "m"
      model_provider = "local"
      [model_providers.local]
      name = "Local"
      base_url = "\(server.baseURL)"
      wire_api = "chat"
      """
    let home = try CodexProcess.makeHome(config: Data(config.utf8))
    let workspace = TestDirectory.path("codex-exec-tty")
    try FileManager.default.createDirectory(
      atPath: workspace + "/.git", withIntermediateDirectories: true)
    return Setup(server: server, home: home, workspace: workspace)
  }

  func start(_ setup: Setup, _ command: [String]) throws -> TmuxSession {
    try TmuxSession(
      command,
      environment: ["CODEX_HOME": setup.home, "TERM": "xterm-256color", "LANG": "C.UTF-8"],
      directory: setup.workspace)
  }

  @Test func progressIsLiveAndTheAnswerShownOnce() throws {
    let setup = try setUp()
    defer { setup.server.stop() }
    let terminal = try start(setup, [CodexProcess.binary, "exec", "say it"])
    defer { terminal.stop() }
    // Before any text arrives, the greeting and the waiting indicator are on screen.
    let waiting = try terminal.waitFor("waiting for the model")
    #expect(waiting.contains("codex · m via local"))
    #expect(!waiting.contains("Streaming"))
    #expect(try terminal.waitForExit() == 0)
    let screen = try terminal.screen()
    #expect(screen.components(separatedBy: ", then done.").count == 2, "\(screen)")
    #expect(screen.contains("usage not reported"))
  }

  @Test func withStderrRedirectedOnlyThePlainLinesAreWritten() throws {
    let setup = try setUp()
    defer { setup.server.stop() }
    let log = setup.workspace + "/progress.txt"
    let terminal = try start(
      setup, ["/bin/sh", "-c", "exec \"$0\" exec 'say it' 2>\"$1\"", CodexProcess.binary, log])
    defer { terminal.stop() }
    #expect(try terminal.waitForExit() == 0)
    let screen = try terminal.screen()
    #expect(screen.components(separatedBy: "Streaming **slowly**, then done.").count == 2)
    let progress = try String(contentsOfFile: log, encoding: .utf8)
    #expect(
      progress.split(separator: "\n").map(String.init) == [
        "codex · m via local · session " + sessionID(in: progress), "  usage not reported",
      ])
    #expect(!progress.contains("\u{1B}"))
  }

  @Test func ctrlCSaysWhatWasKeptAndExits130() throws {
    let setup = try setUp(
      #"[{"events": [{"text": "Partial "}, {"text": "never"}], "delay_ms": 400, "stall_after": 1}]"#
    )
    defer { setup.server.stop() }
    let terminal = try start(setup, [CodexProcess.binary, "exec", "say it"])
    defer { terminal.stop() }
    try terminal.waitFor("Partial")
    try terminal.press("C-c")
    #expect(try terminal.waitForExit() == 130)
    let screen = try terminal.screen()
    #expect(screen.contains("interrupted"))
    #expect(screen.contains("what was said so far is kept; continue with `codex exec resume"))
  }

  private func sessionID(in progress: String) -> String {
    guard let range = progress.range(of: "session ") else { return "" }
    return String(progress[range.upperBound...].prefix { !$0.isNewline })
  }
}
