import Agent
import Foundation
import TestSupport
import Testing

@Suite(.timeLimit(.minutes(10))) struct ModelClientTests {
  func provider(_ server: ScriptedModelServer, wire: WireAPI) -> ModelProvider {
    ModelProvider(
      id: "test", name: "Test", baseURL: server.baseURL, envKey: "TEST_KEY", wireAPI: wire,
      queryParams: [:],
      httpHeaders: ["X-Extra": "1"], envHTTPHeaders: [:], requestMaxRetries: 2, streamMaxRetries: 2,
      streamIdleTimeoutMilliseconds: 2000)
  }

  func request() -> ModelRequest {
    ModelRequest(
      model: "test-model", instructions: "Be brief.",
      items: [
        .user("hi"), .functionCall(callID: "c0", name: "shell", arguments: "{}"),
        .functionOutput(callID: "c0", output: "ok"),
      ],
      tools: [ToolSpec(name: "shell", description: "Run", parameters: #"{"type":"object"}"#)],
      sessionID: "s1")
  }

  func collect(_ client: ModelClient) async throws -> [ModelEvent] {
    var events: [ModelEvent] = []
    for try await event in client.stream(request()) { events.append(event) }
    return events
  }

  static let script = """
    [{"events": [{"text": "Hel"}, {"text": "lo"}, {"function_call": {"name": "shell", "arguments": {"command": ["ls"]}, "call_id": "c1"}}],
      "usage": {"input_tokens": 10, "output_tokens": 5}}]
    """

  @Test(arguments: [WireAPI.responses, WireAPI.chat])
  func streamsTextCallsAndUsage(wire: WireAPI) async throws {
    let server = try ScriptedModelServer(responses: Self.script)
    defer { server.stop() }
    let client = ModelClient(
      provider: provider(server, wire: wire), apiKey: "sk-secret", environment: [:])
    let events = try await collect(client)
    // Deltas come as they arrive; those read in one piece from the network are one.
    var streamed = ""
    for event in events { if case .textDelta(let text) = event { streamed += text } }
    #expect(streamed == "Hello")
    #expect(events.contains(.item(.assistant("Hello"))))
    #expect(
      events.contains(
        .item(.functionCall(callID: "c1", name: "shell", arguments: #"{"command": ["ls"]}"#))))
    #expect(events.last == .completed(TokenUsage(inputTokens: 10, outputTokens: 5)))

    let recorded = try #require(server.requests().first)
    let headers = recorded["headers"] as? [String: String] ?? [:]
    #expect(headers["Authorization"] == "Bearer sk-secret")
    #expect(headers["X-Extra"] == "1")
    let body = try #require(recorded["body"] as? [String: Any])
    #expect(body["model"] as? String == "test-model")
    #expect(body["stream"] as? Bool == true)
    if wire == .responses {
      #expect(recorded["path"] as? String == "/v1/responses")
      #expect(body["instructions"] as? String == "Be brief.")
      let input = try #require(body["input"] as? [[String: Any]])
      #expect(
        input.map { $0["type"] as? String } == ["message", "function_call", "function_call_output"])
      #expect(body["prompt_cache_key"] as? String == "s1")
    } else {
      #expect(recorded["path"] as? String == "/v1/chat/completions")
      let messages = try #require(body["messages"] as? [[String: Any]])
      #expect(messages.map { $0["role"] as? String } == ["system", "user", "assistant", "tool"])
      #expect(messages[2]["content"] as? String == "")
      #expect((messages[2]["tool_calls"] as? [[String: Any]])?.count == 1)
    }
  }

  @Test func aFreeformCallsInputStreamsBeforeTheWholeCall() async throws {
    let input = "*** Begin Patch\n*** Add File: a.txt\n+one\n*** End Patch\n"
    let call: [String: Any] = [
      "events": [["custom_tool_call": ["name": "apply_patch", "input": input, "call_id": "p1"]]]
    ]
    let script = String(decoding: try JSONSerialization.data(withJSONObject: [call]), as: UTF8.self)
    let server = try ScriptedModelServer(responses: script)
    defer { server.stop() }
    let client = ModelClient(
      provider: provider(server, wire: .responses), apiKey: "sk-test", environment: [:])
    let events = try await collect(client)
    var pieces: [String] = []
    for event in events {
      if case .toolInputDelta(let piece) = event { pieces.append(piece) }
    }
    #expect(!pieces.isEmpty)
    #expect(pieces.joined() == input)
    let whole = events.firstIndex(
      of: .item(.customToolCall(callID: "p1", name: "apply_patch", input: input)))
    let lastPiece = events.lastIndex { if case .toolInputDelta = $0 { true } else { false } }
    #expect(whole != nil && lastPiece != nil && lastPiece! < whole!)
  }

  @Test func rateLimitsAndServerErrorsAreRetriedWithEvents() async throws {
    let server = try ScriptedModelServer(
      responses:
        #"[{"status": 429, "retry_after": 0.05}, {"status": 500}, {"events": [{"text": "ok"}]}]"#)
    defer { server.stop() }
    let client = ModelClient(
      provider: provider(server, wire: .responses), apiKey: "k", environment: [:],
      backoffBase: .milliseconds(10))
    let events = try await collect(client)
    let retries = events.compactMap { event -> Int? in
      if case .retrying(let notice) = event { return notice.attempt }
      return nil
    }
    #expect(retries == [1, 2])
    #expect(events.contains(.item(.assistant("ok"))))
    #expect(server.requests().count == 3)
  }

  @Test func droppedStreamsAreRequestedAgainWithoutDuplicatingItems() async throws {
    let server = try ScriptedModelServer(
      responses: #"""
        [{"events": [{"text": "a"}], "drop_after": 1},
         {"events": [{"text": "a"}, {"text": "b"}], "drop_after": 3},
         {"events": [{"text": "a"}, {"text": "b"}]}]
        """#)
    defer { server.stop() }
    let client = ModelClient(
      provider: provider(server, wire: .responses), apiKey: "k", environment: [:],
      backoffBase: .milliseconds(10))
    let events = try await collect(client)
    #expect(server.requests().count == 3)
    #expect(events.filter { $0 == .item(.assistant("ab")) }.count == 1)
    #expect(
      events.filter { if case .retrying = $0 { return true } else { return false } }.count == 2)
  }

  @Test func streamRetriesAreLimited() async throws {
    let server = try ScriptedModelServer(
      responses: #"[{"events": [{"text": "a"}, {"text": "b"}], "drop_after": 2}]"#)
    defer { server.stop() }
    var limited = provider(server, wire: .responses)
    limited.streamMaxRetries = 1
    let client = ModelClient(
      provider: limited, apiKey: "k", environment: [:], backoffBase: .milliseconds(10))
    let error = await #expect(throws: ModelError.self) { _ = try await collect(client) }
    #expect(error?.streamBroke == true)
    #expect(server.requests().count == 2)
  }

  @Test func authAndModelErrorsSayHowToFixThem() async throws {
    let server = try ScriptedModelServer(responses: #"[{"status": 401, "message": "bad key"}]"#)
    defer { server.stop() }
    let client = ModelClient(
      provider: provider(server, wire: .responses), apiKey: "k", environment: [:])
    let error = await #expect(throws: ModelError.self) { _ = try await collect(client) }
    #expect(error?.message == "Test refused the API key (HTTP 401): bad key; check TEST_KEY")
    #expect(error?.message.contains("sk-") == false)

    let missing = ModelClient(
      provider: provider(server, wire: .responses), apiKey: nil, environment: [:])
    let noKey = await #expect(throws: ModelError.self) { _ = try await collect(missing) }
    #expect(noKey?.message == "no API key for provider test: set TEST_KEY")
  }

  @Test func malformedEventsAndStallsAreErrors() async throws {
    let server = try ScriptedModelServer(responses: #"[{"malformed": true}]"#)
    defer { server.stop() }
    var failing = provider(server, wire: .responses)
    failing.requestMaxRetries = 0
    let client = ModelClient(provider: failing, apiKey: "k", environment: [:])
    let error = await #expect(throws: ModelError.self) { _ = try await collect(client) }
    #expect(error?.message.contains("not JSON") == true)

    let stalling = try ScriptedModelServer(
      responses: #"[{"events": [{"text": "a"}], "stall_after": 1}]"#)
    defer { stalling.stop() }
    var idle = provider(stalling, wire: .responses)
    idle.streamIdleTimeoutMilliseconds = 300
    let stalled = ModelClient(provider: idle, apiKey: "k", environment: [:])
    await #expect(throws: ModelError.self) { _ = try await collect(stalled) }
  }
}
