import Foundation
import Logging

/// Streams model responses from a provider on either wire, with retries.
///
/// A server that cannot stream (an empty 200 body, an error naming streaming and tools,
/// an empty response to a request with tools) is asked the same request again for a
/// whole response; the client remembers that for the rest of the session and says so
/// once. `model_providers.<id>.stream = false` asks for whole responses from the start.
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
  /// What this session learned about the provider's server.
  let quirks = ProviderQuirks()

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

  /// Who asks, honestly: a User-Agent naming this program (never OpenAI's own client),
  /// and the session and thread ids Codex sends, so a provider can group a session's
  /// requests (the same id for both: a session is one thread here).
  static func identity(sessionID: String) -> [(name: String, value: String)] {
    [
      ("User-Agent", userAgent), ("session-id", sessionID), ("thread-id", sessionID),
      ("x-client-request-id", sessionID),
    ]
  }

  /// `codex-swift/VERSION (Linux RELEASE; ARCH)`.
  static let userAgent: String = {
    var names = utsname()
    uname(&names)
    func text<T>(_ value: T) -> String {
      withUnsafeBytes(of: value) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    }
    return
      "codex-swift/\(CodexVersion.current) (Linux \(text(names.release)); \(text(names.machine)))"
  }()

  func headers(streamed: Bool = true) -> [(name: String, value: String)] {
    var headers: [(name: String, value: String)] = [
      ("Content-Type", "application/json"),
      ("Accept", streamed ? "text/event-stream" : "application/json"),
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
  ) async throws {
    if provider.envKey != nil && apiKey == nil {
      let variable = provider.envKey ?? "the API key"
      let login = provider.id == "openai" ? ", or run `codex login --with-api-key`" : ""
      throw ModelError("no API key for provider \(provider.id): set \(variable)\(login)")
    }
    if provider.wireAPI == .chat && request.webSearch != .disabled && quirks.shouldTellSearch() {
      // Chat Completions has no search tool: nothing is sent for it.
      continuation.yield(
        .notice(
          "\(provider.name): web search is not available with this provider (Chat Completions); searching is off"
        ))
    }
    var requestRetries = 0
    var streamRetries = 0
    var fellBack = false
    var optionsDropped = false
    while true {
      let whole = quirks.wantsWhole(request, provider: provider)
      do {
        if whole {
          try await attemptWhole(request, into: continuation)
        } else {
          try await attemptStream(request, mayRefuse: !fellBack, into: continuation)
        }
        return
      } catch let refusal as StreamingRefused {
        switch refusal.kind {
        case .streamOptions where !optionsDropped:
          optionsDropped = true
          quirks.rejectsStreamOptions()
          Self.logger.info("provider rejects stream_options; usage is not asked for")
          continue
        case .streamOptions:
          throw refusal.error
        case .emptyBody, .toolsNotStreamable, .emptyResponse:
          guard !fellBack else { throw refusal.error }
          fellBack = true
          let tools = !request.tools.isEmpty
          quirks.streamingFailed(withTools: tools)
          Self.logger.warning(
            "streaming failed; asking for whole responses",
            metadata: ["provider": "\(provider.id)", "reason": "\(refusal.error.message)"])
          if quirks.shouldTell() {
            let what = tools ? "streaming with tools" : "streaming"
            continuation.yield(
              .notice(
                "\(provider.name): \(what) not supported by this server; using whole responses"))
          }
        }
      } catch var error as ModelError where error.retryable {
        // A transfer stopped by cancellation looks like a broken stream: never retry it.
        try Task.checkCancellation()
        let notice: RetryNotice
        if error.streamBroke {
          error.attempts = requestRetries + streamRetries + 1
          guard streamRetries < provider.streamMaxRetries else { throw error }
          streamRetries += 1
          notice = RetryNotice(
            cause: .stream, attempt: streamRetries, limit: provider.streamMaxRetries,
            delay: error.retryAfter ?? backoff(streamRetries),
            reason: redactor.redact(error.message),
            discardedCharacters: error.shownCharacters)
        } else {
          error.attempts = requestRetries + streamRetries + 1
          guard requestRetries < provider.requestMaxRetries else { throw error }
          requestRetries += 1
          notice = RetryNotice(
            cause: .request, attempt: requestRetries, limit: provider.requestMaxRetries,
            delay: error.retryAfter ?? backoff(requestRetries),
            reason: redactor.redact(error.message))
        }
        Self.logger.warning(
          "model request retried",
          metadata: [
            "attempt": "\(notice.attempt)/\(notice.limit)", "reason": "\(error.message)",
            "delay": "\(notice.delay)",
          ])
        continuation.yield(.retrying(notice))
        try await Task.sleep(for: notice.delay)
      } catch var error as ModelError {
        error.attempts = requestRetries + streamRetries + 1
        throw error
      }
    }
  }

  static let logger = Logger(label: "codex.model")

  /// base · 2^(attempt-1), ±20 % jitter.
  func backoff(_ attempt: Int) -> Duration {
    let exponential = backoffBase * (1 << min(attempt - 1, 10))
    return exponential * Double.random(in: 0.8...1.2)
  }
}
