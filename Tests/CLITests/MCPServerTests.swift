import Foundation
import TestSupport
import Testing

/// `codex mcp-server` driven by the official Python MCP SDK as its client.
@Suite(.timeLimit(.minutes(10))) struct MCPServerTests {
  struct Report {
    var json: [String: Any]
    var first: [String: Any] { json["first"] as? [String: Any] ?? [:] }
    var reply: [String: Any] { json["reply"] as? [String: Any] ?? [:] }
    var events: [String] { json["events"] as? [String] ?? [] }
    var elicitations: [String] { json["elicitations"] as? [String] ?? [] }
  }

  func probe(
    script: String, options: [String], prompt: String, workspace: String? = nil
  ) throws -> (Report, ScriptedModelServer, String) {
    try MCPPeers.require()
    let server = try ScriptedModelServer(responses: script)
    let secret = "sk-mcp-server-\(UUID().uuidString)"
    let config = """
      model = "m"
      model_provider = "scripted"
      [model_providers.scripted]
      base_url = "\(server.baseURL)"
      wire_api = "responses"
      env_key = "SCRIPTED_API_KEY"
      """
    let home = try CodexProcess.makeHome(config: Data(config.utf8))
    let directory = workspace ?? TestDirectory.path("codex-mcp-server")
    try FileManager.default.createDirectory(
      atPath: directory + "/.git", withIntermediateDirectories: true)
    var environment = ProcessInfo.processInfo.environment
    environment["CODEX_HOME"] = home
    environment["SCRIPTED_API_KEY"] = secret
    environment["CODEX_LOG"] = "trace"
    let result = try Spawn.run(
      [MCPPeers.python, MCPPeers.clientProbe] + options + [
        prompt, "--", CodexProcess.binary,
        "mcp-server",
      ],
      directory: directory, environment: environment)
    let line = result.output.split(separator: "\n").last { $0.hasPrefix("{") } ?? ""
    let json = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
    guard result.status == 0, let json else {
      server.stop()
      throw Spawn.Failure(description: "the probe failed (\(result.status)): \(result.output)")
    }
    // The key went to the model server and nowhere else under CODEX_HOME.
    let files = FileManager.default.enumerator(atPath: home)?.allObjects as? [String] ?? []
    for file in files {
      let data = FileManager.default.contents(atPath: home + "/" + file) ?? Data()
      #expect(!String(decoding: data, as: UTF8.self).contains(secret), "\(file) holds the key")
    }
    return (Report(json: json), server, directory)
  }

  @Test func codexThenCodexReplyContinueOneConversation() throws {
    let script = """
      [{"events": [{"text": "First "}, {"text": "answer."}], "usage": {"input_tokens": 10, "output_tokens": 2}},
       {"events": [{"text": "Second answer."}]}]
      """
    let (report, server, _) = try probe(
      script: script, options: ["--reply", "and what next?"], prompt: "hello codex")
    defer { server.stop() }
    #expect(report.json["tools"] as? [String] == ["codex", "codex-reply"])
    #expect(report.first["text"] as? String == "First answer.")
    #expect(report.first["isError"] as? Bool == false)
    let structured = report.first["structured"] as? [String: Any] ?? [:]
    let conversation = try #require(structured["conversationId"] as? String)
    #expect(structured["threadId"] as? String == conversation)
    #expect(report.reply["text"] as? String == "Second answer.")
    #expect(
      (report.reply["structured"] as? [String: Any])?["conversationId"] as? String
        == conversation)
    #expect(report.events.first == "session_configured")
    #expect(report.events.filter { $0 == "task_complete" }.count == 2)
    #expect(report.events.contains("agent_message"))

    // The reply's request carries the whole conversation.
    let requests = server.requests()
    #expect(requests.count == 2)
    let body = String(
      decoding: try JSONSerialization.data(withJSONObject: requests[1]["body"] ?? [:]),
      as: UTF8.self)
    for text in ["hello codex", "First answer.", "and what next?"] {
      #expect(body.contains(text), "the second request lacks \(text)")
    }
  }

  @Test func aCancelledCallInterruptsTheTurnAndTheConversationGoesOn() throws {
    // The first answer stops part-way; the client gives up on it once text has come.
    let script = """
      [{"events": [{"text": "one "}, {"text": "two "}, {"text": "three "}, {"text": "four"}], "stall_after": 3},
       {"events": [{"text": "Back again."}]}]
      """
    let (report, server, _) = try probe(
      script: script,
      options: ["--cancel-on-event", "agent_message_delta", "--reply", "are you there?"],
      prompt: "count slowly")
    defer { server.stop() }
    #expect(report.json["first"] as? String == "cancelled")
    #expect(report.reply["text"] as? String == "Back again.")
    // The reply's request carries the prompt and what was said before the interruption.
    let requests = server.requests()
    #expect(requests.count == 2)
    let body = String(
      decoding: try JSONSerialization.data(withJSONObject: requests[1]["body"] ?? [:]),
      as: UTF8.self)
    #expect(body.contains("count slowly") && body.contains("are you there?"))
    #expect(body.contains("one "))
    #expect(!body.contains("four"))
  }

  static let touchScript = """
    [{"events": [{"function_call": {"name": "shell", "arguments": {"command": ["touch", "made-by-codex"]}, "call_id": "c1"}}]},
     {"events": [{"text": "Done."}]}]
    """

  @Test func approvalsGoThroughElicitation() throws {
    let (report, server, workspace) = try probe(
      script: Self.touchScript,
      options: [
        "--approve", "--arg", #"approval-policy="untrusted""#, "--arg",
        #"sandbox="workspace-write""#,
      ],
      prompt: "make a file")
    defer { server.stop() }
    #expect(report.elicitations.count == 1)
    #expect(report.elicitations.first?.contains("touch made-by-codex") == true)
    // Generic clients follow the steps through MCP progress notifications.
    let progress = report.json["progress"] as? [[Any]] ?? []
    #expect(progress.map { $0.first as? Double ?? 0 } == [1, 2])
    #expect(progress.map { $0.last as? String ?? "" } == ["$ touch made-by-codex", "Done."])
    #expect(FileManager.default.fileExists(atPath: workspace + "/made-by-codex"))
    #expect(report.events.contains("exec_command_end"))
    #expect(report.first["text"] as? String == "Done.")
  }

  @Test func aModelOfCodexsCatalogRunsCommandsWithExecCommand() throws {
    let script = """
      [{"events": [{"function_call": {"name": "exec_command", "arguments": {"cmd": "echo via-exec > made-by-exec"}, "call_id": "c1"}}]},
       {"events": [{"text": "Done."}]}]
      """
    let (report, server, workspace) = try probe(
      script: script,
      options: [
        "--arg", #"model="gpt-5.5""#, "--arg", #"approval-policy="never""#, "--arg",
        #"sandbox="workspace-write""#,
      ],
      prompt: "make a file")
    defer { server.stop() }
    #expect(report.first["text"] as? String == "Done.")
    #expect(
      try String(contentsOfFile: workspace + "/made-by-exec", encoding: .utf8) == "via-exec\n")
    #expect(report.events.contains("exec_command_begin"))
    #expect(report.events.contains("exec_command_end"))
    let output = server.lastFunctionOutputs().first ?? ""
    #expect(output.contains("Process exited with code 0"), "\(output)")
  }

  @Test func withoutElicitationTheCommandIsRefusedAndTheModelTold() throws {
    let (report, server, workspace) = try probe(
      script: Self.touchScript,
      options: ["--arg", #"approval-policy="untrusted""#], prompt: "make a file")
    defer { server.stop() }
    #expect(report.elicitations.isEmpty)
    #expect(!FileManager.default.fileExists(atPath: workspace + "/made-by-codex"))
    let body = String(
      decoding: try JSONSerialization.data(withJSONObject: server.requests()[1]["body"] ?? [:]),
      as: UTF8.self)
    #expect(body.contains("command was not run: the user declined"))
    #expect(report.first["text"] as? String == "Done.")
  }

  @Test func badArgumentsAreAToolError() throws {
    let (report, server, _) = try probe(
      script: Self.touchScript, options: ["--arg", #"sandbox="sometimes""#], prompt: "x")
    defer { server.stop() }
    #expect(report.first["isError"] as? Bool == true)
    #expect(
      (report.first["text"] as? String)?.contains(
        "sandbox: \"sometimes\" is not one of read-only, workspace-write, danger-full-access")
        == true)
    #expect(server.requests().isEmpty)
  }
}
