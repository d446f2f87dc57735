import Foundation
import TestSupport
import Testing

/// A run that dies mid-command leaves a log that still resumes: the unanswered call is
/// answered as interrupted before the next request.
@Suite(.timeLimit(.minutes(3))) struct InterruptedRunTests {
  @Test func aRunKilledMidCommandResumes() throws {
    let marker = "31.\(UInt32.random(in: 10_000...99_999))"
    let call =
      #"{"events": [{"function_call": {"name": "shell", "call_id": "call_long", "arguments": {"command": ["sh", "-c", "touch started; sleep \#(marker)"]}}}]}"#
    let server = try ScriptedModelServer(
      responses: "[\(call), {\"events\": [{\"text\": \"Picked up again.\"}]}]")
    defer { server.stop() }
    let config =
      "model_provider = \"s\"\n[model_providers.s]\nbase_url = \"\(server.baseURL)\"\nwire_api = \"responses\"\n"
    let home = try CodexProcess.makeHome(config: Data(config.utf8))
    let workspace = try TestDirectory.make("codex-killed")
    defer {
      // The command codex was running outlives a SIGKILL of codex; end it here.
      for pid in (try? CodexProcess.processesMatching("sleep \(marker)")) ?? [] {
        kill(pid_t(pid), SIGKILL)
      }
      try? FileManager.default.removeItem(atPath: workspace)
    }
    var environment = ProcessInfo.processInfo.environment
    environment["CODEX_HOME"] = home
    // Start exec, wait until its command is running, kill codex outright.
    let script = """
      "$0" exec --skip-git-repo-check -s workspace-write "start the long job" >out 2>err &
      pid=$!
      i=0
      while [ ! -e started ] && [ $i -lt 400 ]; do sleep 0.05; i=$((i+1)); done
      kill -KILL $pid
      wait $pid
      echo "exit $?"
      """
    let killed = try Spawn.run(
      ["/bin/sh", "-c", script, CodexProcess.binary], directory: workspace,
      environment: environment)
    #expect(killed.output.contains("exit 137"), "\(killed.output)")
    #expect(FileManager.default.fileExists(atPath: workspace + "/started"))

    let resumed = try CodexProcess.run(
      ["exec", "resume", "--last", "--skip-git-repo-check", "go on"],
      environment: ["CODEX_HOME": home], directory: workspace)
    #expect(resumed.status == 0, "\(resumed.stderr)")
    #expect(resumed.stdout == "Picked up again.\n")
    let body = try #require(server.requests().last?["body"] as? [String: Any])
    let input = try #require(body["input"] as? [[String: Any]])
    let outputs = input.filter { $0["type"] as? String == "function_call_output" }
    #expect(outputs.count == 1)
    #expect(outputs.first?["call_id"] as? String == "call_long")
    #expect(
      (outputs.first?["output"] as? String)?.hasPrefix("aborted: codex was interrupted") == true)
    // The answer is in the log too, so a second resume does not add another.
    let again = try CodexProcess.run(
      ["exec", "resume", "--last", "--skip-git-repo-check", "and now?"],
      environment: ["CODEX_HOME": home], directory: workspace)
    #expect(again.status == 0, "\(again.stderr)")
    let last = try #require(server.requests().last?["body"] as? [String: Any])
    let lastInput = try #require(last["input"] as? [[String: Any]])
    #expect(lastInput.filter { $0["type"] as? String == "function_call_output" }.count == 1)
  }
}

/// SIGINT, SIGTERM and SIGHUP to `codex exec` mid-command end the run cleanly: the
/// command's process group is stopped, a line says what happened, the exit status is
/// 128 + the signal, and the session resumes.
@Suite(.timeLimit(.minutes(3))) struct ExecSignalTests {
  @Test(arguments: [("INT", 130), ("TERM", 143), ("HUP", 129)])
  func aSignalStopsTheRunAndItsCommands(_ signal: String, _ status: Int) throws {
    let marker = "32.\(UInt32.random(in: 10_000...99_999))"
    let call =
      #"{"events": [{"function_call": {"name": "shell", "call_id": "call_sig", "arguments": {"command": ["sh", "-c", "touch started; sleep \#(marker) & sleep \#(marker)"], "timeout_ms": 120000}}}]}"#
    let server = try ScriptedModelServer(
      responses: "[\(call), {\"events\": [{\"text\": \"Resumed.\"}]}]")
    defer { server.stop() }
    let config =
      "model_provider = \"s\"\n[model_providers.s]\nbase_url = \"\(server.baseURL)\"\nwire_api = \"responses\"\n"
    let home = try CodexProcess.makeHome(config: Data(config.utf8))
    let workspace = try TestDirectory.make("codex-signal")
    defer {
      for pid in (try? CodexProcess.processesMatching("sleep \(marker)")) ?? [] {
        kill(pid_t(pid), SIGKILL)
      }
      try? FileManager.default.removeItem(atPath: workspace)
    }
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
    #expect(run.output.contains("exit \(status)"), "\(run.output)")
    let stderr = (try? String(contentsOfFile: workspace + "/err", encoding: .utf8)) ?? ""
    #expect(stderr.contains("stopped by SIG\(signal)"), "\(stderr)")
    // The command and its background child are gone (within 2 s).
    var left = try CodexProcess.processesMatching("sleep \(marker)")
    for _ in 0..<40 where !left.isEmpty {
      usleep(50_000)
      left = try CodexProcess.processesMatching("sleep \(marker)")
    }
    #expect(left.isEmpty, "still running: \(left)")

    let resumed = try CodexProcess.run(
      ["exec", "resume", "--last", "--skip-git-repo-check", "go on"],
      environment: ["CODEX_HOME": home], directory: workspace)
    #expect(resumed.status == 0, "\(resumed.stderr)")
    let body = try #require(server.requests().last?["body"] as? [String: Any])
    let input = try #require(body["input"] as? [[String: Any]])
    #expect(input.contains { $0["type"] as? String == "function_call_output" })
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

/// What a command leaves running in the background ends when the command returns.
@Suite(.timeLimit(.minutes(3))) struct BackgroundJobTests {
  @Test func aBackgroundJobEndsWithItsCommand() throws {
    let marker = "33.\(UInt32.random(in: 10_000...99_999))"
    let call =
      #"{"events": [{"function_call": {"name": "shell", "call_id": "c1", "arguments": {"command": ["sh", "-c", "sleep \#(marker) & echo started"]}}}]}"#
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
