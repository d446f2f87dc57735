/// The OpenAI Responses API: request bodies and stream events.
public enum ResponsesWire {
  /// The Responses API request body: instructions, input items, tools, reasoning;
  /// streamed unless `stream` is false (a server that cannot stream tool calls).
  public static func body(_ request: ModelRequest, stream: Bool = true) throws -> [UInt8] {
    var body: JSONObject = [
      "model": .string(request.model),
      "instructions": .string(request.instructions),
      // With a cache, the items are written from it below.
      "input": .array(request.itemCache == nil ? request.items.compactMap(item) : []),
      "tools": .array(
        request.tools.map { tool -> JSONValue in
          if let grammar = tool.grammar {
            return [
              "type": "custom", "name": .string(tool.name),
              "description": .string(tool.description),
              "format": ["type": "grammar", "syntax": "lark", "definition": .string(grammar)],
            ]
          }
          return [
            "type": "function", "name": .string(tool.name),
            "description": .string(tool.description), "strict": false,
            "parameters": tool.parametersValue,
          ]
        } + webSearchTool(request.webSearch)),
      "tool_choice": "auto",
      // The model may ask for several calls at once; they run in order and every
      // output goes back in the order of the calls.
      "parallel_tool_calls": true,
      "store": .bool(request.store),
      "stream": .bool(stream),
      "prompt_cache_key": .string(request.sessionID),
    ]
    var include: [JSONValue] = request.store ? [] : ["reasoning.encrypted_content"]
    // The pages a search read, so they can be listed under it.
    if request.webSearch != .disabled { include.append("web_search_call.action.sources") }
    if !include.isEmpty { body["include"] = .array(include) }
    var text = JSONObject()
    if let verbosity = request.verbosity { text["verbosity"] = .string(verbosity.rawValue) }
    if let schema = request.outputSchema {
      text["format"] = [
        "type": "json_schema", "name": "codex_output_schema", "schema": schema, "strict": true,
      ]
    }
    if !text.isEmpty { body["text"] = .object(text) }
    if let limit = request.maxOutputTokens { body["max_output_tokens"] = .int(limit) }
    if request.forceReasoning || supportsReasoning(request.model) {
      var reasoning = JSONObject()
      if let effort = request.reasoningEffort { reasoning["effort"] = .string(effort.rawValue) }
      if let summary = request.reasoningSummary, summary != .none {
        reasoning["summary"] = .string(summary.rawValue)
      }
      if !reasoning.isEmpty { body["reasoning"] = .object(reasoning) }
    }
    guard let cache = request.itemCache else { return JSONValue.object(body).bytes }
    // The same bytes, with the input items taken from the cache.
    let items = cache.encoded(request.items, by: item)
    var writer = JSONWriter(capacity: items.reduce(4096) { $0 + ($1?.count ?? 0) + 1 })
    writer.append("{")
    for (position, member) in body.members.enumerated() {
      if position > 0 { writer.append(",") }
      writer.write(string: member.key)
      writer.append(":")
      guard member.key == "input" else {
        writer.write(member.value)
        continue
      }
      writer.append("[")
      var first = true
      for encoded in items {
        guard let encoded else { continue }
        if !first { writer.append(",") }
        first = false
        writer.append(raw: encoded)
      }
      writer.append("]")
    }
    writer.append("}")
    return writer.bytes
  }

  /// The provider's own web search tool: live, or from its cache only.
  static func webSearchTool(_ mode: WebSearchMode) -> [JSONValue] {
    switch mode {
    case .disabled: return []
    case .live: return [["type": "web_search"]]
    case .cached: return [["type": "web_search", "external_web_access": false]]
    }
  }

  /// Reasoning settings are accepted only by reasoning models (o-series, gpt-5, codex).
  static func supportsReasoning(_ model: String) -> Bool {
    let name = model.lowercased()
    if name.hasPrefix("o1") || name.hasPrefix("o3") || name.hasPrefix("o4")
      || name.contains("codex")
    {
      return true
    }
    // gpt-5 and later
    guard name.hasPrefix("gpt-"), let major = Int(name.dropFirst(4).prefix { $0.isNumber }) else {
      return false
    }
    return major >= 5
  }

  static func item(_ item: ConversationItem) -> JSONValue? {
    switch item {
    case .user(let text):
      return [
        "type": "message", "role": "user",
        "content": [["type": "input_text", "text": .string(text)]],
      ]
    case .assistant(let text):
      return [
        "type": "message", "role": "assistant",
        "content": [["type": "output_text", "text": .string(text)]],
      ]
    case .functionCall(let id, let name, let arguments, let namespace):
      var call: JSONObject = [
        "type": "function_call", "call_id": .string(id), "name": .string(name),
        "arguments": .string(arguments),
      ]
      if let namespace { call["namespace"] = .string(namespace) }
      return .object(call)
    case .functionOutput(let id, let output):
      return ["type": "function_call_output", "call_id": .string(id), "output": .string(output)]
    case .customToolCall(let id, let name, let input):
      return [
        "type": "custom_tool_call", "call_id": .string(id), "name": .string(name),
        "input": .string(input),
      ]
    case .customToolOutput(let id, let output):
      return [
        "type": "custom_tool_call_output", "call_id": .string(id), "output": .string(output),
      ]
    case .developer(let text):
      return [
        "type": "message", "role": "developer",
        "content": [["type": "input_text", "text": .string(text)]],
      ]
    case .userImage(let url):
      return [
        "type": "message", "role": "user",
        "content": [["type": "input_image", "image_url": .string(url)]],
      ]
    case .reasoning(let text, let encrypted):
      // Only the encrypted form is of use to the model; a bare summary is not sent.
      guard let encrypted else { return nil }
      return [
        "type": "reasoning",
        "summary": .array(
          text.isEmpty ? [] : [["type": "summary_text", "text": .string(text)]]),
        "encrypted_content": .string(encrypted),
      ]
    }
  }

