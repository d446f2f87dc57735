/// The OpenAI Responses API: request bodies and stream events.
public enum ResponsesWire {
  /// The Responses API request body: instructions, input items, tools, reasoning, `stream:
  /// true`.
  public static func body(_ request: ModelRequest) throws -> [UInt8] {
    var body: [String: Any] = [
      "model": request.model,
      "instructions": request.instructions,
      "input": request.items.compactMap(item),
      "tools": request.tools.map { tool in
        [
          "type": "function", "name": tool.name, "description": tool.description, "strict": false,
          "parameters": JSON.value(tool.parameters),
        ] as [String: Any]
      },
      "tool_choice": "auto",
      "parallel_tool_calls": false,
      "store": request.store,
      "stream": true,
      "prompt_cache_key": request.sessionID,
    ]
    if !request.store { body["include"] = ["reasoning.encrypted_content"] }
    if supportsReasoning(request.model) {
      var reasoning: [String: Any] = [:]
      if let effort = request.reasoningEffort { reasoning["effort"] = effort.rawValue }
      if let summary = request.reasoningSummary, summary != .none {
        reasoning["summary"] = summary.rawValue
      }
      if !reasoning.isEmpty { body["reasoning"] = reasoning }
    }
    return try JSON.data(body)
  }

  /// Reasoning settings are accepted only by reasoning models (o-series, gpt-5, codex).
  static func supportsReasoning(_ model: String) -> Bool {
    let name = model.lowercased()
    return name.hasPrefix("o1") || name.hasPrefix("o3") || name.hasPrefix("o4")
      || name.hasPrefix("gpt-5")
      || name.contains("codex")
  }

  static func item(_ item: ConversationItem) -> [String: Any]? {
    switch item {
    case .user(let text):
      return [
        "type": "message", "role": "user", "content": [["type": "input_text", "text": text]],
      ]
    case .assistant(let text):
      return [
        "type": "message", "role": "assistant", "content": [["type": "output_text", "text": text]],
      ]
    case .functionCall(let id, let name, let arguments):
      return ["type": "function_call", "call_id": id, "name": name, "arguments": arguments]
    case .functionOutput(let id, let output):
      return ["type": "function_call_output", "call_id": id, "output": output]
    case .userImage(let url):
      return [
        "type": "message", "role": "user", "content": [["type": "input_image", "image_url": url]],
      ]
    case .reasoning:
      return nil
    }
  }

  /// The model events of one stream event; throws for `response.failed` and `error`.
  public static func events(_ event: ServerSentEvent) throws -> [ModelEvent] {
    guard let object = JSON.object(event.data) else {
      throw ModelError(
        "the server sent an event that is not JSON: \(event.data.prefix(200))", retryable: true)
    }
    let type = object["type"] as? String ?? event.event
    switch type {
    case "response.output_text.delta":
      return [.textDelta(object["delta"] as? String ?? "")]
    case "response.reasoning_summary_text.delta", "response.reasoning_text.delta":
      return [.reasoningDelta(object["delta"] as? String ?? "")]
    case "response.output_item.done":
      guard let item = object["item"] as? [String: Any], let parsed = outputItem(item) else {
        return []
      }
      return [.item(parsed)]
    case "response.completed":
      let usage = (object["response"] as? [String: Any])?["usage"] as? [String: Any]
      return [.completed(usage.map(tokenUsage))]
    case "response.failed", "response.incomplete":
      let response = object["response"] as? [String: Any]
      let error = response?["error"] as? [String: Any]
      let message = error?["message"] as? String ?? "the model stopped: \(type)"
      throw ModelError(message, retryable: (error?["code"] as? String) == "server_error")
    case "error":
      throw ModelError(
        object["message"] as? String ?? "the server reported an error", retryable: false)
    default:
      return []
    }
  }

  static func outputItem(_ item: [String: Any]) -> ConversationItem? {
    switch item["type"] as? String {
    case "message":
      let parts = item["content"] as? [[String: Any]] ?? []
      return .assistant(parts.compactMap { $0["text"] as? String }.joined())
    case "function_call":
      return .functionCall(
        callID: item["call_id"] as? String ?? "", name: item["name"] as? String ?? "",
        arguments: item["arguments"] as? String ?? "{}")
    case "reasoning":
      let summary = item["summary"] as? [[String: Any]] ?? []
      let text = summary.compactMap { $0["text"] as? String }.joined(separator: "\n")
      return text.isEmpty ? nil : .reasoning(text)
    default:
      return nil
    }
  }

  static func tokenUsage(_ usage: [String: Any]) -> TokenUsage {
    let details = usage["input_tokens_details"] as? [String: Any]
    return TokenUsage(
      inputTokens: JSON.int(usage["input_tokens"]),
      cachedInputTokens: JSON.int(details?["cached_tokens"]),
      outputTokens: JSON.int(usage["output_tokens"]))
  }
}
