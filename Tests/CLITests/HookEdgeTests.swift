import Foundation
import TestSupport
import Testing

/// Hooks that misbehave: one that hangs is stopped at its timeout with everything it
/// started, one that prints garbage is a warning, a Stop hook that always blocks gets
/// one more round and no more, and a PermissionRequest hook answers the question.
@Suite(.timeLimit(.minutes(10))) struct HookEdgeTests {
  static func home(server: ScriptedModelServer, approval: String = "never", hooks: String) throws
    -> String
  {
    try CodexProcess.makeHome(
      server: server, model: "gpt-5.5",
      extra: "approval_policy = \"\(approval)\"\nsandbox_mode = \"workspace-write\"\n" + hooks)
  }

  @Test func hangingGarbageAndInsistentHooks() throws {
    let server = try ScriptedModelServer(
      responses: #"""
        [{"events": [{"function_call": {"name": "exec_command", "call_id": "c1", "arguments": {"cmd": "echo ran-anyway"}}}]},
         {"events": [{"text": "first"}]},
         {"events": [{"text": "second"}]},
         {"events": [{"text": "never asked for"}]}]
        """#)
    defer { server.stop() }
    // The hanging hook starts a child of its own that would outlive it.
    let marker = "hook-sleeper-\(UUID().uuidString.prefix(8))"
    let home = try Self.home(
      server: server,
      hooks: """
        [[hooks.PreToolUse]]
        [[hooks.PreToolUse.hooks]]
        type = "command"
        command = "sh -c 'sleep 300; : \(marker)' & sleep 300"
        timeout = 1

        [[hooks.PostToolUse]]
        [[hooks.PostToolUse.hooks]]
        type = "command"
        command = "echo '{not json'"

        [[hooks.Stop]]
        [[hooks.Stop.hooks]]
        type = "command"
        command = "echo '{\\"decision\\": \\"block\\", \\"reason\\": \\"again\\"}'"
        """)
    let workspace = try TestDirectory.make("codex-hook-edges")
    let result = try CodexProcess.run(
      ["exec", "--skip-git-repo-check", "--dangerously-bypass-hook-trust", "go"],
      environment: ["CODEX_HOME": home], directory: workspace)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains("timed out after 1 s"), "\(result.stderr)")
    #expect(result.stderr.contains("printed invalid JSON"), "\(result.stderr)")
    // A hook that timed out does not block: the command ran.
    let second = String(
      data: try JSONSerialization.data(withJSONObject: server.requests()[1]["body"] ?? [:]),
      encoding: .utf8)
    #expect(second?.contains("ran-anyway") == true)
    // The Stop hook blocked every time; the turn went one more round only.
    #expect(server.requests().count == 3)
    #expect(result.stdout.contains("second"))
    // Nothing the hanging hook started is left.
    #expect(try CodexProcess.processesMatching(marker).isEmpty)
  }

  @Test(arguments: ["allow", "deny"])
  func permissionRequestHookAnswersTheQuestion(_ behavior: String) throws {
    let server = try ScriptedModelServer(
      responses: #"""
        [{"events": [{"function_call": {"name": "exec_command", "call_id": "c1", "arguments": {"cmd": "touch made.txt"}}}]},
         {"events": [{"text": "done"}]}]
        """#)
    defer { server.stop() }
    let answer =
      #"{"hookSpecificOutput": {"hookEventName": "PermissionRequest", "decision": {"behavior": "BEHAVIOR", "message": "not today"}}}"#
      .replacingOccurrences(of: "BEHAVIOR", with: behavior)
    let hookFile = try TestDirectory.make("codex-hook-perm-\(behavior)") + "/answer.json"
    try answer.write(toFile: hookFile, atomically: true, encoding: .utf8)
    let home = try Self.home(
      server: server, approval: "untrusted",
      hooks: """
        [[hooks.PermissionRequest]]
        matcher = "Bash"
        [[hooks.PermissionRequest.hooks]]
        type = "command"
        command = "cat \(hookFile)"
        """)
    let workspace = try TestDirectory.make("codex-hook-perm-ws-\(behavior)")
    // The REPL over a pipe: a question would read its answer from stdin, which ends.
    let result = try CodexProcess.run(
      ["--dangerously-bypass-hook-trust"], stdin: Data("make it\n".utf8),
      environment: ["CODEX_HOME": home], directory: workspace)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(!result.stdout.contains("The model wants to run"), "\(result.stdout)")
    #expect(
      FileManager.default.fileExists(atPath: workspace + "/made.txt") == (behavior == "allow"),
      "\(result.stdout)")
    if behavior == "deny" {
      #expect(result.stdout.contains("a PermissionRequest hook denied it"), "\(result.stdout)")
    }
  }
}
