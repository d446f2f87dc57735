/// The Chat Completions API: request bodies and the streamed chunks, tolerant of the
/// quirks of real servers (llama.cpp repeats the function name in every chunk and
/// rejects `content: null`; some servers send no usage).
public enum ChatWire {
  /// How a request is sent: streamed (with usage asked for, where the server takes
  /// `stream_options`) or as one whole response.
  public struct Delivery: Sendable, Equatable {
    /// `stream: true`.
    public var stream = true
    /// `stream_options: {include_usage: true}` (streamed requests only).
    public var includeUsage = true

    /// Streamed, with usage.
    public init(stream: Bool = true, includeUsage: Bool = true) {
      self.stream = stream
      self.includeUsage = includeUsage
    }
  }

  /// The Chat Completions request body: messages, tools as functions, streamed unless
  /// `delivery` says otherwise.
  public static func body(_ request: ModelRequest, delivery: Delivery = Delivery()) throws
    -> [UInt8]
  {
    var messages: [JSONValue] = [["role": "system", "content": .string(request.instructions)]]
    var pendingCalls: [JSONValue] = []
    func flushCalls() {
      guard !pendingCalls.isEmpty else { return }
      messages.append(["role": "assistant", "content": "", "tool_calls": .array(pendingCalls)])
      pendingCalls = []
    }
    for item in request.items {
      switch item {
      case .functionCall(let id, let name, let arguments, let namespace):
        // This wire has no namespaces: the tool's full name.
        pendingCalls.append([
          "id": .string(id), "type": "function",
          "function": ["name": .string((namespace ?? "") + name), "arguments": .string(arguments)],
        ])
        continue
      case .customToolCall(let id, let name, let input):
        // This wire has no custom tools: the call as the function form takes it.
        pendingCalls.append([
          "id": .string(id), "type": "function",
          "function": [
            "name": .string(name),
            "arguments": .string(JSONValue.object(["input": .string(input)]).text),
          ],
        ])
        continue
      default:
        flushCalls()
      }
      switch item {
      case .user(let text): messages.append(["role": "user", "content": .string(text)])
      case .developer(let text): messages.append(["role": "system", "content": .string(text)])
      case .userImage(let url):
        messages.append([
          "role": "user", "content": [["type": "image_url", "image_url": ["url": .string(url)]]],
        ])
      case .assistant(let text): messages.append(["role": "assistant", "content": .string(text)])
      case .functionOutput(let id, let output), .customToolOutput(let id, let output):
        messages.append(["role": "tool", "tool_call_id": .string(id), "content": .string(output)])
      case .functionCall, .customToolCall, .reasoning: break
      }
    }
    flushCalls()
    var body: JSONObject = [
      "model": .string(request.model), "messages": .array(messages),
      "stream": .bool(delivery.stream),
    ]
    if delivery.stream && delivery.includeUsage { body["stream_options"] = ["include_usage": true] }
    if let limit = request.maxOutputTokens { body["max_tokens"] = .int(limit) }
    if let schema = request.outputSchema {
      body["response_format"] = [
        "type": "json_schema",
        "json_schema": ["name": "codex_output_schema", "schema": schema, "strict": true],
      ]
    }
    if !request.tools.isEmpty {
      body["tools"] = .array(
        request.tools.map { tool in
          [
            "type": "function",
            "function": [
              "name": .string(tool.name), "description": .string(tool.description),
              "parameters": tool.parametersValue,
            ],
          ]
        })
      body["tool_choice"] = "auto"
    }
    return JSONValue.object(body).bytes
  }

  /// Assembles one streamed response: text, and tool calls put together by index.
  public struct StreamState: Sendable {
    private var text = ""
    private var reasoning = ""
    private var think = ThinkSplitter()
    private var calls: [Int: (id: String, name: String, arguments: String)] = [:]
    private var usage: TokenUsage?
    private var finished = false
    /// A choice said why it ended (`finish_reason`): the answer is whole even if the
    /// server then closes without `[DONE]`.
    public private(set) var sawFinishReason = false

