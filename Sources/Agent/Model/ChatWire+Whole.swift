extension ChatWire {
  /// The events of a whole (not streamed) `chat.completion` response, in the order a
  /// stream would have given them: reasoning, the answer as one delta, the finished
  /// items, the usage. Servers that cannot stream tool calls are asked this way.
  public static func events(ofWhole object: JSONObject) throws -> [ModelEvent] {
    if let error = object["error"], error.object != nil {
      throw ModelError(error["message"]?.string ?? "the server reported an error")
    }
    guard let choices = object["choices"]?.array else {
      throw ModelError(
        "the response has no `choices`: \(JSONValue.object(object).text.prefix(200))")
    }
    var events: [ModelEvent] = []
    var reasoningText = ""
    var answer = ""
    var calls: [ModelEvent] = []
    for choice in choices {
      let message = choice["message"]
      let split = ThinkSplitter.split(text(of: message?["content"]))
      reasoningText += (reasoning(in: message) ?? "") + split.reasoning
      answer += split.answer
      for (index, call) in (message?["tool_calls"]?.array ?? []).enumerated() {
        let arguments = call["function"]?["arguments"]
        calls.append(
          .item(
            .functionCall(
              callID: call["id"]?.string ?? "call_\(calls.count + index)",
              name: call["function"]?["name"]?.string ?? "",
              // Some servers send the arguments as an object rather than as text.
              arguments: arguments?.string ?? arguments.map { $0.text } ?? "{}")))
      }
    }
    if !reasoningText.isEmpty {
      events += [
        .reasoningDelta(reasoningText), .item(.reasoning(reasoningText, encryptedContent: nil)),
      ]
    }
    if !answer.isEmpty { events += [.textDelta(answer), .item(.assistant(answer))] }
    return events + calls + [.completed(object["usage"].flatMap(usage))]
  }

  /// A message's content: text, or the text parts of an array of parts.
  private static func text(of content: JSONValue?) -> String {
    if let text = content?.string { return text }
    return (content?.array ?? []).compactMap { $0["text"]?.string }.joined()
  }
}
