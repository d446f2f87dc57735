import Foundation
import Logging

/// Streams model responses from a provider on either wire, with retries.
///
/// Failures before the first event (429, 5xx, a refused or dropped connection) are
/// retried with exponential backoff and jitter, honouring `Retry-After`, up to the
/// provider's `request_max_retries`; each retry is reported as an event. A stream that
/// breaks part-way is requested again, up to `stream_max_retries`: text deltas of the
/// broken attempt were already shown, but finished items (messages, tool calls) and the
/// usage are held back until a stream completes, so the conversation never gets an item
/// twice.
public struct ModelClient: Sendable {
  /// Where requests go.
  public var provider: ModelProvider
  /// The key sent as a bearer token, if the provider needs one.
  public var apiKey: String?
  /// Where `env_http_headers` values are read from.
  public var environment: [String: String]
  /// The base of the backoff; tests make it small.
  public var backoffBase: Duration

  /// A client for `provider`.
  public init(
    provider: ModelProvider, apiKey: String?, environment: [String: String],
    backoffBase: Duration = .milliseconds(500)
  ) {
    self.provider = provider
    self.apiKey = apiKey
    self.environment = environment
    self.backoffBase = backoffBase
    // Header values from the configuration can be keys too: keep them out of the log.
    for value in provider.httpHeaders.values { CodexLogging.addSecret(value) }
    for variable in provider.envHTTPHeaders.values {
      if let value = environment[variable] { CodexLogging.addSecret(value) }
    }
  }

  /// The key for `provider`: its `env_key` variable, else (for openai) `CODEX_API_KEY`,
  /// else `auth.json`.
  public static func apiKey(
    for provider: ModelProvider, environment: [String: String], codexHome: String
  ) -> String? {
    var key: String?
    if let name = provider.envKey, let value = environment[name], !value.isEmpty {
      key = value
    } else if provider.id == "openai", let value = environment["CODEX_API_KEY"], !value.isEmpty {
      key = value
    } else if provider.id == "openai" {
      key = AuthStore(codexHome: codexHome).apiKey()
    }
    // Whatever the variable is called, its value never reaches the log.
    if let key { CodexLogging.addSecret(key) }
    return key
  }

  var endpoint: String {
    var url = provider.baseURL
    while url.hasSuffix("/") { url.removeLast() }
    url += provider.wireAPI == .responses ? "/responses" : "/chat/completions"
    if !provider.queryParams.isEmpty {
      var components = URLComponents(string: url)
      components?.queryItems = provider.queryParams.sorted { $0.key < $1.key }.map {
        URLQueryItem(name: $0.key, value: $0.value)
      }
      url = components?.string ?? url
    }
    return url
  }

  /// Masks what this client sends that could be a secret: the key, and every header
  /// value codex adds from the configuration.
  var redactor: SecretRedactor {
    let standard: Set<String> = ["Content-Type", "Accept"]
    let values = headers().filter { !standard.contains($0.name) }.map {
      $0.value.hasPrefix("Bearer ") ? String($0.value.dropFirst(7)) : $0.value
    }
    return SecretRedactor(secrets: values + (apiKey.map { [$0] } ?? []))
  }

  func headers() -> [(name: String, value: String)] {
    var headers: [(name: String, value: String)] = [
      ("Content-Type", "application/json"), ("Accept", "text/event-stream"),
    ]
    if let apiKey { headers.append(("Authorization", "Bearer \(apiKey)")) }
    for (name, value) in provider.httpHeaders.sorted(by: { $0.key < $1.key }) {
      headers.append((name, value))
    }
    for (name, variable) in provider.envHTTPHeaders.sorted(by: { $0.key < $1.key }) {
      if let value = environment[variable], !value.isEmpty { headers.append((name, value)) }
    }
    return headers
  }

  /// Streams the answer to `request`, retrying failed requests and broken streams as the
  /// provider's settings allow (each retry reported as an event).
  public func stream(_ request: ModelRequest) -> AsyncThrowingStream<ModelEvent, Error> {
    AsyncThrowingStream { continuation in
      let task = Task {
        do {
          try await run(request, into: continuation)
          continuation.finish()
        } catch var error as ModelError {
          // A server may echo what it was sent; the user never sees a key.
          error.message = redactor.redact(error.message)
          continuation.finish(throwing: error)
        } catch {
          continuation.finish(throwing: error)
        }
      }
      continuation.onTermination = { _ in task.cancel() }
    }
  }

  private func run(
    _ request: ModelRequest, into continuation: AsyncThrowingStream<ModelEvent, Error>.Continuation
  )
    async throws
  {
    if provider.envKey != nil && apiKey == nil {
      let variable = provider.envKey ?? "the API key"
      let login = provider.id == "openai" ? ", or run `codex login --with-api-key`" : ""
      throw ModelError("no API key for provider \(provider.id): set \(variable)\(login)")
    }
    let body =
      try provider.wireAPI == .responses ? ResponsesWire.body(request) : ChatWire.body(request)
    var requestRetries = 0
    var streamRetries = 0
    while true {
      do {
        try await attemptStream(body, model: request.model, into: continuation)
        return
      } catch let error as ModelError where error.retryable {
        // A transfer stopped by cancellation looks like a broken stream: never retry it.
        try Task.checkCancellation()
        let attempt: Int
        if error.streamBroke {
          guard streamRetries < provider.streamMaxRetries else { throw error }
          streamRetries += 1
          attempt = streamRetries
        } else {
          guard requestRetries < provider.requestMaxRetries else { throw error }
          requestRetries += 1
          attempt = requestRetries
        }
        let delay = error.retryAfter ?? backoff(attempt)
        Self.logger.warning(
          "model request retried",
          metadata: ["attempt": "\(attempt)", "reason": "\(error.message)", "delay": "\(delay)"])
        continuation.yield(
          .retrying(attempt: attempt, delay: delay, reason: redactor.redact(error.message)))
        try await Task.sleep(for: delay)
      }
    }
  }

