import Foundation
import TestSupport
import Testing

/// `codex exec` running a long command from the scripted server, in a workspace of its
/// own, signalled once the command has started. Every process carrying the command's
/// unique marker is ended when the run is dropped.
final class LongCommandRun {
  let marker = "31.\(UInt32.random(in: 10_000...99_999))"
  let server: ScriptedModelServer
  let home: String
  let workspace: String

  /// `background`: the command also leaves a `sleep &` of its own.
  init(callID: String, background: Bool = false, reply: String) throws {
    let sleeps = background ? "sleep \(marker) & sleep \(marker)" : "sleep \(marker)"
    let call =
      #"{"events": [{"function_call": {"name": "shell", "call_id": "\#(callID)", "arguments": {"command": ["sh", "-c", "touch started; \#(sleeps)"], "timeout_ms": 120000}}}]}"#
    server = try ScriptedModelServer(
      responses: "[\(call), {\"events\": [{\"text\": \"\(reply)\"}]}]")
    let config =
      "model_provider = \"s\"\n[model_providers.s]\nbase_url = \"\(server.baseURL)\"\nwire_api = \"responses\"\n"
    home = try CodexProcess.makeHome(config: Data(config.utf8))
    workspace = try TestDirectory.make("codex-long-command")
  }

  deinit {
    for pid in (try? CodexProcess.processesMatching("sleep \(marker)")) ?? [] {
      kill(pid_t(pid), SIGKILL)
    }
    server.stop()
    try? FileManager.default.removeItem(atPath: workspace)
  }

  /// Starts exec, waits for its command to start, sends `signal` (a `kill` name) to
  /// codex; returns what the shell saw (`exit N`) and codex's stderr.
  func signalled(_ signal: String) throws -> (shell: String, stderr: String) {
    var environment = ProcessInfo.processInfo.environment
    environment["CODEX_HOME"] = home
    let script = """
      "$0" exec --skip-git-repo-check -s workspace-write "start the long job" >out 2>err &
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
    var left = try CodexProcess.processesMatching("sleep \(marker)")
    for _ in 0..<40 where !left.isEmpty {
      usleep(50_000)
      left = try CodexProcess.processesMatching("sleep \(marker)")
    }
    return left
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

/// A run that dies mid-command leaves a log that still resumes: the unanswered call is
/// answered as interrupted before the next request.
@Suite(.timeLimit(.minutes(3))) struct InterruptedRunTests {
  @Test func aRunKilledMidCommandResumes() throws {
    let run = try LongCommandRun(callID: "call_long", reply: "Picked up again.")
    let killed = try run.signalled("KILL")
    #expect(killed.shell.contains("exit 137"), "\(killed.shell)")
    #expect(FileManager.default.fileExists(atPath: run.workspace + "/started"))
    if SandboxSupport.namespaces {
      // The command's PID namespace dies with codex, even by SIGKILL.
      #expect(try run.processesLeft().isEmpty)
    }

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
@Suite(.timeLimit(.minutes(3))) struct ExecSignalTests {
  @Test(arguments: [("INT", 130), ("TERM", 143), ("HUP", 129)])
  func aSignalStopsTheRunAndItsCommands(_ signal: String, _ status: Int) throws {
    let run = try LongCommandRun(callID: "call_sig", background: true, reply: "Resumed.")
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
@Suite(.timeLimit(.minutes(3))) struct MCPServerSignalTests {
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

/// What this machine's sandbox offers, as `codex sandbox --explain` says.
enum SandboxSupport {
  static let namespaces: Bool = {
    let explain = try? CodexProcess.run(
      ["sandbox", "--explain", "-s", "workspace-write"],
      environment: ["CODEX_HOME": (try? CodexProcess.makeHome()) ?? "/nonexistent"])
    return explain?.stdout.contains("user and mount namespaces: available") == true
  }()
}

/// What a command leaves running in the background ends when the command returns.
@Suite(.timeLimit(.minutes(3))) struct BackgroundJobTests {
  @Test func aBackgroundJobEndsWithItsCommand() throws {
    let marker = "33.\(UInt32.random(in: 10_000...99_999))"
    // In the command's process group; and, where the sandbox has a PID namespace, out of
    // it too (setsid, a double fork).
    let escaping = "setsid sleep \(marker) & (sleep \(marker) &) ;"
    let jobs = "sleep \(marker) & " + (SandboxSupport.namespaces ? escaping : "")
    let call =
      #"{"events": [{"function_call": {"name": "shell", "call_id": "c1", "arguments": {"command": ["sh", "-c", "\#(jobs) echo started"]}}}]}"#
    let server = try ScriptedModelServer(
      responses: "[\(call), {\"events\": [{\"text\": \"Done.\"}]}]")
    defer { server.stop() }
    defer {
      for pid in (try? CodexProcess.processesMatching("sleep \(marker)")) ?? [] {
        kill(pid_t(pid), SIGKILL)
      }
    }
    let config =
      "model_provider = \"s\"\n[model_providers.s]\nbase_url = \"\(server.baseURL)\"\nwire_api = \"responses\"\n"
    let home = try CodexProcess.makeHome(config: Data(config.utf8))
    let result = try CodexProcess.run(
      ["exec", "--skip-git-repo-check", "start something"], environment: ["CODEX_HOME": home],
      directory: home)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains("started"))
    #expect(try CodexProcess.processesMatching("sleep \(marker)").isEmpty)
  }
}

/// SIGTERM to `codex mcp-server` during a `codex` call: the turn is interrupted first, so
/// its command ends and its log holds an output for every call.
@Suite(.timeLimit(.minutes(3))) struct MCPServerInFlightSignalTests {
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
