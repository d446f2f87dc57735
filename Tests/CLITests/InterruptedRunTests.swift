import Foundation
import TestSupport
import Testing

/// The three ways codex runs a command, each owning the command's process tree its own
/// way: a PID namespace, a child subreaper in the sandbox, a child subreaper without it.
enum CommandSetting: String, CaseIterable, CustomTestStringConvertible, Sendable {
  case sandboxed
  case sandboxedWithoutNamespaces
  case unsandboxed

  var testDescription: String { rawValue }

  /// The `--sandbox` value.
  var sandbox: String { self == .unsandboxed ? "danger-full-access" : "workspace-write" }

  /// Environment for codex: namespaces turned off for the second setting.
  var environment: [String: String] {
    self == .sandboxedWithoutNamespaces ? ["CODEX_SANDBOX_NAMESPACES": "0"] : [:]
  }

  /// Descendants that leave the command's process group: a `setsid` one and a double
  /// fork.
  static func escaping(_ marker: String) -> String {
    "setsid sleep \(marker) & (sleep \(marker) &);"
  }
}

/// `codex exec` running a long command from the scripted server, in a workspace of its
/// own, signalled once the command has started. Every process carrying the command's
/// unique marker is ended when the run is dropped.
final class LongCommandRun {
  let marker = "31.\(UInt32.random(in: 10_000...99_999))"
  let server: ScriptedModelServer
  let home: String
  let workspace: String
  let setting: CommandSetting

  /// `background`: the command also leaves a `sleep &` of its own, and two that leave its
  /// process group.
  init(
    callID: String, background: Bool = false, setting: CommandSetting = .sandboxed,
    reply: String
  ) throws {
    self.setting = setting
    let jobs = background ? "sleep \(marker) & " + CommandSetting.escaping(marker) : ""
    let call =
      #"{"events": [{"function_call": {"name": "shell", "call_id": "\#(callID)", "arguments": {"command": ["sh", "-c", "\#(jobs) touch started; sleep \#(marker)"], "timeout_ms": 120000}}}]}"#
    server = try ScriptedModelServer(
      responses: "[\(call), {\"events\": [{\"text\": \"\(reply)\"}]}]")
    let config =
      "model = \"m\"\nmodel_provider = \"s\"\n[model_providers.s]\nbase_url = \"\(server.baseURL)\"\nwire_api = \"responses\"\n"
    home = try CodexProcess.makeHome(config: Data(config.utf8))
    workspace = try TestDirectory.make("codex-long-command")
  }

  deinit {
    CodexProcess.killAll(matching: "sleep \(marker)")
    server.stop()
    try? FileManager.default.removeItem(atPath: workspace)
  }

  /// Starts exec, waits for its command to start, sends `signal` (a `kill` name) to
  /// codex; returns what the shell saw (`exit N`) and codex's stderr.
  func signalled(_ signal: String) throws -> (shell: String, stderr: String) {
    var environment = ProcessInfo.processInfo.environment
    environment["CODEX_HOME"] = home
    environment.merge(setting.environment) { _, new in new }
    let script = """
      "$0" exec --skip-git-repo-check -s \(setting.sandbox) "start the long job" >out 2>err &
      pid=$!
      i=0
      while [ ! -e started ] && [ $i -lt 400 ]; do sleep 0.05; i=$((i+1)); done
      kill -\(signal) $pid
      wait $pid
      echo "exit $?"
      """
    let run = try Spawn.run(
      ["/bin/sh", "-c", script, CodexProcess.binary], directory: workspace,
      environment: environment)
    let stderr = (try? String(contentsOfFile: workspace + "/err", encoding: .utf8)) ?? ""
    return (run.output, stderr)
  }

  /// Processes still carrying the marker, after waiting up to 2 s for them to end.
  func processesLeft() throws -> [Int] {
    try CodexProcess.processesLeft(matching: "sleep \(marker)")
  }

  /// `codex exec resume --last PROMPT` in the workspace.
  func resume(_ prompt: String) throws -> CodexProcess.Result {
    try CodexProcess.run(
      ["exec", "resume", "--last", "--skip-git-repo-check", prompt],
      environment: ["CODEX_HOME": home], directory: workspace)
  }

  /// The `function_call_output` items of the last request.
  func outputsSent() throws -> [[String: Any]] {
    let body = try #require(server.requests().last?["body"] as? [String: Any])
    let input = try #require(body["input"] as? [[String: Any]])
    return input.filter { $0["type"] as? String == "function_call_output" }
  }
}

extension CodexProcess {
  /// Ends every process whose command line contains `text` (a test's clean-up).
  static func killAll(matching text: String) {
    for pid in (try? processesMatching(text)) ?? [] { kill(pid_t(pid), SIGKILL) }
  }

