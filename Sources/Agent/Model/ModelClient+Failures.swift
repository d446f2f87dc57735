import Foundation

/// Failures in words a user can act on: the provider named, the URL, and for local
/// servers what to start or pull.
extension ModelClient {
  /// Ollama, by its name or its port.
  var isOllama: Bool {
    ["ollama", "oss"].contains(provider.id) || provider.baseURL.contains(":11434")
  }

  /// LM Studio, by its name or its port.
  var isLMStudio: Bool {
    provider.id == "lmstudio" || provider.baseURL.contains(":1234/")
      || provider.baseURL.hasSuffix(":1234")
  }

  /// What failed in the transfer, with the URL and, for a local server that is not
  /// there, how to start it.
  func transportWords(_ error: HTTPError) -> String {
    var words = "\(error.reason) (\(error.url))"
    if error.reason.hasPrefix("connection refused") {
      if isOllama {
        words += "; is Ollama running? Start it with `ollama serve`"
      } else if isLMStudio {
        words += "; is LM Studio's server running? Start it with `lms server start`"
      }
    }
    return words
  }

  /// A transfer failure as a model error: retryable unless the request itself is wrong.
  func transportError(_ error: HTTPError) -> ModelError {
    ModelError("\(provider.name): \(transportWords(error))", retryable: error.kind != .invalid)
  }

  /// An HTTP status other than 200, with the server's own message.
  func statusError(_ head: HTTPResponseHead, body: String, model: String) -> ModelError {
    let detail =
      JSONValue.parse(body)?["error"]?["message"]?.string
      ?? JSONValue.parse(body)?["error"]?.string
      ?? body.prefix(300).description
    let retryAfter = head.headers["retry-after"].flatMap(Double.init).map {
      Duration.milliseconds(Int64($0 * 1000))
    }
    let name = provider.name
    let lower = detail.lowercased()
    if isOllama
      && (lower.contains("try pulling") || (lower.contains("model") && lower.contains("not found")))
    {
      return ModelError(
        "\(name): model `\(model)` is not pulled (HTTP \(head.status)): \(detail); run `ollama pull \(model)`",
        status: head.status)
    }
    switch head.status {
    case 401, 403:
      let fix =
        provider.envKey.map {
          "check \($0)" + (provider.id == "openai" ? " or run `codex login --with-api-key`" : "")
        }
        ?? "check the provider's http_headers"
      return ModelError(
        "\(name) refused the API key (HTTP \(head.status)): \(detail); \(fix)",
        status: head.status)
    case 404:
      let fix =
        isLMStudio
        ? "load the model in LM Studio, or check `model`"
        : "check `model` and model_providers.\(provider.id).base_url"
      return ModelError(
        "\(name) does not know model `\(model)` or the URL \(endpoint) (HTTP 404): \(detail); \(fix)",
        status: 404)
    case 429:
      return ModelError(
        "\(name): rate limited (HTTP 429): \(detail)", retryable: true, retryAfter: retryAfter,
        status: 429)
    case 500...599:
      return ModelError(
        "\(name): server error (HTTP \(head.status)): \(detail)", retryable: true,
        retryAfter: retryAfter, status: head.status)
    default:
      let context =
        lower.contains("context length") || lower.contains("context window")
          || lower.contains("exceeds the context")
        ? "; the conversation no longer fits the model's context: /compact it, start a new session, or give the server a larger context"
        : ""
      return ModelError(
        "\(name) answered HTTP \(head.status): \(detail)\(context)", status: head.status)
    }
  }
}
