import Foundation

extension ModelClient {
  /// The request's body on the provider's wire, streamed or whole.
  func body(_ request: ModelRequest, whole: Bool) throws -> [UInt8] {
    switch provider.wireAPI {
    case .responses: return try ResponsesWire.body(request, stream: !whole)
    case .chat:
      return try ChatWire.body(
        request,
        delivery: ChatWire.Delivery(stream: !whole, includeUsage: quirks.takesStreamOptions))
    }
  }

  /// Sends the request; the response head, the body's chunks.
  private func send(_ request: ModelRequest, whole: Bool) async throws -> (
    HTTPResponseHead, AsyncThrowingStream<[UInt8], Error>
  ) {
    let body = try body(request, whole: whole)
    let idle = Duration.milliseconds(Int64(provider.streamIdleTimeoutMilliseconds))
    let http = HTTPRequest(
      method: "POST", url: endpoint,
      headers: headers(streamed: !whole) + Self.identity(sessionID: request.sessionID), body: body,
      idleTimeout: idle)
    Self.logger.debug(
      "model request",
      metadata: [
        "url": "\(endpoint)", "model": "\(request.model)", "bytes": "\(body.count)",
        "stream": "\(!whole)",
      ])
    Self.logger.trace(
      "model request body", metadata: ["body": "\(String(decoding: body, as: UTF8.self))"])
    do {
      let (head, bytes) = try await HTTPClient.stream(http)
      guard head.status == 200 else {
        var text = ""
        for try await chunk in bytes where text.utf8.count < 4096 {
          text += String(decoding: chunk, as: UTF8.self)
        }
        Self.logger.warning(
          "model request failed",
          metadata: ["status": "\(head.status)", "body": "\(text.prefix(500))"])
        let error = statusError(head, body: text, model: request.model)
        if !whole && StreamingRefused.namesStreamingAndTools(text) {
          throw StreamingRefused(kind: .toolsNotStreamable, error: error)
        }
        if !whole && head.status == 400 && text.contains("stream_options")
          && quirks.takesStreamOptions
        {
          throw StreamingRefused(kind: .streamOptions, error: error)
        }
        throw error
      }
      return (head, bytes)
    } catch let error as HTTPError {
      throw transportError(error)
    }
  }