  /// Processes whose command line contains `text`, after waiting up to 2 s for them to
  /// end.
  static func processesLeft(matching text: String) throws -> [Int] {
    var left = try processesMatching(text)
    for _ in 0..<40 where !left.isEmpty {
      usleep(50_000)
      left = try processesMatching(text)
    }
    return left
  }
}

/// A run that dies mid-command leaves a log that still resumes: the unanswered call is
/// answered as interrupted before the next request.
@Suite(.timeLimit(.minutes(10))) struct InterruptedRunTests {
  @Test(arguments: CommandSetting.allCases)
  func aRunKilledMidCommandResumes(_ setting: CommandSetting) throws {
    let run = try LongCommandRun(
      callID: "call_long", background: true, setting: setting, reply: "Picked up again.")
    let killed = try run.signalled("KILL")
    #expect(killed.shell.contains("exit 137"), "\(killed.shell)")
    #expect(FileManager.default.fileExists(atPath: run.workspace + "/started"))
    // The command's tree dies with codex, even by SIGKILL: its PID namespace's init, or
    // its reaper, is told by the kernel.
    let left = try run.processesLeft()
    #expect(left.isEmpty, "still running: \(left)")

    let resumed = try run.resume("go on")
    #expect(resumed.status == 0, "\(resumed.stderr)")
    #expect(resumed.stdout == "Picked up again.\n")
    let outputs = try run.outputsSent()
    #expect(outputs.count == 1)
    #expect(outputs.first?["call_id"] as? String == "call_long")
    #expect(
      (outputs.first?["output"] as? String)?.hasPrefix("aborted: codex was interrupted") == true)
    // The answer is in the log too, so a second resume does not add another.
    let again = try run.resume("and now?")
    #expect(again.status == 0, "\(again.stderr)")
    #expect(try run.outputsSent().count == 1)
  }
}

/// SIGINT, SIGTERM and SIGHUP to `codex exec` mid-command end the run cleanly: the
/// command's process group is stopped, a line says what happened, the exit status is
/// 128 + the signal, and the session resumes.
@Suite(.timeLimit(.minutes(10))) struct ExecSignalTests {
  @Test(
    arguments: [("INT", 130), ("TERM", 143), ("HUP", 129)], CommandSetting.allCases)
  func aSignalStopsTheRunAndItsCommands(
    _ signalAndStatus: (String, Int), _ setting: CommandSetting
  ) throws {
    let (signal, status) = signalAndStatus
    let run = try LongCommandRun(
      callID: "call_sig", background: true, setting: setting, reply: "Resumed.")
    let signalled = try run.signalled(signal)
    #expect(signalled.shell.contains("exit \(status)"), "\(signalled.shell)")
    #expect(signalled.stderr.contains("stopped by SIG\(signal)"), "\(signalled.stderr)")
    // The command and its background child are gone (within 2 s).
    let left = try run.processesLeft()
    #expect(left.isEmpty, "still running: \(left)")

    let resumed = try run.resume("go on")
    #expect(resumed.status == 0, "\(resumed.stderr)")
    #expect(try run.outputsSent().count == 1)
  }
}

/// `codex mcp-server` ends on SIGTERM with 143 and a line on stderr; stdout keeps only
/// the protocol.
@Suite(.timeLimit(.minutes(10))) struct MCPServerSignalTests {
  @Test func sigtermEndsTheServerCleanly() throws {
    let home = try CodexProcess.makeHome()
    let folder = try TestDirectory.make("codex-mcp-signal")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    var environment = ProcessInfo.processInfo.environment
    environment["CODEX_HOME"] = home
    let script = """
      mkfifo in
      "$0" mcp-server <in >out 2>err &
      pid=$!
      exec 3>in
      printf '%s\\n' '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}' >&3
      i=0
      while ! grep -q '"id":1' out 2>/dev/null && [ $i -lt 200 ]; do sleep 0.05; i=$((i+1)); done
      kill -TERM $pid
      wait $pid
      echo "exit $?"
      """
    let run = try Spawn.run(
      ["/bin/sh", "-c", script, CodexProcess.binary], directory: folder, environment: environment)
    #expect(run.output.contains("exit 143"), "\(run.output)")
    let stderr = (try? String(contentsOfFile: folder + "/err", encoding: .utf8)) ?? ""
    #expect(stderr.contains("codex mcp-server: stopped by SIGTERM"), "\(stderr)")
    let stdout = (try? String(contentsOfFile: folder + "/out", encoding: .utf8)) ?? ""
    for line in stdout.split(separator: "\n") {
      #expect(line.hasPrefix("{"), "not a protocol line: \(line)")
    }
  }
}