  /// The model events of one stream event; throws for `response.failed` and `error`.
  public static func events(_ event: ServerSentEvent) throws -> [ModelEvent] {
    // Most events are deltas: their type and text are read without the rest.
    var data = event.data
    if let (type, delta) = data.withUTF8({ JSONParser.typeAndDelta($0) }) {
      switch type {
      case "response.output_text.delta": return [.textDelta(delta)]
      case "response.reasoning_summary_text.delta": return [.reasoningDelta(delta)]
      case "response.reasoning_text.delta": return [.rawReasoningDelta(delta)]
      case "response.custom_tool_call_input.delta", "response.function_call_arguments.delta":
        return [.toolInputDelta(delta)]
      default: break
      }
    }
    guard let object = JSONValue.parseObject(event.data) else {
      throw ModelError(
        "the server sent an event that is not JSON: \(event.data.prefix(200))", retryable: true)
    }
    let type = object["type"]?.string ?? event.event
    switch type {
    case "response.output_text.delta":
      return [.textDelta(object["delta"]?.string ?? "")]
    case "response.reasoning_summary_text.delta":
      return [.reasoningDelta(object["delta"]?.string ?? "")]
    case "response.reasoning_text.delta":
      return [.rawReasoningDelta(object["delta"]?.string ?? "")]
    case "response.custom_tool_call_input.delta", "response.function_call_arguments.delta":
      return [.toolInputDelta(object["delta"]?.string ?? "")]
    case "response.output_item.done":
      if let item = object["item"], let search = WebSearchCall.parse(item) {
        return [.webSearch(search)]
      }
      guard let item = object["item"] else { return [] }
      guard let parsed = outputItem(item) else {
        let type = item["type"]?.string ?? "(no type)"
        return Self.knownSilentTypes.contains(type) ? [] : [.unknownItem(type)]
      }
      return [.item(parsed)]
    case "response.completed":
      return [.completed(object["response"]?["usage"].flatMap(tokenUsage))]
    case "response.failed", "response.incomplete":
      let error = object["response"]?["error"]
      let message = error?["message"]?.string ?? "the model stopped: \(type)"
      throw ModelError(message, retryable: error?["code"]?.string == "server_error")
    case "error":
      throw ModelError(
        object["message"]?.string ?? "the server reported an error", retryable: false)
    default:
      return []
    }
  }

  /// Output item types that carry nothing for the conversation (a reasoning item with no
  /// summary and nothing encrypted) and are no surprise.
  static let knownSilentTypes: Set<String> = ["reasoning", "message"]

  static func outputItem(_ item: JSONValue) -> ConversationItem? {
    switch item["type"]?.string {
    case "custom_tool_call":
      return .customToolCall(
        callID: item["call_id"]?.string ?? "", name: item["name"]?.string ?? "",
        input: item["input"]?.string ?? "")
    case "message":
      let parts = item["content"]?.array ?? []
      return .assistant(parts.compactMap { $0["text"]?.string }.joined())
    case "function_call":
      return .functionCall(
        callID: item["call_id"]?.string ?? "", name: item["name"]?.string ?? "",
        arguments: item["arguments"]?.string ?? "{}", namespace: item["namespace"]?.string)
    case "reasoning":
      let summary = item["summary"]?.array ?? []
      let text = summary.compactMap { $0["text"]?.string }.joined(separator: "\n")
      let encrypted = item["encrypted_content"]?.string
      if text.isEmpty && encrypted == nil { return nil }
      return .reasoning(text, encryptedContent: encrypted)
    default:
      return nil
    }
  }

  /// The usage reported; nil when there is none (`null`, or no counts).
  static func tokenUsage(_ usage: JSONValue) -> TokenUsage? {
    guard usage.object != nil,
      usage["input_tokens"]?.int != nil || usage["output_tokens"]?.int != nil
    else { return nil }
    return TokenUsage(
      inputTokens: usage["input_tokens"]?.int ?? 0,
      cachedInputTokens: usage["input_tokens_details"]?["cached_tokens"]?.int ?? 0,
      cacheWriteInputTokens: usage["input_tokens_details"]?["cache_write_tokens"]?.int ?? 0,
      outputTokens: usage["output_tokens"]?.int ?? 0,
      reasoningOutputTokens: usage["output_tokens_details"]?["reasoning_tokens"]?.int ?? 0)
  }

  /// The events of a whole (not streamed) response object, in the order a stream would
  /// have given them.
  public static func events(ofWhole object: JSONObject) throws -> [ModelEvent] {
    if let error = object["error"], error.object != nil {
      throw ModelError(error["message"]?.string ?? "the server reported an error")
    }
    guard let output = object["output"]?.array else {
      throw ModelError(
        "the response has no `output`: \(JSONValue.object(object).text.prefix(200))")
    }
    var events: [ModelEvent] = []
    for item in output {
      if let search = WebSearchCall.parse(item) {
        events.append(.webSearch(search))
        continue
      }
      guard let parsed = outputItem(item) else {
        let type = item["type"]?.string ?? "(no type)"
        if !Self.knownSilentTypes.contains(type) { events.append(.unknownItem(type)) }
        continue
      }
      if case .assistant(let text) = parsed { events.append(.textDelta(text)) }
      events.append(.item(parsed))
    }
    return events + [.completed(object["usage"].flatMap(tokenUsage))]
  }
}
