import Foundation
import TestSupport
import Testing

/// One conversation in Codex 0.163's tool language, as recorded from the real CLI
/// driving gpt-5.5: `exec_command` (one that ends, one that keeps running), `write_stdin`
/// into it, a freeform `apply_patch`, a custom tool nobody offers and an MCP tool called
/// through its namespace. The files, the outputs the model reads and the `--json` items
/// are those the real CLI gives.
@Suite(.timeLimit(.minutes(10))) struct CodexToolLanguageTests {
  static let script = """
    [{"events": [{"function_call": {"name": "exec_command", "call_id": "c1", "arguments": {"cmd": "echo hi; exit 3"}}}]},
     {"events": [{"function_call": {"name": "exec_command", "call_id": "c2", "arguments": {"cmd": "python3 -i -q", "tty": true, "yield_time_ms": 1500}}}]},
     {"events": [{"function_call": {"name": "write_stdin", "call_id": "c3", "arguments": {"session_id": "$SESSION_ID", "chars": "print(6*7)\\n", "yield_time_ms": 1500}}}]},
     {"events": [{"custom_tool_call": {"name": "apply_patch", "call_id": "c4", "input": "*** Begin Patch\\n*** Update File: notes.txt\\n@@\\n alpha\\n-beta\\n+gamma\\n*** End Patch\\n"}}]},
     {"events": [{"custom_tool_call": {"name": "mystery", "call_id": "c5", "input": "hello"}}]},
     {"events": [{"function_call": {"name": "echo", "namespace": "mcp__fixture__", "call_id": "c6", "arguments": {"text": "yo"}}}]},
     {"events": [{"text": "done"}], "usage": {"input_tokens": 100, "output_tokens": 20, "cached_tokens": 40, "reasoning_tokens": 7, "input_tokens_details": {"cache_write_tokens": 9}}}]
    """

  @Test func aConversationInCodexsToolLanguage() throws {
    try MCPPeers.require()
    let server = try ScriptedModelServer(responses: Self.script)
    defer { server.stop() }
    // No model named: the default one, which Codex drives with these tools.
    let config = """
      model_provider = "s"
      approval_policy = "never"
      sandbox_mode = "workspace-write"
      [model_providers.s]
      base_url = "\(server.baseURL)"
      wire_api = "responses"
      [mcp_servers.fixture]
      command = "\(MCPPeers.python)"
      args = ["\(MCPPeers.fixtureServer)", "stdio"]
      """
    let home = try CodexProcess.makeHome(config: Data(config.utf8))
    let workspace = try TestDirectory.make("codex-tool-language")
    try "alpha\nbeta\n".write(toFile: workspace + "/notes.txt", atomically: true, encoding: .utf8)
    let result = try CodexProcess.run(
      ["exec", "--skip-git-repo-check", "--json", "go"], environment: ["CODEX_HOME": home],
      directory: workspace)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      try String(contentsOfFile: workspace + "/notes.txt", encoding: .utf8) == "alpha\ngamma\n")

    // What the model read back, call by call.
    let requests = server.requests()
    try #require(requests.count == 7)
    let input = try #require((requests[6]["body"] as? [String: Any])?["input"] as? [[String: Any]])
    func output(_ id: String) -> String {
      input.first {
        ($0["type"] as? String)?.hasSuffix("_output") == true && $0["call_id"] as? String == id
      }?[
        "output"] as? String ?? "<none>"
    }
    #expect(output("c1").contains("Process exited with code 3"), "\(output("c1"))")
    #expect(output("c1").hasSuffix("hi\n"), "\(output("c1"))")
    #expect(output("c2").contains("Process running with session ID"), "\(output("c2"))")
    #expect(output("c3").contains("42"), "\(output("c3"))")
    #expect(output("c4").hasPrefix("Exit code: 0\nWall time: "), "\(output("c4"))")
    #expect(output("c4").contains("Success. Updated the following files:\nM notes.txt"))
    #expect(output("c5").contains("unknown tool `mystery`"), "\(output("c5"))")
    #expect(output("c5").contains("exec_command"), "\(output("c5"))")
    #expect(output("c6") == "echo: yo")
    // The namespaced call goes back with its namespace.
    let call = input.first {
      $0["call_id"] as? String == "c6" && $0["type"] as? String == "function_call"
    }
    #expect(call?["namespace"] as? String == "mcp__fixture__")
    #expect(call?["name"] as? String == "echo")
    // The custom tool outputs go back as custom tool outputs.
    #expect(
      input.first {
        $0["call_id"] as? String == "c5" && ($0["type"] as? String) == "custom_tool_call_output"
      } != nil)

    // The --json items, in Codex 0.163's shapes.
    let events = result.stdout.split(separator: "\n").compactMap {
      try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
    }
    let items = events.compactMap { event -> (String, [String: Any])? in
      guard let type = event["type"] as? String, let item = event["item"] as? [String: Any] else {
        return nil
      }
      return (type, item)
    }
    let commands = items.filter { $0.1["type"] as? String == "command_execution" }
    let finished = try #require(commands.first { $0.0 == "item.completed" }?.1)
    #expect(finished["command"] as? String == "/bin/bash -lc 'echo hi; exit 3'")
    #expect(finished["exit_code"] as? Int == 3)
    #expect(finished["status"] as? String == "failed")
    // The one still running is started and stays so, as in Codex.
    #expect(
      commands.contains {
        $0.0 == "item.started" && $0.1["command"] as? String == "/bin/bash -lc 'python3 -i -q'"
      })
    let changes = items.filter { $0.1["type"] as? String == "file_change" }
    #expect(changes.map(\.0) == ["item.started", "item.completed"])
    #expect(changes.map { $0.1["id"] as? String }.count == 2)
    #expect(changes[0].1["id"] as? String == changes[1].1["id"] as? String)
    let changed = try #require((changes.last?.1["changes"] as? [[String: Any]])?.first)
    #expect(changed["path"] as? String == workspace + "/notes.txt")
    #expect(changed["kind"] as? String == "update")
    let mcp = try #require(
      items.last { $0.1["type"] as? String == "mcp_tool_call" && $0.0 == "item.completed" }?.1)
    #expect(mcp["server"] as? String == "fixture")
    #expect((mcp["arguments"] as? [String: Any])?["text"] as? String == "yo")
    let content = try #require((mcp["result"] as? [String: Any])?["content"] as? [[String: Any]])
    #expect(content.first?["text"] as? String == "echo: yo")
    #expect(mcp["error"] is NSNull)
    #expect(mcp["status"] as? String == "completed")
    let usage = try #require(
      events.last { $0["type"] as? String == "turn.completed" }?["usage"] as? [String: Any])
    #expect(usage["input_tokens"] as? Int == 100)
    #expect(usage["cached_input_tokens"] as? Int == 40)
    #expect(usage["cache_write_input_tokens"] as? Int == 9)
    #expect(usage["reasoning_output_tokens"] as? Int == 7)
    // No item reports the background terminal as an error.
    #expect(!items.contains { $0.1["type"] as? String == "error" }, "\(result.stdout)")
  }
}
