import Foundation
import TestSupport
import Testing

/// `codex app-server` driven by the official Codex Python SDK (pinned, installed by
/// scripts/test), against this binary and, in the same checks, against the real Codex
/// CLI 0.163 when it is installed: the tests follow Codex, not us.
@Suite(.timeLimit(.minutes(10))) struct AppServerTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().path
  static let python = root + "/.build-peers/codex-sdk/bin/python"
  static let probe = root + "/scripts/app-server-probe"

  /// This binary, and the real CLI when it is there.
  static var binaries: [String] { ["ours"] + (RealCodexCLI.path != nil ? ["real"] : []) }

  struct Setup {
    let server: ScriptedModelServer
    let home: String
    let workspace: String
  }

  func setUp(_ script: String) throws -> Setup {
    guard FileManager.default.isExecutableFile(atPath: Self.python) else {
      throw Spawn.Failure(
        description: "the Codex SDK is not installed: run scripts/peers sdk-install")
    }
    let server = try ScriptedModelServer(responses: script)
    let home = try RealCodexCLI.home(for: server)
    let workspace = try TestDirectory.make("codex-app-server")
    _ = try Spawn.run(["git", "init", "-q"], directory: workspace)
    return Setup(server: server, home: home, workspace: workspace)
  }

  /// The probe's JSON for `scenario` against `binary` ("ours" or "real").
  func probe(_ setup: Setup, _ binary: String, _ scenario: [String], key: Bool = true) throws
    -> [String: Any]
  {
    let path = binary == "ours" ? CodexProcess.binary : RealCodexCLI.path!
    var environment = ProcessInfo.processInfo.environment
    environment["CODEX_HOME"] = setup.home
    environment["SCRIPTED_KEY"] = key ? "k" : nil
    if binary == "real" {
      environment["PATH"] = RealCodexCLI.path(environment["PATH"])
    }
    let run = try Spawn.run(
      [Self.python, Self.probe, path] + scenario, directory: setup.workspace,
      environment: environment)
    let line = run.output.split(separator: "\n").last { $0.hasPrefix("{") } ?? ""
    guard run.status == 0,
      let json = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
    else {
      throw Spawn.Failure(description: "the probe failed (\(run.status)): \(run.output)")
    }
    return json
  }

  @Test(arguments: binaries)
  func aThreadRunsATurnWithACommandAndIsListedThenResumedElsewhere(_ binary: String) throws {
    let setup = try setUp(
      """
      [{"events": [{"text": "Let me check."}, {"function_call": {"name": "exec_command", "call_id": "c1", "arguments": {"cmd": "echo hello-from-command"}}}]},
       {"events": [{"text": "The command said hello."}]},
       {"events": [{"text": "Again, hello."}]}]
      """)
    defer { setup.server.stop() }
    let first = try probe(setup, binary, ["run"])
    #expect(first["final"] as? String == "The command said hello.")
    let thread = try #require(first["thread"] as? String)
    #expect((first["listed"] as? [String])?.contains(thread) == true, "\(first)")
    let items = first["items"] as? [[String: Any]] ?? []
    let command = try #require(items.first { $0["type"] as? String == "commandExecution" })
    #expect((command["aggregatedOutput"] as? String)?.contains("hello-from-command") == true)
    #expect(command["exitCode"] as? Int == 0)
    // A second SDK process resumes the thread; the model sees the history.
    let second = try probe(setup, binary, ["resume", thread])
    #expect(second["final"] as? String == "Again, hello.")
    let body = String(
      decoding: try JSONSerialization.data(
        withJSONObject: setup.server.requests().last?["body"] ?? [:]), as: UTF8.self)
    #expect(body.contains("run a command") && body.contains("The command said hello."))
  }

  @Test(arguments: binaries)
  func aSlowTurnIsInterrupted(_ binary: String) throws {
    let words = (0..<80).map { #"{"text": "word\#($0) "}"# }.joined(separator: ", ")
    let setup = try setUp(#"[{"events": [\#(words)], "delay_ms": 100}]"#)
    defer { setup.server.stop() }
    let result = try probe(setup, binary, ["interrupt"])
    #expect(result["status"] as? String == "interrupted", "\(result)")
    #expect((result["seconds"] as? Double ?? 99) < 5, "\(result)")
  }

  @Test(arguments: binaries)
  func anApprovalReachesTheClientAndADeclineIsHonoured(_ binary: String) throws {
    let setup = try setUp(
      """
      [{"events": [{"function_call": {"name": "exec_command", "call_id": "c1", "arguments": {"cmd": "touch made-by-model"}}}]},
       {"events": [{"text": "Declined, fine."}]}]
      """)
    defer { setup.server.stop() }
    let result = try probe(setup, binary, ["decline"])
    let asked = result["asked"] as? [[String: Any]] ?? []
    #expect(asked.first?["method"] as? String == "item/commandExecution/requestApproval")
    #expect((asked.first?["command"] as? String)?.contains("touch made-by-model") == true)
    #expect(result["status"] as? String == "completed")
    #expect(!FileManager.default.fileExists(atPath: setup.workspace + "/made-by-model"))
  }

  @Test(arguments: binaries)
  func aThreadsLifecycleAsTheSDKExampleRunsIt(_ binary: String) throws {
    let answers = ["First.", "Second.", "Third.", "Fourth.", "A summary."]
    let setup = try setUp(
      "[" + answers.map { #"{"events": [{"text": "\#($0)"}]}"# }.joined(separator: ",") + "]")
    defer { setup.server.stop() }
    let result = try probe(setup, binary, ["lifecycle"])
    let thread = try #require(result["thread"] as? String, "\(result)")
    #expect(result["first"] as? String == "First.")
    #expect(result["second"] as? String == "Second.")
    #expect((result["active"] as? [String])?.contains(thread) == true, "\(result)")
    #expect(result["read"] as? String == thread)
    #expect(result["read_turns"] as? Int == 2, "\(result)")
    #expect((result["archived"] as? [String])?.contains(thread) == true, "\(result)")
    #expect((result["after_archive"] as? [String])?.contains(thread) == false, "\(result)")
    #expect(result["unarchived"] as? String == thread)
    #expect(result["resumed"] as? String == "Third.")
    #expect(result["forked"] as? String != thread)
    #expect(result["forked_answer"] as? String == "Fourth.")
  }

  @Test(arguments: binaries)
  func inputAddedToARunningTurnReachesTheModelInThatTurn(_ binary: String) throws {
    let setup = try setUp(
      """
      [{"events": [{"function_call": {"name": "exec_command", "call_id": "c1", "arguments": {"cmd": "sleep 1", "yield_time_ms": 5000}}}]},
       {"events": [{"text": "Done, with bananas."}]}]
      """)
    defer { setup.server.stop() }
    let result = try probe(setup, binary, ["steer"])
    #expect(result["steered"] as? Bool == true, "\(result)")
    #expect(result["status"] as? String == "completed", "\(result)")
    let requests = setup.server.requests()
    try #require(requests.count == 2)
    let second = String(
      decoding: try JSONSerialization.data(withJSONObject: requests[1]["body"] ?? [:]),
      as: UTF8.self)
    #expect(second.contains("also mention bananas"))
  }

  @Test func aTurnTakesTextAMentionedFileAndALocalImage() throws {
    let setup = try setUp(#"[{"events": [{"text": "Seen."}]}]"#)
    defer { setup.server.stop() }
    try "the secret word is marmalade\n".write(
      toFile: setup.workspace + "/notes.txt", atomically: true, encoding: .utf8)
    // A 1×1 PNG.
    let png = Data(
      base64Encoded:
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
    )!
    try png.write(to: URL(fileURLWithPath: setup.workspace + "/pixel.png"))
    let result = try probe(setup, "ours", ["inputs"])
    #expect(result["final"] as? String == "Seen.")
    let body = String(
      decoding: try JSONSerialization.data(
        withJSONObject: setup.server.requests().first?["body"] ?? [:]), as: UTF8.self)
    #expect(body.contains("look at these"))
    #expect(body.contains("marmalade"), "the mentioned file was not sent")
    #expect(
      body.contains("input_image") && body.contains("base64,iVBORw0KGgo"), "the image was not sent")
  }

  @Test func anAPIKeySignsInAndOutAndIsNeverShown() throws {
    let setup = try setUp(#"[{"events": [{"text": "unused"}]}]"#)
    defer { setup.server.stop() }
    // No key in the environment: the account is the one signed in, or none.
    let result = try probe(setup, "ours", ["account"], key: false)
    #expect((result["after_login"] as? [String: Any])?["type"] as? String == "apiKey", "\(result)")
    #expect(result["after_logout"] is NSNull || result["after_logout"] == nil, "\(result)")
    #expect(!"\(result)".contains("sk-probe-key-123"))
    // Signed out: the key is gone from auth.json too.
    let auth = (try? String(contentsOfFile: setup.home + "/auth.json", encoding: .utf8)) ?? ""
    #expect(!auth.contains("sk-probe"))
  }

  @Test(arguments: binaries)
  func aTurnsOwnModelEffortAndOutputSchemaAreSent(_ binary: String) throws {
    let setup = try setUp(#"[{"events": [{"text": "{\"answer\": \"yes\"}"}]}]"#)
    defer { setup.server.stop() }
    let result = try probe(setup, binary, ["turn-settings"])
    #expect(result["final"] as? String == #"{"answer": "yes"}"#, "\(result)")
    let body = try #require(setup.server.requests().last?["body"] as? [String: Any])
    #expect(body["model"] as? String == "gpt-5.5-other")
    #expect((body["reasoning"] as? [String: Any])?["effort"] as? String == "high", "\(body)")
    let format = (body["text"] as? [String: Any])?["format"] as? [String: Any]
    #expect(format?["type"] as? String == "json_schema", "\(body)")
  }

  @Test func aTurnsReasoningPlanAndAnswerStreamAsTheProtocolsNotifications() throws {
    let setup = try setUp(
      """
      [{"events": [{"reasoning": "Thinking it over."}, {"function_call": {"name": "update_plan", "call_id": "p1", "arguments": {"plan": [{"step": "look", "status": "in_progress"}, {"step": "fix", "status": "pending"}]}}}]},
       {"events": [{"text": "Planned "}, {"text": "and done."}]}]
      """)
    defer { setup.server.stop() }
    let result = try probe(setup, "ours", ["stream"])
    let methods = result["methods"] as? [String] ?? []
    for method in [
      "turn/started", "item/started", "item/completed", "turn/plan/updated",
      "item/agentMessage/delta", "thread/tokenUsage/updated", "turn/completed",
    ] {
      #expect(methods.contains(method), "\(method): \(methods)")
    }
    #expect(
      result["types"] as? [String] == ["userMessage", "reasoning", "agentMessage"], "\(result)")
  }

  @Test(arguments: binaries)
  func aPatchApprovalReachesTheClientAndADeclineLeavesTheFileUnwritten(_ binary: String) throws {
    let setup = try setUp(
      """
      [{"events": [{"custom_tool_call": {"name": "apply_patch", "call_id": "p1", "input": "*** Begin Patch\\n*** Add File: made-by-patch.txt\\n+hello\\n*** End Patch\\n"}}]},
       {"events": [{"text": "Declined, fine."}]}]
      """)
    defer { setup.server.stop() }
    let result = try probe(setup, binary, ["decline"])
    let asked = result["asked"] as? [[String: Any]] ?? []
    #expect(
      asked.map { $0["method"] as? String } == ["item/fileChange/requestApproval"], "\(result)")
    #expect(result["status"] as? String == "completed")
    #expect(!FileManager.default.fileExists(atPath: setup.workspace + "/made-by-patch.txt"))
  }

  @Test(arguments: binaries)
  func modelsAreListed(_ binary: String) throws {
    let setup = try setUp(#"[{"events": [{"text": "unused"}]}]"#)
    defer { setup.server.stop() }
    let result = try probe(setup, binary, ["models"])
    #expect((result["models"] as? [String])?.contains("gpt-5.5") == true, "\(result)")
  }

  @Test func badInputGetsAJSONRPCErrorAndTheServerGoesOn() throws {
    let setup = try setUp(#"[{"events": [{"text": "unused"}]}]"#)
    defer { setup.server.stop() }
    let result = try probe(setup, "ours", ["errors"])
    let answers = result["answers"] as? [[String: Any]] ?? []
    try #require(answers.count == 4, "\(result)")
    func code(_ index: Int) -> Int? { (answers[index]["error"] as? [String: Any])?["code"] as? Int }
    #expect(code(0) == -32700)
    #expect(code(1) == -32601)
    #expect(code(2) == -32602)
    #expect(
      ((answers[2]["error"] as? [String: Any])?["message"] as? String)?.contains("threadId") == true
    )
    #expect(answers[3]["result"] != nil)
    #expect(setup.server.requests().isEmpty)
  }
}