  static let logger = Logger(label: "codex.model")

  /// base · 2^(attempt-1), ±20 % jitter.
  func backoff(_ attempt: Int) -> Duration {
    let exponential = backoffBase * (1 << min(attempt - 1, 10))
    return exponential * Double.random(in: 0.8...1.2)
  }

  /// One request. Deltas go out as they come; items and usage only once the stream
  /// completed. A break after deltas throws an error marked `streamBroke`.
  private func attemptStream(
    _ body: [UInt8], model: String,
    into continuation: AsyncThrowingStream<ModelEvent, Error>.Continuation
  ) async throws {
    let idle = Duration.milliseconds(Int64(provider.streamIdleTimeoutMilliseconds))
    let request = HTTPRequest(
      method: "POST", url: endpoint, headers: headers(), body: body, idleTimeout: idle)
    Self.logger.debug(
      "model request",
      metadata: ["url": "\(endpoint)", "model": "\(model)", "bytes": "\(body.count)"])
    Self.logger.trace(
      "model request body", metadata: ["body": "\(String(decoding: body, as: UTF8.self))"])
    let head: HTTPResponseHead
    let bytes: AsyncThrowingStream<[UInt8], Error>
    do {
      (head, bytes) = try await HTTPClient.stream(request)
    } catch let error as HTTPError {
      throw ModelError("\(provider.name): \(error.message)", retryable: error.kind != .invalid)
    }
    guard head.status == 200 else {
      var text = ""
      for try await chunk in bytes where text.utf8.count < 4096 {
        text += String(decoding: chunk, as: UTF8.self)
      }
      Self.logger.warning(
        "model request failed",
        metadata: ["status": "\(head.status)", "body": "\(text.prefix(500))"])
      throw statusError(head, body: text, model: model)
    }
    var decoder = SSEDecoder()
    var chat = ChatWire.StreamState()
    var delivered = false
    var held: [ModelEvent] = []
    var completed = false
    func broke(_ message: String) -> ModelError {
      var error = ModelError("\(provider.name): \(message)", retryable: true)
      error.streamBroke = delivered
      return error
    }
    do {
      for try await chunk in bytes {
        for event in decoder.feed(chunk) {
          let events =
            try provider.wireAPI == .responses ? ResponsesWire.events(event) : chat.events(event)
          for modelEvent in events {
            switch modelEvent {
            case .textDelta, .reasoningDelta, .rawReasoningDelta:
              continuation.yield(modelEvent)
              delivered = true
            case .completed:
              completed = true
              held.append(modelEvent)
            default:
              held.append(modelEvent)
            }
          }
        }
      }
    } catch let error as HTTPError {
      throw broke("the stream broke: \(error.message)")
    } catch let error as ModelError where error.retryable {
      throw broke(error.message)
    }
    if !completed {
      // Some Chat servers close the stream without `[DONE]`, but only after a choice
      // said why it finished; without either, the answer was cut off.
      guard provider.wireAPI == .chat && chat.sawFinishReason else {
        throw broke("the stream ended before the response was complete")
      }
      held += chat.finish()
    }
    for event in held { continuation.yield(event) }
  }

  private func statusError(_ head: HTTPResponseHead, body: String, model: String) -> ModelError {
    let detail =
      JSONValue.parse(body)?["error"]?["message"]?.string
      ?? body.prefix(300).description
    let retryAfter = head.headers["retry-after"].flatMap(Double.init).map {
      Duration.milliseconds(Int64($0 * 1000))
    }
    switch head.status {
    case 401, 403:
      let fix =
        provider.envKey.map {
          "check \($0)" + (provider.id == "openai" ? " or run `codex login --with-api-key`" : "")
        }
        ?? "check the provider's http_headers"
      return ModelError(
        "\(provider.name) refused the API key (HTTP \(head.status)): \(detail); \(fix)",
        status: head.status)
    case 404:
      return ModelError(
        "\(provider.name) does not know model `\(model)` or the URL \(endpoint) (HTTP 404): \(detail); check `model` and model_providers.\(provider.id).base_url",
        status: 404)
    case 429:
      return ModelError(
        "rate limited (HTTP 429): \(detail)", retryable: true, retryAfter: retryAfter, status: 429)
    case 500...599:
      return ModelError(
        "server error (HTTP \(head.status)): \(detail)", retryable: true, retryAfter: retryAfter,
        status: head.status)
    default:
      return ModelError(
        "\(provider.name) answered HTTP \(head.status): \(detail)", status: head.status)
    }
  }
}
