/// The Chat Completions API: request bodies and the streamed chunks, tolerant of the
/// quirks of real servers (llama.cpp repeats the function name in every chunk and
/// rejects `content: null`; some servers send no usage).
public enum ChatWire {
  /// The Chat Completions request body: messages, tools as functions, `stream: true`.
  public static func body(_ request: ModelRequest) throws -> [UInt8] {
    var messages: [[String: Any]] = [["role": "system", "content": request.instructions]]
    var pendingCalls: [[String: Any]] = []
    func flushCalls() {
      guard !pendingCalls.isEmpty else { return }
      messages.append(["role": "assistant", "content": "", "tool_calls": pendingCalls])
      pendingCalls = []
    }
    for item in request.items {
      switch item {
      case .functionCall(let id, let name, let arguments):
        pendingCalls.append([
          "id": id, "type": "function", "function": ["name": name, "arguments": arguments],
        ])
        continue
      default:
        flushCalls()
      }
      switch item {
      case .user(let text): messages.append(["role": "user", "content": text])
      case .userImage(let url):
        messages.append([
          "role": "user", "content": [["type": "image_url", "image_url": ["url": url]]],
        ])
      case .assistant(let text): messages.append(["role": "assistant", "content": text])
      case .functionOutput(let id, let output):
        messages.append(["role": "tool", "tool_call_id": id, "content": output])
      case .functionCall, .reasoning: break
      }
    }
    flushCalls()
    var body: [String: Any] = [
      "model": request.model, "messages": messages, "stream": true,
      "stream_options": ["include_usage": true],
    ]
    if !request.tools.isEmpty {
      body["tools"] = request.tools.map { tool in
        [
          "type": "function",
          "function": [
            "name": tool.name, "description": tool.description,
            "parameters": JSON.value(tool.parameters),
          ],
        ]
      }
      body["tool_choice"] = "auto"
    }
    return try JSON.data(body)
  }

  /// Assembles one streamed response: text, and tool calls put together by index.
  public struct StreamState: Sendable {
    private var text = ""
    private var calls: [Int: (id: String, name: String, arguments: String)] = [:]
    private var usage: TokenUsage?
    private var finished = false

    /// The state before the first chunk.
    public init() {}

    /// The model events one chunk completes; a chunk that is not JSON, or an error chunk,
    /// is thrown.
    public mutating func events(_ event: ServerSentEvent) throws -> [ModelEvent] {
      if event.data.trimmingCharacters(in: .whitespaces) == "[DONE]" { return finish() }
      guard let object = JSON.object(event.data) else {
        throw ModelError(
          "the server sent a chunk that is not JSON: \(event.data.prefix(200))", retryable: true)
      }
      if let error = object["error"] as? [String: Any] {
        throw ModelError(error["message"] as? String ?? "the server reported an error")
      }
      if let raw = object["usage"] as? [String: Any] {
        let details = raw["prompt_tokens_details"] as? [String: Any]
        usage = TokenUsage(
          inputTokens: JSON.int(raw["prompt_tokens"]),
          cachedInputTokens: JSON.int(details?["cached_tokens"]),
          outputTokens: JSON.int(raw["completion_tokens"]))
      }
      var out: [ModelEvent] = []
      for choice in object["choices"] as? [[String: Any]] ?? [] {
        let delta = choice["delta"] as? [String: Any] ?? [:]
        if let content = delta["content"] as? String, !content.isEmpty {
          text += content
          out.append(.textDelta(content))
        }
        if let reasoning = delta["reasoning_content"] as? String, !reasoning.isEmpty {
          out.append(.reasoningDelta(reasoning))
        }
        for call in delta["tool_calls"] as? [[String: Any]] ?? [] {
          let index = JSON.int(call["index"])
          var entry = calls[index] ?? (id: "", name: "", arguments: "")
          if let id = call["id"] as? String, !id.isEmpty { entry.id = id }
          let function = call["function"] as? [String: Any] ?? [:]
          if let name = function["name"] as? String, !name.isEmpty, entry.name.isEmpty {
            entry.name = name
          }
          if let arguments = function["arguments"] as? String { entry.arguments += arguments }
          calls[index] = entry
        }
      }
      return out
    }

    /// The end of the stream (`[DONE]`, or the connection closing after a finish).
    public mutating func finish() -> [ModelEvent] {
      guard !finished else { return [] }
      finished = true
      var out: [ModelEvent] = []
      if !text.isEmpty { out.append(.item(.assistant(text))) }
      for index in calls.keys.sorted() {
        let call = calls[index]!
        let id = call.id.isEmpty ? "call_\(index)" : call.id
        out.append(
          .item(
            .functionCall(
              callID: id, name: call.name, arguments: call.arguments.isEmpty ? "{}" : call.arguments
            )))
      }
      out.append(.completed(usage))
      return out
    }
  }
}