  /// One streamed request. Deltas go out as they come; items and usage only once the
  /// stream completed. A break after deltas throws an error marked `streamBroke`.
  /// `mayRefuse`: an empty answer to a request with tools is refused (to be asked again
  /// whole) rather than accepted.
  func attemptStream(
    _ request: ModelRequest, mayRefuse: Bool,
    into continuation: AsyncThrowingStream<ModelEvent, Error>.Continuation
  ) async throws {
    let (_, bytes) = try await send(request, whole: false)
    var decoder = SSEDecoder()
    var chat = ChatWire.StreamState()
    // Text of the Responses wire passes through the same `<think>` filter as Chat's.
    var think = ThinkSplitter()
    var delivered = false
    var shown = 0
    var received = 0
    var sawEvent = false
    // While no event came, the body is kept: it may be a JSON answer or error instead.
    var raw: [UInt8] = []
    var held: [ModelEvent] = []
    var completed = false
    func broke(_ message: String) -> ModelError {
      var error = ModelError("\(provider.name): \(message)", retryable: true)
      error.streamBroke = delivered
      error.shownCharacters = shown
      return error
    }
    // Deltas of one kind that arrive in the same chunk go out as one: a stream of many
    // small events then costs one hand-over per read, not one per event.
    var pending: ModelEvent?
    func flush() {
      if let event = pending { continuation.yield(event) }
      pending = nil
    }
    func merge(_ event: ModelEvent) {
      switch (pending, event) {
      case (.textDelta(let a)?, .textDelta(let b)): pending = .textDelta(a + b)
      case (.reasoningDelta(let a)?, .reasoningDelta(let b)): pending = .reasoningDelta(a + b)
      case (.rawReasoningDelta(let a)?, .rawReasoningDelta(let b)):
        pending = .rawReasoningDelta(a + b)
      case (.toolInputDelta(let a)?, .toolInputDelta(let b)): pending = .toolInputDelta(a + b)
      default:
        flush()
        pending = event
      }
    }
    func deliver(_ modelEvent: ModelEvent) {
      switch modelEvent {
      case .textDelta(let text):
        shown += text.count
        delivered = true
        merge(modelEvent)
      case .reasoningDelta, .rawReasoningDelta:
        delivered = true
        merge(modelEvent)
      case .webSearch:
        // A search is shown when it happens, before the answer it informs.
        flush()
        continuation.yield(modelEvent)
        delivered = true
      case .toolInputDelta:
        // Progress only: the call itself comes whole as an item, held like the others.
        merge(modelEvent)
      case .completed:
        flush()
        completed = true
        held.append(modelEvent)
      default:
        flush()
        held.append(modelEvent)
      }
    }
    do {
      for try await chunk in bytes {
        received += chunk.count
        if !sawEvent && raw.count < 1 << 20 { raw += chunk }
        for event in decoder.feed(chunk) {
          sawEvent = true
          if provider.wireAPI == .chat {
            for modelEvent in try chat.events(event) { deliver(modelEvent) }
            continue
          }
          for modelEvent in try ResponsesWire.events(event) {
            switch modelEvent {
            case .textDelta(let text):
              for piece in think.feed(text) {
                switch piece {
                case .reasoning(let text): deliver(.reasoningDelta(text))
                case .answer(let text): deliver(.textDelta(text))
                }
              }
            case .item(.assistant(let text)):
              let answer = ThinkSplitter.split(text).answer
              if !answer.isEmpty { deliver(.item(.assistant(answer))) }
            default: deliver(modelEvent)
            }
          }
        }
        flush()
      }
    } catch let error as HTTPError {
      flush()
      throw broke("the stream broke: " + transportWords(error))
    } catch let error as ModelError where error.retryable {
      flush()
      throw broke(error.message)
    } catch var error as ModelError {
      flush()
      // An error the server (or a proxy) put in the stream: say whose it is.
      error.message = "\(provider.name): \(error.message)"
      throw error
    }
    // Keep-alive comments (`: ping`, as llama-cpp-python sends while it works) are not an
    // answer: a body of nothing else is empty.
    if received == 0 || (!sawEvent && Self.onlyComments(raw)) {
      throw StreamingRefused(
        kind: .emptyBody,
        error: ModelError(
          "\(provider.name) answered HTTP 200 with an empty body to a streamed request (\(endpoint)); check the server's log, or set model_providers.\(provider.id).stream = false"
        ))
    }
    if !sawEvent {
      // Not an event stream: a server that ignored `stream: true`, or an error in JSON.
      try deliverWhole(raw, into: continuation, refusing: true)
      return
    }
    if !completed {
      // Some Chat servers close the stream without `[DONE]`, but only after a choice
      // said why it finished; without either, the answer was cut off.
      guard provider.wireAPI == .chat && chat.sawFinishReason else {
        throw broke("the stream ended before the response was complete")
      }
      for event in chat.finish() { deliver(event) }
      flush()
    }
    for piece in think.finish() {
      if case .reasoning(let text) = piece { continuation.yield(.reasoningDelta(text)) }
    }
    // An item of a type codex does not know still means the server streamed an answer.
    let empty =
      !delivered
      && !held.contains {
        switch $0 {
        case .item, .unknownItem: true
        default: false
        }
      }
    if empty && mayRefuse && !request.tools.isEmpty {
      throw StreamingRefused(
        kind: .emptyResponse,
        error: ModelError("\(provider.name) sent an empty response (no text, no tool call)"))
    }
    for event in held { continuation.yield(event) }
  }

  /// Whether an event-stream body holds nothing but comment lines and blank lines.
  static func onlyComments(_ raw: [UInt8]) -> Bool {
    String(decoding: raw, as: UTF8.self).split(whereSeparator: \.isNewline).allSatisfy {
      $0.hasPrefix(":") || $0.allSatisfy(\.isWhitespace)
    }
  }

  /// One request for a whole response.
  func attemptWhole(
    _ request: ModelRequest, into continuation: AsyncThrowingStream<ModelEvent, Error>.Continuation
  ) async throws {
    let (_, bytes) = try await send(request, whole: true)
    var raw: [UInt8] = []
    do {
      for try await chunk in bytes { raw += chunk }
    } catch let error as HTTPError {
      throw transportError(error)
    }
    try deliverWhole(raw, into: continuation, refusing: false)
  }

  /// A whole JSON response (or error) in `raw`, as events. `refusing`: an error naming
  /// streaming and tools is a refusal to stream, to be asked again whole.
  private func deliverWhole(
    _ raw: [UInt8], into continuation: AsyncThrowingStream<ModelEvent, Error>.Continuation,
    refusing: Bool
  ) throws {
    let text = String(decoding: raw, as: UTF8.self)
    guard !raw.isEmpty else {
      throw ModelError(
        "\(provider.name) answered HTTP 200 with an empty body (\(endpoint)), even when asked for a whole response; check the server's log"
      )
    }
    guard let object = JSONValue.parseObject(text) else {
      throw ModelError(
        "\(provider.name) sent an answer that is neither an event stream nor JSON: \(text.prefix(200))",
        retryable: true)
    }
    let events: [ModelEvent]
    do {
      events =
        try provider.wireAPI == .responses
        ? ResponsesWire.events(ofWhole: object) : ChatWire.events(ofWhole: object)
    } catch var error as ModelError {
      error.message = "\(provider.name): \(error.message)"
      if refusing && StreamingRefused.namesStreamingAndTools(error.message) {
        throw StreamingRefused(kind: .toolsNotStreamable, error: error)
      }
      throw error
    }
    for event in events { continuation.yield(event) }
  }
}
