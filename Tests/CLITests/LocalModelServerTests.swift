import Foundation
import TestSupport
import Testing

/// Servers people run locally (llama.cpp, Ollama, vLLM, LM Studio) and proxies in front
/// of them, as the scripted model server imitates them: no streamed tool calls,
/// reasoning in `reasoning_content` or `<think>`, no usage, their error shapes.
@Suite(.timeLimit(.minutes(10))) struct LocalModelServerTests {
  static let toolTask = """
    [{"events": [{"function_call": {"name": "shell", "arguments": {"command": ["sh", "-c", "printf hi > hello.txt"]}, "call_id": "c1"}}],
      "usage": {"input_tokens": 50, "output_tokens": 7}},
     {"events": [{"text": "Created hello.txt."}], "usage": {"input_tokens": 60, "output_tokens": 5}},
     {"events": [{"text": "Second turn done."}], "usage": {"input_tokens": 70, "output_tokens": 4}}]
    """

  struct Setup {
    let server: ScriptedModelServer
    let home: String
    let workspace: String

    func run(_ arguments: [String]) throws -> CodexProcess.Result {
      try CodexProcess.run(arguments, environment: ["CODEX_HOME": home], directory: workspace)
    }

    /// Whether each request asked for a stream.
    func streamed() -> [Bool] {
      server.requests().map { (($0["body"] as? [String: Any])?["stream"] as? Bool) ?? true }
    }
  }

  func setUp(
    wire: String, script: String = Self.toolTask, server mode: String? = nil,
    provider: String = "local", extra: String = ""
  ) throws -> Setup {
    let server = try ScriptedModelServer(responses: script, server: mode)
    let config = """
      model = "smollm2"
      model_provider = "\(provider)"
      [model_providers.\(provider)]
      name = "llama.cpp"
      base_url = "\(server.baseURL)"
      wire_api = "\(wire)"
      request_max_retries = 1
      \(extra)
      """
    let home = try CodexProcess.makeHome(config: Data(config.utf8))
    let workspace = TestDirectory.path("codex-local")
    try FileManager.default.createDirectory(
      atPath: workspace + "/.git", withIntermediateDirectories: true)
    return Setup(server: server, home: home, workspace: workspace)
  }

  @Test(arguments: ["chat", "responses"])
  func aToolTaskCompletesWhenTheServerCannotStreamToolCalls(wire: String) throws {
    let setup = try setUp(wire: wire, server: "llama.cpp")
    defer { setup.server.stop() }
    let result = try setup.run(["exec", "--full-auto", "create hello.txt containing hi"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout == "Created hello.txt.\n")
    let hello = try String(contentsOfFile: setup.workspace + "/hello.txt", encoding: .utf8)
    #expect(hello == "hi")
    let notice =
      "llama.cpp: streaming with tools not supported by this server; using whole responses"
    #expect(result.stderr.components(separatedBy: notice).count == 2, "\(result.stderr)")
    #expect(!result.stderr.contains("ended before"))
    #expect(!result.stderr.contains("retrying"))
    // One streamed try, diagnosed; then whole responses only.
    #expect(setup.streamed() == [true, false, false])
  }

  @Test func aSecondTurnGoesStraightToWholeResponses() throws {
    let setup = try setUp(wire: "chat", server: "llama.cpp")
    defer { setup.server.stop() }
    try "create hello.txt\n/expect reply /Created/\nand again\n/expect reply /Second turn/\n"
      .write(toFile: setup.workspace + "/two.codex", atomically: true, encoding: .utf8)
    let result = try setup.run(["run", "--full-auto", "two.codex"])
    #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
    #expect(setup.streamed() == [true, false, false, false])
    let all = result.stdout + result.stderr
    #expect(all.components(separatedBy: "using whole responses").count == 2, "\(all)")
  }

  @Test func streamFalseAsksForWholeResponsesFromTheStart() throws {
    let setup = try setUp(wire: "chat", extra: "stream = false")
    defer { setup.server.stop() }
    let result = try setup.run(["exec", "--full-auto", "create hello.txt"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(setup.streamed() == [false, false])
    #expect(!result.stderr.contains("using whole responses"))
    let body = try #require(setup.server.requests().first?["body"] as? [String: Any])
    #expect(body["stream_options"] == nil)
  }

  @Test(arguments: ["chat", "responses"])
  func thinkingNeverReachesTheAnswer(wire: String) throws {
    let script = """
      [{"events": [{"reasoning_content": "Counting. "}, {"text": "<thi"}, {"text": "nk>two and two</th"},
                   {"text": "ink>\\n\\nThe answer"}, {"text": " is 4."}], "no_usage": true}]
      """
    let setup = try setUp(wire: wire, script: script)
    defer { setup.server.stop() }
    let output = setup.workspace + "/answer.txt"
    let result = try setup.run(["exec", "-o", output, "what is 2+2"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout == "The answer is 4.\n")
    #expect(try String(contentsOfFile: output, encoding: .utf8) == "The answer is 4.")
    #expect(!result.stdout.contains("think") && !result.stderr.contains("<think>"))
    if wire == "chat" { #expect(result.stderr.contains("Counting. two and two")) }
    #expect(result.stderr.contains("usage not reported"))
    #expect(!result.stderr.contains("tokens: 0 in"))
  }

  @Test func hiddenReasoningStaysHidden() throws {
    let script = """
      [{"events": [{"text": "<think>secret plan</think>Done."}]}]
      """
    let setup = try setUp(wire: "chat", script: script, extra: "")
    defer { setup.server.stop() }
    let result = try setup.run(["exec", "-c", "hide_agent_reasoning=true", "go"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout == "Done.\n")
    #expect(!result.stderr.contains("secret plan"))
  }

  @Test func aStreamDroppedAfterTextIsMarkedOnceAndRetried() throws {
    let script = """
      [{"events": [{"text": "A first answer that "}, {"text": "is cut off"}], "drop_after": 1},
       {"events": [{"text": "The retried answer."}]}]
      """
    let setup = try setUp(wire: "chat", script: script)
    defer { setup.server.stop() }
    let result = try setup.run(["exec", "say something"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout == "The retried answer.\n")
    let marker = "↻ connection lost after 20 characters; retrying (1/5)"
    #expect(result.stderr.components(separatedBy: marker).count == 2, "\(result.stderr)")
    #expect(result.stderr.components(separatedBy: "retrying").count == 2)

    // The saved conversation holds only the retried answer.
    let sessions = setup.home + "/sessions"
    let files = (FileManager.default.enumerator(atPath: sessions)?.allObjects as? [String] ?? [])
      .filter { $0.hasSuffix(".jsonl") }
    let rollout = try String(contentsOfFile: sessions + "/" + files[0], encoding: .utf8)
    #expect(rollout.contains("The retried answer."))
    #expect(!rollout.contains("A first answer"))
  }

  @Test func jsonShowsOneErrorItemPerRetry() throws {
    let script = """
      [{"events": [{"text": "cut "}, {"text": "off"}], "drop_after": 1},
       {"events": [{"text": "cut again "}, {"text": "off"}], "drop_after": 1},
       {"events": [{"text": "Whole."}]}]
      """
    let setup = try setUp(wire: "chat", script: script)
    defer { setup.server.stop() }
    let result = try setup.run(["exec", "--json", "go"])
    #expect(result.status == 0, "\(result.stderr)")
    let errors = result.stdout.split(separator: "\n").filter { $0.contains("\"type\":\"error\"") }
    #expect(errors.count == 2, "\(result.stdout)")
    #expect(errors[0].contains("retrying (1/5)") && errors[1].contains("retrying (2/5)"))
    #expect(result.stdout.contains("\"text\":\"Whole.\""))
  }

  @Test func ollamaSaysWhichModelToPull() throws {
    let script = """
      [{"status": 404, "message": "model \\"qwen3:8b\\" not found, try pulling it first", "error_type": "api_error"}]
      """
    let setup = try setUp(wire: "chat", script: script, provider: "ollama")
    defer { setup.server.stop() }
    let result = try setup.run(["exec", "-m", "qwen3:8b", "hi"])
    #expect(result.status == 1)
    #expect(result.stderr.contains("run `ollama pull qwen3:8b`"), "\(result.stderr)")
  }

  @Test(arguments: ["chat", "responses"])
  func anEmptyBodyIsDiagnosedNotRetriedBlindly(wire: String) throws {
    // Streamed and whole requests alike get HTTP 200 with nothing: one diagnosis, no
    // retries.
    let setup = try setUp(wire: wire, script: #"[{"empty_body": true}]"#)
    defer { setup.server.stop() }
    let result = try setup.run(["exec", "hi"])
    #expect(result.status == 1)
    #expect(
      result.stderr.contains("llama.cpp answered HTTP 200 with an empty body"), "\(result.stderr)")
    #expect(!result.stderr.contains("retrying"))
    #expect(!result.stderr.contains("ended before"))
    #expect(setup.streamed() == [true, false])
  }

  @Test func aRefusedConnectionIsSaidPlainlyAndTheFailureLogged() throws {
    let setup = try setUp(wire: "chat")
    setup.server.stop()
    let result = try setup.run(["exec", "hi"])
    #expect(result.status == 1)
    #expect(
      result.stderr.contains("llama.cpp: connection refused (http://127.0.0.1:"), "\(result.stderr)"
    )
    #expect(result.stderr.contains("retrying (1/1)"))
    #expect(!result.stderr.contains("Couldn't connect"))
    let log = try String(contentsOfFile: setup.home + "/log/codex.log", encoding: .utf8)
    let failure = try #require(log.split(separator: "\n").first { $0.contains("turn failed") })
    #expect(failure.contains("ERROR") && failure.contains("provider=local"))
    #expect(failure.contains("attempts=2"))
  }
}