/// What a command leaves running in the background ends when the command returns, or
/// when it times out: in its process group, `setsid`, double forks.
@Suite(.timeLimit(.minutes(10))) struct BackgroundJobTests {
  /// Runs one `codex exec` whose shell call is `script` (with `timeout_ms` when given);
  /// returns codex's result.
  func exec(_ script: String, timeoutMilliseconds: Int? = nil, setting: CommandSetting) throws
    -> CodexProcess.Result
  {
    let timeout = timeoutMilliseconds.map { #", "timeout_ms": \#($0)"# } ?? ""
    let call =
      #"{"events": [{"function_call": {"name": "shell", "call_id": "c1", "arguments": {"command": ["sh", "-c", "\#(script)"]\#(timeout)}}}]}"#
    let server = try ScriptedModelServer(
      responses: "[\(call), {\"events\": [{\"text\": \"Done.\"}]}]")
    defer { server.stop() }
    let config =
      "model = \"m\"\nmodel_provider = \"s\"\n[model_providers.s]\nbase_url = \"\(server.baseURL)\"\nwire_api = \"responses\"\n"
    let home = try CodexProcess.makeHome(config: Data(config.utf8))
    return try CodexProcess.run(
      ["exec", "--skip-git-repo-check", "-s", setting.sandbox, "start something"],
      environment: setting.environment.merging(["CODEX_HOME": home]) { _, new in new },
      directory: home)
  }

  @Test(arguments: CommandSetting.allCases)
  func aBackgroundJobEndsWithItsCommand(_ setting: CommandSetting) throws {
    let marker = "33.\(UInt32.random(in: 10_000...99_999))"
    defer { CodexProcess.killAll(matching: "sleep \(marker)") }
    let jobs = "sleep \(marker) & " + CommandSetting.escaping(marker)
    let result = try exec(jobs + " echo started", setting: setting)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains("started"))
    let left = try CodexProcess.processesLeft(matching: "sleep \(marker)")
    #expect(left.isEmpty, "still running: \(left)")
  }

  @Test(arguments: CommandSetting.allCases)
  func aTimedOutCommandEndsWithEverythingItStarted(_ setting: CommandSetting) throws {
    let marker = "34.\(UInt32.random(in: 10_000...99_999))"
    defer { CodexProcess.killAll(matching: "sleep \(marker)") }
    // Deaf to SIGTERM, so it takes the kill after the grace period.
    let jobs = "trap '' TERM; sleep \(marker) & " + CommandSetting.escaping(marker)
    let result = try exec(
      jobs + " sleep \(marker)", timeoutMilliseconds: 300, setting: setting)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains("timed out"), "\(result.stderr)")
    let left = try CodexProcess.processesLeft(matching: "sleep \(marker)")
    #expect(left.isEmpty, "still running: \(left)")
  }
}

/// SIGTERM to `codex mcp-server` during a `codex` call: the turn is interrupted first, so
/// its command ends and its log holds an output for every call.
@Suite(.timeLimit(.minutes(10))) struct MCPServerInFlightSignalTests {
  @Test func aTurnInFlightIsInterruptedBeforeTheServerExits() throws {
    let run = try LongCommandRun(callID: "call_mcp", reply: "never")
    var environment = ProcessInfo.processInfo.environment
    environment["CODEX_HOME"] = run.home
    let call =
      #"{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"codex","arguments":{"prompt":"start the long job","cwd":"\#(run.workspace)","sandbox":"workspace-write","approval-policy":"never"}}}"#
    let script = """
      mkfifo in
      "$0" mcp-server <in >out 2>err &
      pid=$!
      exec 3>in
      printf '%s\\n' '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}' >&3
      printf '%s\\n' '{"jsonrpc":"2.0","method":"notifications/initialized"}' >&3
      printf '%s\\n' '\(call)' >&3
      i=0
      while [ ! -e started ] && [ $i -lt 400 ]; do sleep 0.05; i=$((i+1)); done
      kill -TERM $pid
      wait $pid
      echo "exit $?"
      """
    let shell = try Spawn.run(
      ["/bin/sh", "-c", script, CodexProcess.binary], directory: run.workspace,
      environment: environment)
    #expect(shell.output.contains("exit 143"), "\(shell.output)")
    #expect(FileManager.default.fileExists(atPath: run.workspace + "/started"))
    #expect(try run.processesLeft().isEmpty)
    // The session's log answers the call.
    let sessions = run.home + "/sessions"
    let logs = (FileManager.default.enumerator(atPath: sessions)?.allObjects as? [String] ?? [])
      .filter { $0.hasSuffix(".jsonl") }
    #expect(logs.count == 1)
    let log = try String(contentsOfFile: sessions + "/" + (logs.first ?? ""), encoding: .utf8)
    #expect(log.contains(#""type":"function_call_output""#) && log.contains("call_mcp"), "\(log)")
  }
}
