import Foundation
import TestSupport
import Testing

/// `exec_command` and `write_stdin` (`features.unified_exec`), driven as Codex's models
/// drive them, through the real binary.
@Suite(.timeLimit(.minutes(10))) struct UnifiedExecTests {
  static func call(_ name: String, _ id: String, _ arguments: [String: Any]) -> String {
    let object: [String: Any] = [
      "events": [["function_call": ["name": name, "call_id": id, "arguments": arguments]]]
    ]
    return String(decoding: try! JSONSerialization.data(withJSONObject: object), as: UTF8.self)
  }

  func run(_ responses: [String], flags: [String] = ["-s", "workspace-write"]) throws -> (
    CodexProcess.Result, ScriptedModelServer, String
  ) {
    let server = try ScriptedModelServer(responses: "[" + responses.joined(separator: ",") + "]")
    let home = try CodexProcess.makeHome(server: server)
    let directory = try TestDirectory.make("codex-unified")
    let result = try CodexProcess.run(
      ["exec", "--skip-git-repo-check", "-c", "features.unified_exec=true"] + flags + ["go"],
      environment: ["CODEX_HOME": home], directory: directory)
    return (result, server, directory)
  }

  func outputs(_ server: ScriptedModelServer) -> [String] { server.lastFunctionOutputs() }

  @Test func aCommandThatEndsReturnsItsExitCodeAndOutputInCodexsShape() throws {
    let (result, server, directory) = try run([
      Self.call(
        "exec_command", "e1",
        ["cmd": "echo hi; echo err >&2; touch made; exit 3", "yield_time_ms": 5000]),
      #"{"events": [{"text": "done"}]}"#,
    ])
    defer { server.stop() }
    #expect(result.status == 0, "\(result.stderr)")
    let tools = (server.requests().first?["body"] as? [String: Any])?["tools"] as? [[String: Any]]
    let names = tools?.compactMap { $0["name"] as? String } ?? []
    #expect(names.contains("exec_command") && names.contains("write_stdin"), "\(names)")
    #expect(!names.contains("shell"))
    let output = try #require(outputs(server).first)
    let lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(lines[0].range(of: #"^Chunk ID: [0-9a-f]{6}$"#, options: .regularExpression) != nil)
    #expect(
      lines[1].range(of: #"^Wall time: \d+\.\d{4} seconds$"#, options: .regularExpression) != nil)
    #expect(lines[2] == "Process exited with code 3", "\(output)")
    #expect(lines[3].hasPrefix("Original token count: "))
    #expect(lines[4] == "Output:")
    #expect(output.contains("hi\n") && output.contains("err\n"), "\(output)")
    #expect(FileManager.default.fileExists(atPath: directory + "/made"))
  }

  @Test func anInteractivePythonAnswersThroughWriteStdin() throws {
    let (result, server, _) = try run([
      Self.call(
        "exec_command", "e1", ["cmd": "python3 -i -q", "tty": true, "yield_time_ms": 1500]),
      Self.call(
        "write_stdin", "w1",
        ["session_id": "$SESSION_ID", "chars": "print(6*7)\n", "yield_time_ms": 1500]),
      Self.call(
        "write_stdin", "w2",
        ["session_id": "$SESSION_ID", "chars": "exit()\n", "yield_time_ms": 3000]),
      #"{"events": [{"text": "done"}]}"#,
    ])
    defer { server.stop() }
    #expect(result.status == 0, "\(result.stderr)")
    let told = outputs(server)
    try #require(told.count == 3, "\(told)")
    #expect(told[0].contains("Process running with session ID"), "\(told[0])")
    #expect(told[1].contains("42"), "\(told[1])")
    #expect(told[2].contains("Process exited with code 0"), "\(told[2])")
    // Escape sequences of the terminal never reach the model.
    #expect(!told.joined().contains("\u{1B}"))
  }

  @Test func aProcessLeftRunningEndsWithCodex() throws {
    let marker = "codex-unified-marker-\(UUID().uuidString.prefix(8))"
    let (result, server, _) = try run([
      Self.call("exec_command", "e1", ["cmd": "sleep 300; echo \(marker)", "yield_time_ms": 300]),
      #"{"events": [{"text": "left it running"}]}"#,
    ])
    defer { server.stop() }
    #expect(result.status == 0, "\(result.stderr)")
    #expect(outputs(server).first?.contains("Process running with session ID") == true)
    // codex has exited; its background process went with it.
    #expect(try CodexProcess.processesLeft(matching: marker).isEmpty)
  }

  @Test func commandsRunInALoginShellUnlessAsked() throws {
    let probe = "shopt -q login_shell && echo login-shell || echo plain-shell"
    let (result, server, _) = try run([
      Self.call("exec_command", "e1", ["cmd": probe]),
      Self.call("exec_command", "e2", ["cmd": probe, "login": false]),
      #"{"events": [{"text": "ok"}]}"#,
    ])
    defer { server.stop() }
    #expect(result.status == 0, "\(result.stderr)")
    let told = outputs(server)
    try #require(told.count == 2)
    #expect(told[0].hasSuffix("login-shell\n"), "\(told[0])")
    #expect(told[1].hasSuffix("plain-shell\n"), "\(told[1])")
  }

  @Test func aProcessKeepsABoundedBufferOfUnreadOutput() throws {
    // 3 MB of output nobody reads while it is written: only the last MiB is kept.
    let (result, server, _) = try run([
      Self.call(
        "exec_command", "e1",
        [
          "cmd": "head -c 3000000 /dev/zero | tr '\\0' a; echo; echo the-end",
          "yield_time_ms": 10000,
        ]),
      #"{"events": [{"text": "ok"}]}"#,
    ])
    defer { server.stop() }
    #expect(result.status == 0, "\(result.stderr)")
    let output = try #require(outputs(server).first)
    let dropped = output.range(
      of: #"\[(\d+) earlier bytes were not kept\]"#, options: .regularExpression)
    #expect(dropped != nil, "\(output.prefix(300))")
    #expect(output.hasSuffix("the-end\n"))
    #expect(output.utf8.count < 60_000)
  }

  @Test func theChatWireDrivesExecCommandToo() throws {
    let server = try ScriptedModelServer(
      responses: "["
        + Self.call(
          "exec_command", "e1", ["cmd": "python3 -i -q", "tty": true, "yield_time_ms": 1500])
        + ", "
        + Self.call(
          "write_stdin", "w1",
          ["session_id": "$SESSION_ID", "chars": "print(6*7)\nexit()\n", "yield_time_ms": 3000])
        + #", {"events": [{"text": "done"}]}]"#)
    defer { server.stop() }
    let home = try CodexProcess.makeHome(server: server, wire: "chat")
    let result = try CodexProcess.run(
      [
        "exec", "--skip-git-repo-check", "-c", "features.unified_exec=true", "-s",
        "workspace-write", "go",
      ], environment: ["CODEX_HOME": home], directory: try TestDirectory.make("codex-chat-exec"))
    #expect(result.status == 0, "\(result.stderr)")
    let body = try #require(server.requests().last?["body"] as? [String: Any])
    let messages = try #require(body["messages"] as? [[String: Any]])
    let told = messages.filter { $0["role"] as? String == "tool" }.compactMap {
      $0["content"] as? String
    }
    try #require(told.count == 2, "\(told)")
    #expect(told[0].contains("Process running with session ID"))
    #expect(told[1].contains("42") && told[1].contains("Process exited with code 0"), "\(told[1])")
  }

  @Test func anUnknownSessionIsAnsweredNotFatal() throws {
    let (result, server, _) = try run([
      Self.call("write_stdin", "w1", ["session_id": 4242, "chars": "x"]),
      #"{"events": [{"text": "ok"}]}"#,
    ])
    defer { server.stop() }
    #expect(result.status == 0, "\(result.stderr)")
    #expect(outputs(server).first?.contains("no running process with session ID 4242") == true)
  }

  @Test func theSandboxHoldsForExecCommand() throws {
    let (result, server, _) = try run([
      Self.call("exec_command", "e1", ["cmd": "touch /etc/codex-unified-test"]),
      #"{"events": [{"text": "ok"}]}"#,
    ])
    defer { server.stop() }
    #expect(result.status == 0, "\(result.stderr)")
    #expect(!FileManager.default.fileExists(atPath: "/etc/codex-unified-test"))
    #expect(outputs(server).first?.contains("Read-only file system") == true, "\(outputs(server))")
  }

  @Test(.enabled(if: TmuxSession.isAvailable, "needs tmux on PATH"))
  func psListsBackgroundProcessesAndStopEndsThem() throws {
    let marker = "codex-ps-marker-\(UUID().uuidString.prefix(8))"
    let server = try ScriptedModelServer(
      responses: "["
        + Self.call(
          "exec_command", "e1", ["cmd": "sleep 300; echo \(marker)", "yield_time_ms": 300])
        + #", {"events": [{"text": "Started it."}]}]"#)
    defer { server.stop() }
    let home = try CodexProcess.makeHome(
      server: server, extra: "sandbox_mode = \"workspace-write\"\napproval_policy = \"never\"")
    let directory = try TestDirectory.make("codex-ps")
    let tty = try TmuxSession(
      [CodexProcess.binary, "-c", "features.unified_exec=true"],
      environment: ["CODEX_HOME": home, "TERM": "xterm-256color", "LANG": "C.UTF-8"],
      directory: directory)
    defer { tty.stop() }
    try tty.waitFor("› ")
    try tty.type("start a server")
    try tty.press("Enter")
    try tty.waitFor("Started it.")
    try tty.type("/ps")
    try tty.press("Enter")
    // The command's line and the note that it keeps running name it too: the third is /ps's.
    let listed = try tty.waitFor(marker, count: 3)
    #expect(
      listed.range(of: #"\d{4,5}  \d+s  sleep 300"#, options: .regularExpression) != nil,
      "\(listed)")
    #expect(try !CodexProcess.processesMatching(marker).isEmpty)
    try tty.type("/stop all")
    try tty.press("Enter")
    try tty.waitFor("stopped 1 process")
    #expect(try CodexProcess.processesLeft(matching: marker).isEmpty)
    try tty.type("/ps")
    try tty.press("Enter")
    try tty.waitFor("no background processes")
  }

  @Test(.enabled(if: TmuxSession.isAvailable, "needs tmux on PATH"))
  func leavingWithCtrlCTwiceEndsBackgroundProcesses() throws {
    let marker = "codex-leave-marker-\(UUID().uuidString.prefix(8))"
    defer { CodexProcess.killAll(matching: marker) }
    let server = try ScriptedModelServer(
      responses: "["
        + Self.call(
          "exec_command", "e1", ["cmd": "sleep 300; echo \(marker)", "yield_time_ms": 300])
        + #", {"events": [{"text": "Started it."}]}]"#)
    defer { server.stop() }
    let home = try CodexProcess.makeHome(
      server: server, model: "gpt-5.5",
      extra: "sandbox_mode = \"workspace-write\"\napproval_policy = \"never\"")
    let directory = try TestDirectory.make("codex-leave")
    let tty = try TmuxSession(
      [CodexProcess.binary],
      environment: ["CODEX_HOME": home, "TERM": "xterm-256color", "LANG": "C.UTF-8"],
      directory: directory)
    defer { tty.stop() }
    try tty.waitFor("› ")
    try tty.type("start a server")
    try tty.press("Enter")
    try tty.waitFor("Started it.")
    #expect(try !CodexProcess.processesMatching(marker).isEmpty)
    try tty.press("C-c")
    try tty.waitFor("Ctrl-C again")
    try tty.press("C-c")
    _ = try tty.waitForExit()
    #expect(try CodexProcess.processesLeft(matching: marker).isEmpty)
  }
}
