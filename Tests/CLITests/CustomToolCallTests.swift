import Foundation
import TestSupport
import Testing

/// Custom (freeform) tool calls as Codex's models make them: apply_patch with the patch
/// as its input, a tool codex does not offer, an output item of a type codex does not
/// know. Each is answered, logged and resumed, never dropped.
@Suite(.timeLimit(.minutes(10))) struct CustomToolCallTests {
  static let patch = "*** Begin Patch\n*** Add File: hello.txt\n+hello\n*** End Patch\n"

  func exec(_ server: ScriptedModelServer, _ arguments: [String], home: String? = nil) throws
    -> (CodexProcess.Result, String, String)
  {
    let home = try home ?? CodexProcess.makeHome(server: server)
    let directory = try TestDirectory.make("codex-custom")
    let result = try CodexProcess.run(
      ["exec", "--skip-git-repo-check", "-s", "workspace-write"] + arguments,
      environment: ["CODEX_HOME": home], directory: directory)
    return (result, directory, home)
  }

  /// The input items of request `index`.
  func input(_ server: ScriptedModelServer, _ index: Int) throws -> [[String: Any]] {
    let body = try #require(server.requests()[index]["body"] as? [String: Any])
    return try #require(body["input"] as? [[String: Any]])
  }

  static func call(_ name: String, _ input: String, id: String) -> String {
    let object: [String: Any] = [
      "events": [["custom_tool_call": ["name": name, "input": input, "call_id": id]]]
    ]
    return String(decoding: try! JSONSerialization.data(withJSONObject: object), as: UTF8.self)
  }

  @Test func aFreeformPatchIsAppliedAndAnsweredAsACustomOutput() throws {
    let server = try ScriptedModelServer(
      responses: "[" + Self.call("apply_patch", Self.patch, id: "cp1")
        + #", {"events": [{"text": "Patched."}]}]"#)
    defer { server.stop() }
    let (result, directory, home) = try exec(server, ["add hello"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout == "Patched.\n")
    #expect(
      try String(contentsOfFile: directory + "/hello.txt", encoding: .utf8) == "hello\n")
    let second = try input(server, 1)
    let call = try #require(second.first { $0["type"] as? String == "custom_tool_call" })
    #expect(call["call_id"] as? String == "cp1")
    #expect(call["input"] as? String == Self.patch)
    let output = try #require(second.first { $0["type"] as? String == "custom_tool_call_output" })
    #expect(output["call_id"] as? String == "cp1")
    #expect((output["output"] as? String)?.contains("hello.txt") == true, "\(output)")
    #expect(!second.contains { $0["type"] as? String == "function_call_output" })
    // The session log keeps both items, so a resumed session sends them back.
    let resumeServer = try ScriptedModelServer(responses: #"[{"events": [{"text": "Again."}]}]"#)
    defer { resumeServer.stop() }
    let config = try String(contentsOfFile: home + "/config.toml", encoding: .utf8)
      .replacingOccurrences(of: server.baseURL, with: resumeServer.baseURL)
    try config.write(toFile: home + "/config.toml", atomically: true, encoding: .utf8)
    let resumed = try CodexProcess.run(
      ["exec", "resume", "--skip-git-repo-check", "--last", "and again"],
      environment: ["CODEX_HOME": home],
      directory: directory)
    #expect(resumed.status == 0, "\(resumed.stderr)")
    try #require(resumeServer.requests().count == 1)
    let sent = try input(resumeServer, 0)
    let resent = sent.first { $0["type"] as? String == "custom_tool_call" }
    #expect(resent?["input"] as? String == Self.patch, "\(sent)")
    #expect(sent.contains { $0["type"] as? String == "custom_tool_call_output" })
  }

  @Test func aCustomToolThatIsNotOfferedIsAnsweredNotDropped() throws {
    let server = try ScriptedModelServer(
      responses: "[" + Self.call("spell_check", "teh cat", id: "cs1")
        + #", {"events": [{"text": "Fine."}]}]"#)
    defer { server.stop() }
    let (result, _, _) = try exec(server, ["check"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout == "Fine.\n")
    #expect(!result.stderr.contains("whole response"), "\(result.stderr)")
    let requests = server.requests()
    #expect(requests.count == 2)
    // Both requests streamed: the call was not taken for a server that cannot stream.
    #expect(requests.allSatisfy { ($0["body"] as? [String: Any])?["stream"] as? Bool == true })
    let output = try #require(
      try input(server, 1).first { $0["type"] as? String == "custom_tool_call_output" })
    #expect(output["call_id"] as? String == "cs1")
    let text = output["output"] as? String ?? ""
    #expect(text.contains("unknown tool") && text.contains("apply_patch"), "\(text)")
  }

  @Test func anItemOfAnUnknownTypeIsSaidOnceAndTheAnswerGoesOn() throws {
    let server = try ScriptedModelServer(
      responses:
        #"[{"events": [{"item": {"type": "future_widget", "id": "w1"}}, {"text": "Here."}]}]"#
    )
    defer { server.stop() }
    let (result, _, _) = try exec(server, ["go"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout == "Here.\n")
    #expect(result.stderr.contains("future_widget"), "\(result.stderr)")
    #expect(server.requests().count == 1)
  }

  @Test(arguments: ["responses", "chat"])
  func withUnifiedExecApplyPatchIsOfferedFreeformWhereTheWireHasIt(wire: String) throws {
    let server = try ScriptedModelServer(responses: #"[{"events": [{"text": "ok"}]}]"#)
    defer { server.stop() }
    let home = try CodexProcess.makeHome(server: server, wire: wire)
    let directory = try TestDirectory.make("codex-freeform")
    let result = try CodexProcess.run(
      ["exec", "--skip-git-repo-check", "-c", "features.unified_exec=true", "go"],
      environment: ["CODEX_HOME": home], directory: directory)
    #expect(result.status == 0, "\(result.stderr)")
    let body = try #require(server.requests().first?["body"] as? [String: Any])
    let tools = try #require(body["tools"] as? [[String: Any]])
    if wire == "responses" {
      let patch = try #require(tools.first { $0["name"] as? String == "apply_patch" })
      #expect(patch["type"] as? String == "custom")
      let format = try #require(patch["format"] as? [String: Any])
      #expect(format["type"] as? String == "grammar" && format["syntax"] as? String == "lark")
      let grammar = format["definition"] as? String ?? ""
      #expect(grammar.contains("*** Begin Patch") && grammar.contains("*** Update File: "))
    } else {
      let functions = tools.compactMap { $0["function"] as? [String: Any] }
      let patch = try #require(functions.first { $0["name"] as? String == "apply_patch" })
      #expect((patch["parameters"] as? [String: Any])?["properties"] != nil)
    }
  }

  @Test func requestsSayWhoAsksAndWhichSession() throws {
    let server = try ScriptedModelServer(responses: #"[{"events": [{"text": "ok"}]}]"#)
    defer { server.stop() }
    let (result, _, _) = try exec(server, ["go"])
    #expect(result.status == 0, "\(result.stderr)")
    let request = try #require(server.requests().first)
    let sent = try #require(request["headers"] as? [String: String])
    let headers = Dictionary(sent.map { ($0.key.lowercased(), $0.value) }) { first, _ in first }
    let body = try #require(request["body"] as? [String: Any])
    let agent = headers["user-agent"] ?? ""
    #expect(agent.hasPrefix("codex-swift/"), "\(agent)")
    #expect(!agent.contains("codex_exec") && headers["originator"] == nil)
    let session = try #require(body["prompt_cache_key"] as? String)
    #expect(headers["session-id"] == session && headers["thread-id"] == session)
  }
}
