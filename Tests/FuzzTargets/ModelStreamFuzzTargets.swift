import Agent

extension FuzzTarget {
  /// A Chat Completions stream as a server might send it: events decoded, then
  /// assembled into model events; errors are fine, crashes are not.
  public static let chatStream = FuzzTarget(name: "chat-stream") { bytes in
    var decoder = SSEDecoder()
    var state = ChatWire.StreamState()
    for event in decoder.feed(bytes) {
      _ = try? state.events(event)
    }
    decoder.finish()
    _ = state.finish()
  }

  /// A Responses API stream, event by event.
  public static let responsesStream = FuzzTarget(name: "responses-stream") { bytes in
    var decoder = SSEDecoder()
    for event in decoder.feed(bytes) {
      _ = try? ResponsesWire.events(event)
    }
    decoder.finish()
  }
}
