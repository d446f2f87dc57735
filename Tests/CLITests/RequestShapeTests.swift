import Foundation
import TestSupport
import Testing

/// The requests codex sends carry what `config.toml` asks for, shaped as Codex CLI sends
/// them today.
@Suite(.timeLimit(.minutes(10))) struct RequestShapeTests {
  /// gpt-5.5 runs commands with `exec_command` on the Responses wire (as its catalog
  /// entry says) and with `shell` on the Chat wire.
  static func script(wire: String) -> String {
    let call =
      wire == "responses"
      ? #"{"name": "exec_command", "call_id": "c1", "arguments": {"cmd": "seq 1 400"}}"#
      : #"{"name": "shell", "call_id": "c1", "arguments": {"command": ["sh", "-c", "seq 1 400"]}}"#
    return """
      [{"events": [{"reasoning": "Let me look.", "encrypted_content": "ENC-opaque-123"},
                   {"function_call": \(call)}]},
       {"events": [{"text": "Counted."}]}]
      """
  }

  func run(wire: String, extra: String = "") throws -> (
    result: CodexProcess.Result, bodies: [[String: Any]]
  ) {
    let server = try ScriptedModelServer(responses: Self.script(wire: wire))
    defer { server.stop() }
    let config = """
      model = "gpt-5.5"
      model_provider = "s"
      model_reasoning_effort = "xhigh"
      model_verbosity = "low"
      model_max_output_tokens = 321
      developer_instructions = "Answer in one word."
      model_instructions_file = "base.md"
      tool_output_token_limit = 50
      \(extra)
      [model_providers.s]
      base_url = "\(server.baseURL)"
      wire_api = "\(wire)"
      """
    let home = try CodexProcess.makeHome(config: Data(config.utf8))
    try "You are a counting assistant.\n".write(
      toFile: home + "/base.md", atomically: true, encoding: .utf8)
    let result = try CodexProcess.run(
      ["exec", "--skip-git-repo-check", "count"], environment: ["CODEX_HOME": home],
      directory: home)
    let bodies = server.requests().compactMap { $0["body"] as? [String: Any] }
    return (result, bodies)
  }

  @Test func responsesRequestsCarryTheConfiguredSettings() throws {
    let (result, bodies) = try run(wire: "responses")
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout == "Counted.\n")
    try #require(bodies.count == 2)
    let first = bodies[0]
    #expect((first["text"] as? [String: Any])?["verbosity"] as? String == "low")
    #expect(first["max_output_tokens"] as? Int == 321)
    #expect((first["reasoning"] as? [String: Any])?["effort"] as? String == "xhigh")
    #expect(first["store"] as? Bool == false)
    #expect((first["include"] as? [String]) == ["reasoning.encrypted_content"])
    #expect(first["parallel_tool_calls"] as? Bool == true)
    #expect((first["prompt_cache_key"] as? String)?.isEmpty == false)
    #expect((first["instructions"] as? String)?.hasPrefix("You are a counting assistant.") == true)
    let input = try #require(first["input"] as? [[String: Any]])
    let developer = input.first { $0["role"] as? String == "developer" }
    #expect("\(developer ?? [:])".contains("Answer in one word."))

    // The reasoning item comes back, encrypted, before the call it led to; the call's
    // output is cut to the token limit.
    let second = try #require(bodies[1]["input"] as? [[String: Any]])
    let types = second.compactMap { $0["type"] as? String }
    let reasoning = try #require(types.firstIndex(of: "reasoning"))
    let call = try #require(types.firstIndex(of: "function_call"))
    #expect(reasoning < call)
    #expect(second[reasoning]["encrypted_content"] as? String == "ENC-opaque-123")
    let output = try #require(
      second.first { $0["type"] as? String == "function_call_output" }?["output"] as? String)
    #expect(output.contains("omitted (tool_output_token_limit = 50)"), "\(output)")
    #expect(output.utf8.count < 600)
  }

  @Test func chatRequestsCarryMaxTokensAndTheDeveloperInstructions() throws {
    let (result, bodies) = try run(wire: "chat")
    #expect(result.status == 0, "\(result.stderr)")
    try #require(bodies.count == 2)
    #expect(bodies[0]["max_tokens"] as? Int == 321)
    let messages = try #require(bodies[0]["messages"] as? [[String: Any]])
    #expect(messages.first?["role"] as? String == "system")
    #expect((messages.first?["content"] as? String)?.hasPrefix("You are a counting") == true)
    #expect(
      messages.contains {
        $0["role"] as? String == "system" && ($0["content"] as? String) == "Answer in one word."
      })
  }

  @Test(arguments: [("live", true), ("cached", false)])
  func webSearchAddsTheProvidersSearchTool(_ mode: String, _ external: Bool) throws {
    let (_, bodies) = try run(wire: "responses", extra: "web_search = \"\(mode)\"")
    let tools = try #require(bodies.first?["tools"] as? [[String: Any]])
    let search = try #require(tools.first { $0["type"] as? String == "web_search" })
    #expect((search["external_web_access"] as? Bool ?? true) == external)
    let (_, off) = try run(wire: "responses")
    let offTools = off.first?["tools"] as? [[String: Any]] ?? []
    #expect(!offTools.contains { $0["type"] as? String == "web_search" })
  }

  @Test func anAzureProviderKeepsStoredResponses() throws {
    let (_, bodies) = try run(wire: "responses", extra: "disable_response_storage = false")
    #expect(bodies.first?["store"] as? Bool == true)
  }

  @Test func readOnlyCallsOfOneResponseAnswerInTheirOrder() throws {
    let calls = (1...4).map { number in
      #"{"function_call": {"name": "shell", "call_id": "r\#(number)", "arguments": {"command": ["bash", "-lc", "echo out-\#(number) && ls /"]}}}"#
    }
    let server = try ScriptedModelServer(
      responses:
        "[{\"events\": [\(calls.joined(separator: ", "))]}, {\"events\": [{\"text\": \"Read.\"}]}]")
    defer { server.stop() }
    let config =
      "model = \"m\"\nmodel_provider = \"s\"\n[model_providers.s]\nbase_url = \"\(server.baseURL)\"\nwire_api = \"responses\"\n"
    let home = try CodexProcess.makeHome(config: Data(config.utf8))
    let result = try CodexProcess.run(
      ["exec", "--skip-git-repo-check", "look around"], environment: ["CODEX_HOME": home],
      directory: home)
    #expect(result.status == 0, "\(result.stderr)")
    let input = try #require(
      (server.requests().last?["body"] as? [String: Any])?["input"] as? [[String: Any]])
    let outputs = input.filter { $0["type"] as? String == "function_call_output" }
    #expect(outputs.map { $0["call_id"] as? String } == ["r1", "r2", "r3", "r4"])
    for (number, output) in outputs.enumerated() {
      #expect((output["output"] as? String)?.contains("out-\(number + 1)") == true)
    }
  }
}
