import Foundation

/// MCP's streamable HTTP transport over our libcurl client.
///
/// Every message is a POST; the answer is either one JSON message or an SSE stream
/// of them, read as it arrives.
/// The server's session id and the negotiated protocol version go back on later
/// requests. The bearer token is only ever put in the Authorization header.
actor MCPHTTPTransport: MCPTransport {
  private let url: String
  private let bearerToken: String?
  private let messages: AsyncThrowingStream<Data, Error>
  private let continuation: AsyncThrowingStream<Data, Error>.Continuation
  private var sessionID: String?
  private var protocolVersion: String?
  private var inFlight: [UUID: Task<Void, Error>] = [:]
  private var closed = false

  private let extraHeaders: [(name: String, value: String)]

  init(url: String, bearerToken: String?, headers: [(name: String, value: String)] = []) {
    self.url = url
    self.bearerToken = bearerToken
    extraHeaders = headers
    (messages, continuation) = AsyncThrowingStream.makeStream(bufferingPolicy: .unbounded)
  }

  func connect() async throws {}

  func disconnect() async {
    guard !closed else { return }
    closed = true
    inFlight.values.forEach { $0.cancel() }
    inFlight = [:]
    continuation.finish()
    if let sessionID {
      // Tell the server the session is over; it does not matter if it does not listen.
      let request = HTTPRequest(
        method: "DELETE", url: url, headers: headers() + [("Mcp-Session-Id", sessionID)],
        connectTimeout: .seconds(2), idleTimeout: .seconds(2))
      _ = try? await HTTPClient.stream(request)
    }
  }

  func send(_ data: Data) async throws {
    guard !closed else { throw MCPServerError("the connection to \(url) is closed") }
    if protocolVersion == nil { protocolVersion = Self.negotiatedVersion(in: data) }
    var headers =
      headers() + [
        ("Content-Type", "application/json"), ("Accept", "application/json, text/event-stream"),
      ]
    if let sessionID { headers.append(("Mcp-Session-Id", sessionID)) }
    if let protocolVersion { headers.append(("MCP-Protocol-Version", protocolVersion)) }
    let request = HTTPRequest(
      method: "POST", url: url, headers: headers, body: [UInt8](data),
      connectTimeout: .seconds(10), idleTimeout: .seconds(3600))
    let id = UUID()
    let task = Task { try await self.exchange(request) }
    inFlight[id] = task
    defer { inFlight[id] = nil }
    try await task.value
  }

  nonisolated func receive() -> AsyncThrowingStream<Data, Error> { messages }

  private func headers() -> [(name: String, value: String)] {
    extraHeaders + (bearerToken.map { [("Authorization", "Bearer \($0)")] } ?? [])
  }

  /// One POST: its answer's messages go to the stream.
  private func exchange(_ request: HTTPRequest) async throws {
    let (head, body) = try await HTTPClient.stream(request)
    if let session = head.headers["mcp-session-id"], sessionID == nil { sessionID = session }
    guard (200..<300).contains(head.status) else {
      var text: [UInt8] = []
      for try await chunk in body where text.count < 512 { text += chunk }
      throw MCPServerError(
        "\(url) answered HTTP \(head.status)"
          + (head.status == 401 ? " (check the bearer token)" : "") + ": "
          + String(decoding: text.prefix(300), as: UTF8.self))
    }
    let type = head.headers["content-type"] ?? ""
    if type.hasPrefix("text/event-stream") {
      var decoder = SSEDecoder()
      for try await chunk in body {
        for event in decoder.feed(chunk) where event.event == "message" && !event.data.isEmpty {
          continuation.yield(Data(event.data.utf8))
        }
      }
    } else {
      var bytes: [UInt8] = []
      for try await chunk in body { bytes += chunk }
      if !bytes.isEmpty, type.hasPrefix("application/json") { continuation.yield(Data(bytes)) }
    }
  }

  /// The protocol version a client asks for in its `initialize` request; later
  /// requests carry it in a header, as the specification asks.
  private static func negotiatedVersion(in data: Data) -> String? {
    guard let object = JSONValue.parse(data), object["method"]?.string == "initialize" else {
      return nil
    }
    return object["params"]?["protocolVersion"]?.string
  }
}