    /// The state before the first chunk.
    public init() {}

    /// The model events one chunk completes; a chunk that is not JSON, or an error chunk,
    /// is thrown.
    public mutating func events(_ event: ServerSentEvent) throws -> [ModelEvent] {
      if event.data.trimmingCharacters(in: .whitespaces) == "[DONE]" { return finish() }
      guard let object = JSONValue.parseObject(event.data) else {
        throw ModelError(
          "the server sent a chunk that is not JSON: \(event.data.prefix(200))", retryable: true)
      }
      if let error = object["error"], error.object != nil {
        throw ModelError(error["message"]?.string ?? "the server reported an error")
      }
      if let raw = object["usage"] { usage = ChatWire.usage(raw) ?? usage }
      var out: [ModelEvent] = []
      for choice in object["choices"]?.array ?? [] {
        if let reason = choice["finish_reason"]?.string, !reason.isEmpty { sawFinishReason = true }
        let delta = choice["delta"]
        if let piece = ChatWire.reasoning(in: delta) {
          reasoning += piece
          out.append(.reasoningDelta(piece))
        }
        if let content = delta?["content"]?.string, !content.isEmpty {
          out += sorted(think.feed(content))
        }
        for call in delta?["tool_calls"]?.array ?? [] {
          let index = call["index"]?.int ?? 0
          var entry = calls[index] ?? (id: "", name: "", arguments: "")
          if let id = call["id"]?.string, !id.isEmpty { entry.id = id }
          if let name = call["function"]?["name"]?.string, !name.isEmpty, entry.name.isEmpty {
            entry.name = name
          }
          if let arguments = call["function"]?["arguments"]?.string { entry.arguments += arguments }
          calls[index] = entry
        }
      }
      return out
    }

    /// The end of the stream (`[DONE]`, or the connection closing after a finish).
    public mutating func finish() -> [ModelEvent] {
      guard !finished else { return [] }
      finished = true
      var out = sorted(think.finish())
      // The reasoning as a finished item too, as the Responses wire gives it: shown where
      // only finished items are, never sent back on this wire.
      if !reasoning.isEmpty { out.append(.item(.reasoning(reasoning, encryptedContent: nil))) }
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

    /// Reasoning as reasoning; answer text as deltas, kept for the finished message.
    private mutating func sorted(_ pieces: [ThinkSplitter.Piece]) -> [ModelEvent] {
      pieces.map { piece in
        switch piece {
        case .reasoning(let text):
          reasoning += text
          return .reasoningDelta(text)
        case .answer(let text):
          self.text += text
          return .textDelta(text)
        }
      }
    }
  }

  /// The usage a chunk or response reports; nil when it reports none (some servers send
  /// `usage: null`, or counts of nothing).
  static func usage(_ raw: JSONValue) -> TokenUsage? {
    guard raw.object != nil,
      raw["prompt_tokens"]?.int != nil || raw["completion_tokens"]?.int != nil
    else { return nil }
    return TokenUsage(
      inputTokens: raw["prompt_tokens"]?.int ?? 0,
      cachedInputTokens: raw["prompt_tokens_details"]?["cached_tokens"]?.int ?? 0,
      outputTokens: raw["completion_tokens"]?.int ?? 0,
      reasoningOutputTokens: raw["completion_tokens_details"]?["reasoning_tokens"]?.int ?? 0)
  }

  /// Reasoning text in a delta or message: `reasoning_content` (DeepSeek, llama.cpp,
  /// vLLM) or `reasoning` (Ollama, OpenRouter).
  static func reasoning(in value: JSONValue?) -> String? {
    for key in ["reasoning_content", "reasoning"] {
      if let text = value?[key]?.string, !text.isEmpty { return text }
    }
    return nil
  }
}
