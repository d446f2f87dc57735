/// A server that could not give a streamed answer in a way a whole response may fix;
/// `error` says what happened, for when no other way is left.
struct StreamingRefused: Error {
  enum Kind {
    /// HTTP 200 with nothing in the body (llama.cpp asked to stream with tools).
    case emptyBody
    /// An error that names streaming and tools.
    case toolsNotStreamable
    /// A finished response with nothing in it, to a request with tools (a proxy in front
    /// of such a server).
    case emptyResponse
    /// The server rejects `stream_options`.
    case streamOptions
  }

  var kind: Kind
  var error: ModelError

  /// Whether a server's error text says it cannot stream tool calls.
  static func namesStreamingAndTools(_ text: String) -> Bool {
    let lower = text.lowercased()
    return lower.contains("stream") && (lower.contains("tool") || lower.contains("function"))
  }
}
