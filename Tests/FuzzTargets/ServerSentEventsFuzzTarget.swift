import Agent

extension FuzzTarget {
  /// The event-stream decoder: the events must not depend on where the network splits
  /// the bytes. The first byte picks the chunk sizes; the rest is the stream.
  public static let serverSentEvents = FuzzTarget(name: "sse") { input in
    guard let seed = input.first else { return }
    let stream = Array(input.dropFirst())
    var whole = SSEDecoder()
    let expected = whole.feed(stream)
    whole.finish()

    var pieces = SSEDecoder()
    var events: [ServerSentEvent] = []
    var start = 0
    var size = Int(seed % 7) + 1
    while start < stream.count {
      let end = min(stream.count, start + size)
      events += pieces.feed(stream[start..<end])
      start = end
      size = (size * 5 + Int(seed)) % 13 + 1
    }
    pieces.finish()
    invariant(events == expected, "chunked decoding differs: \(events) vs \(expected)")
  }
}
