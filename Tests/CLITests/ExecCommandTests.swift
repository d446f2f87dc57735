import Foundation
import TestSupport
import Testing

/// `codex exec` end to end against the scripted model server.
@Suite(.timeLimit(.minutes(10))) struct ExecCommandTests {
  static let script = """
    [{"events": [{"function_call": {"name": "shell", "arguments": {"command": ["sh", "-c", "echo from-the-shell; echo x > /etc/codex-exec-test"]}, "call_id": "c1"}}],
      "usage": {"input_tokens": 100, "output_tokens": 20}},
     {"events": [{"function_call": {"name": "apply_patch", "arguments": {"input": "*** Begin Patch\\n*** Add File: notes.txt\\n+hi\\n*** End Patch"}, "call_id": "c2"}}],
      "usage": {"input_tokens": 120, "output_tokens": 5}},
     {"events": [{"text": "All "}, {"text": "done."}], "usage": {"input_tokens": 150, "output_tokens": 10}}]
    """

  struct Setup {
    let server: ScriptedModelServer
    let home: String
    let workspace: String
  }

  func setUp(wire: String = "responses", script: String = Self.script) throws -> Setup {
    let server = try ScriptedModelServer(responses: script)
    let config = """
      model = "m"
      model_provider = "scripted"
      [model_providers.scripted]
      base_url = "\(server.baseURL)"
      wire_api = "\(wire)"
      env_key = "SCRIPTED_API_KEY"
      request_max_retries = 1
      """
    let home = try CodexProcess.makeHome(config: Data(config.utf8))
    let workspace = TestDirectory.path("codex-exec")
    try FileManager.default.createDirectory(
      atPath: workspace + "/.git", withIntermediateDirectories: true)
    return Setup(server: server, home: home, workspace: workspace)
  }

  func exec(_ setup: Setup, _ arguments: [String]) throws -> CodexProcess.Result {
    try CodexProcess.run(
      ["exec"] + arguments,
      environment: ["CODEX_HOME": setup.home, "SCRIPTED_API_KEY": "sk-exec-secret-123"],
      directory: setup.workspace)
  }

  @Test(arguments: ["responses", "chat"])
  func aTurnRunsToolsAndPrintsTheFinalMessage(wire: String) throws {
    let setup = try setUp(wire: wire)
    defer { setup.server.stop() }
    let result = try exec(setup, ["-s", "workspace-write", "make notes"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout == "All done.\n")
    #expect(result.stderr.contains("$ sh -c"))
    #expect(result.stderr.contains("A notes.txt"))
    #expect(result.stderr.contains("tokens: 370 in"))
    #expect(try String(contentsOfFile: setup.workspace + "/notes.txt", encoding: .utf8) == "hi\n")
    #expect(!FileManager.default.fileExists(atPath: "/etc/codex-exec-test"))
    #expect(!result.stdout.contains("sk-exec") && !result.stderr.contains("sk-exec"))

    let requests = setup.server.requests()
    #expect(requests.count == 3)
    let second = try #require(requests[1]["body"] as? [String: Any])
    let serialized = String(
      decoding: try JSONSerialization.data(withJSONObject: second), as: UTF8.self)
    #expect(serialized.contains("from-the-shell"))
    // /etc lies outside the writable roots: read-only in the command's world.
    #expect(serialized.contains("Read-only file system"))
  }

  @Test(arguments: ["responses", "chat"])
  func argumentsThatAreNotJSONAreAnErrorToTheModel(wire: String) throws {
    let script = """
      [{"events": [{"function_call": {"name": "shell", "raw_arguments": "{\\"command\\": [\\"ls\\"", "call_id": "c1"}}]},
       {"events": [{"text": "Fixed my call."}]}]
      """
    let setup = try setUp(wire: wire, script: script)
    defer { setup.server.stop() }
    let result = try exec(setup, ["list files"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout == "Fixed my call.\n")
    let requests = setup.server.requests()
    #expect(requests.count == 2)
    let second = String(
      decoding: try JSONSerialization.data(
        withJSONObject: try #require(requests.last?["body"] as? [String: Any])), as: UTF8.self)
    // The model is told its arguments were not understood, under the call's id.
    #expect(second.contains("c1"))
    #expect(second.contains("the arguments are not valid JSON"), "\(second)")
  }

  @Test func jsonEventsFollowCodexSchema() throws {
    let setup = try setUp()
    defer { setup.server.stop() }
    let result = try exec(setup, ["--json", "-s", "workspace-write", "make notes"])
    #expect(result.status == 0, "\(result.stderr)")
    let events = result.stdout.split(separator: "\n").compactMap {
      try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
    }
    #expect(events.first?["type"] as? String == "thread.started")
    #expect(events.first?["thread_id"] as? String != nil)
    let items = events.compactMap { $0["item"] as? [String: Any] }
    #expect(
      items.contains {
        $0["type"] as? String == "command_execution" && $0["status"] as? String == "in_progress"
      })
    let command = try #require(items.last { $0["type"] as? String == "command_execution" })
    #expect(command["exit_code"] as? Int == 2)  // sh: the redirection to /etc was refused
    #expect((command["aggregated_output"] as? String)?.contains("from-the-shell") == true)
    #expect(items.contains { $0["type"] as? String == "file_change" })
    #expect(items.last?["type"] as? String == "agent_message")
    #expect(items.last?["text"] as? String == "All done.")
    let completed = try #require(events.last)
    #expect(completed["type"] as? String == "turn.completed")
    #expect((completed["usage"] as? [String: Any])?["input_tokens"] as? Int == 370)
  }

  @Test func refusesOutsideAGitRepositoryUnlessTold() throws {
    let setup = try setUp(script: #"[{"events": [{"text": "ok"}]}]"#)
    defer { setup.server.stop() }
    try FileManager.default.removeItem(atPath: setup.workspace + "/.git")
    let refused = try exec(setup, ["hello"])
    #expect(refused.status == 2)
    #expect(refused.stderr.contains("not inside a git repository"))
    let allowed = try exec(
      setup, ["--skip-git-repo-check", "-o", setup.workspace + "/last.txt", "hello"])
    #expect(allowed.status == 0)
    #expect(allowed.stdout == "ok\n")
    #expect(try String(contentsOfFile: setup.workspace + "/last.txt", encoding: .utf8) == "ok")
  }

  @Test func promptFromStdin() throws {
    let setup = try setUp(script: #"[{"events": [{"text": "read it"}]}]"#)
    defer { setup.server.stop() }
    let result = try CodexProcess.run(
      ["exec", "-"], stdin: Data("the prompt from stdin".utf8),
      environment: ["CODEX_HOME": setup.home, "SCRIPTED_API_KEY": "k"], directory: setup.workspace)
    #expect(result.stdout == "read it\n")
    let body = try #require(setup.server.requests().first?["body"] as? [String: Any])
    let serialized = String(
      decoding: try JSONSerialization.data(withJSONObject: body), as: UTF8.self)
    #expect(serialized.contains("the prompt from stdin"))
  }

  @Test func aModelErrorFailsTheTurnWithExitOne() throws {
    let setup = try setUp(script: #"[{"status": 401, "message": "invalid key"}]"#)
    defer { setup.server.stop() }
    let result = try exec(setup, ["hello"])
    #expect(result.status == 1)
    #expect(
      result.stderr.contains("refused the API key (HTTP 401): invalid key; check SCRIPTED_API_KEY"))
    #expect(!result.stderr.contains("sk-exec"))
  }
}

@Suite(.timeLimit(.minutes(10))) struct ExecImageTests {
  @Test(arguments: ["responses", "chat"])
  func imagesAreSentWithThePrompt(wire: String) throws {
    let server = try ScriptedModelServer(responses: #"[{"events": [{"text": "a red dot"}]}]"#)
    defer { server.stop() }
    let config =
      "model = \"m\"\nmodel_provider = \"s\"\n[model_providers.s]\nbase_url = \"\(server.baseURL)\"\nwire_api = \"\(wire)\"\n"
    let home = try CodexProcess.makeHome(config: Data(config.utf8))
    let image = home + "/dot.png"
    // The PNG signature: the type is read from the content, not the name.
    try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]).write(
      to: URL(fileURLWithPath: image))
    let result = try CodexProcess.run(
      ["exec", "--skip-git-repo-check", "-i", image, "what is this?"],
      environment: ["CODEX_HOME": home], directory: home)
    #expect(result.status == 0, "\(result.stderr)")
    let body = try #require(server.requests().first?["body"] as? [String: Any])
    let text = String(
      decoding: try JSONSerialization.data(
        withJSONObject: body, options: [.withoutEscapingSlashes]), as: UTF8.self)
    #expect(text.contains("data:image/png;base64,iVBORw0KGgo="))
    #expect(text.contains(wire == "responses" ? "input_image" : "image_url"))
    let bad = try CodexProcess.run(
      ["exec", "--skip-git-repo-check", "-i", home + "/x.txt", "hi"],
      environment: ["CODEX_HOME": home])
    #expect(bad.status == 2)
  }
}

/// Faults of the model server, through `codex exec`: retried, or reported with exit 1.
@Suite(.timeLimit(.minutes(10))) struct ExecFaultTests {
  func run(_ script: String, wire: String = "responses") throws -> CodexProcess.Result {
    let server = try ScriptedModelServer(responses: script)
    defer { server.stop() }
    let config = """
      model = "m"
      model_provider = "s"
      [model_providers.s]
      base_url = "\(server.baseURL)"
      wire_api = "\(wire)"
      request_max_retries = 1
      stream_max_retries = 1
      stream_idle_timeout_ms = 400
      """
    let home = try CodexProcess.makeHome(config: Data(config.utf8))
    return try CodexProcess.run(
      ["exec", "--skip-git-repo-check", "go"], environment: ["CODEX_HOME": home], directory: home)
  }

  @Test func rateLimitWithRetryAfterThenSuccess() throws {
    let result = try run(
      #"[{"status": 429, "retry_after": 0.2, "message": "slow down"}, {"events": [{"text": "ok"}]}]"#
    )
    #expect(result.status == 0)
    #expect(result.stdout == "ok\n")
    #expect(
      result.stderr.contains("↻ retrying (1/1) in 0.2s: s: rate limited (HTTP 429): slow down"),
      "\(result.stderr)")
  }

  @Test func serverErrorThenSuccess() throws {
    let result = try run(#"[{"status": 500}, {"events": [{"text": "ok"}]}]"#)
    #expect(result.status == 0)
    #expect(result.stderr.contains("server error (HTTP 500)"))
  }

  @Test func dropMidStreamThenSuccess() throws {
    let result = try run(
      #"[{"events": [{"text": "par"}, {"text": "tial"}], "drop_after": 2}, {"events": [{"text": "whole"}]}]"#
    )
    #expect(result.status == 0)
    #expect(result.stdout == "whole\n")
    #expect(result.stderr.contains("the stream ended before the response was complete"))
  }

  /// A Chat stream cut off before any `finish_reason` or `[DONE]` is broken, not a
  /// whole answer: retried, and only the second, whole answer is printed.
  @Test func aTruncatedChatStreamIsRetried() throws {
    let result = try run(
      #"[{"events": [{"text": "this answer is cut of"}], "drop_after": 1}, {"events": [{"text": "whole answer"}]}]"#,
      wire: "chat")
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout == "whole answer\n")
    #expect(result.stderr.contains("the stream ended before the response was complete"))
    // Closing without `[DONE]` after a finish_reason is still a whole answer.
    let closed = try run(
      #"[{"events": [{"text": "complete"}], "drop_after": 2}, {"events": [{"text": "never"}]}]"#,
      wire: "chat")
    #expect(closed.status == 0, "\(closed.stderr)")
    #expect(closed.stdout == "complete\n")
    #expect(!closed.stderr.contains("retrying"))
  }

  @Test func stallBeyondTheIdleTimeoutFails() throws {
    let result = try run(#"[{"events": [{"text": "a"}], "stall_after": 1}]"#)
    #expect(result.status == 1)
    #expect(result.stderr.contains("the stream stalled"), "\(result.stderr)")
  }

  @Test func malformedEventFails() throws {
    let result = try run(#"[{"malformed": true}]"#)
    #expect(result.status == 1)
    #expect(result.stderr.contains("not JSON"))
  }

  @Test func anUnknownModelNamesModelAndProvider() throws {
    let result = try run(#"[{"status": 404, "message": "The model `nope` does not exist"}]"#)
    #expect(result.status == 1)
    #expect(result.stderr.contains("s does not know model `m` or the URL"))
    #expect(result.stderr.contains("check `model` and model_providers.s.base_url"))
  }

  @Test func contextLeftIsShownWhenTheWindowIsKnown() throws {
    let server = try ScriptedModelServer(
      responses:
        #"[{"events": [{"text": "ok"}], "usage": {"input_tokens": 2500, "output_tokens": 5}}]"#)
    defer { server.stop() }
    let config =
      "model_context_window = 10000\nmodel_provider = \"s\"\n[model_providers.s]\nbase_url = \"\(server.baseURL)\"\nwire_api = \"responses\"\n"
    let home = try CodexProcess.makeHome(config: Data(config.utf8))
    let result = try CodexProcess.run(
      ["exec", "--skip-git-repo-check", "go"], environment: ["CODEX_HOME": home], directory: home)
    #expect(result.stderr.contains("tokens: 2500 in (0 cached), 5 out · 75% context left"))
  }

  @Test func persistentErrorsFailAfterTheRetries() throws {
    let result = try run(#"[{"status": 503}]"#)
    #expect(result.status == 1)
    #expect(result.stderr.contains("error: s: server error (HTTP 503)"), "\(result.stderr)")
  }
}

/// What `codex exec` writes when its stderr is not a terminal (a log file, CI).
@Suite(.timeLimit(.minutes(10))) struct ExecNarrationTests {
  @Test func theModelsMessagesBetweenToolCallsGoToStderr() throws {
    let server = try ScriptedModelServer(
      responses: """
        [{"events": [{"text": "Let me look at the files."}, {"function_call": {"name": "shell", "call_id": "c1", "arguments": {"command": ["true"]}}}]},
         {"events": [{"text": "Now I check once more."}, {"function_call": {"name": "shell", "call_id": "c2", "arguments": {"command": ["true"]}}}]},
         {"events": [{"text": "All done."}]}]
        """)
    defer { server.stop() }
    let home = try CodexProcess.makeHome(server: server)
    let result = try CodexProcess.run(
      ["exec", "--skip-git-repo-check", "look"], environment: ["CODEX_HOME": home])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout == "All done.\n")
    let narration = try #require(result.stderr.range(of: "Let me look at the files."))
    let second = try #require(result.stderr.range(of: "Now I check once more."))
    #expect(narration.lowerBound < second.lowerBound)
    // Each before the command it led to; the answer only on stdout.
    #expect(
      result.stderr.range(of: "$ true", range: narration.upperBound..<second.lowerBound) != nil)
    #expect(!result.stderr.contains("All done."), "\(result.stderr)")
  }
}
