import Foundation

/// One entry of a conversation as the model sees it.
public enum ConversationItem: Sendable, Equatable {
  case user(String)
  /// An image the user attached, as a `data:` URL.
  case userImage(dataURL: String)
  case assistant(String)
  /// The model asks to run a tool; `arguments` is JSON text.
  case functionCall(callID: String, name: String, arguments: String)
  /// A tool's result, sent back to the model.
  case functionOutput(callID: String, output: String)
  /// A reasoning summary the model produced (kept for the record; not sent back).
  case reasoning(String)
}

/// A tool the model may call: its name, what it does, and a JSON Schema of its arguments.
public struct ToolSpec: Sendable, Equatable {
  public var name: String
  public var description: String
  /// JSON Schema (an object) as JSON text.
  public var parameters: String

  public init(name: String, description: String, parameters: String) {
    self.name = name
    self.description = description
    self.parameters = parameters
  }
}

/// Everything one model request carries.
public struct ModelRequest: Sendable {
  public var model: String
  public var instructions: String
  public var items: [ConversationItem]
  public var tools: [ToolSpec]
  public var reasoningEffort: ReasoningEffort?
  public var reasoningSummary: ReasoningSummary?
  public var store: Bool
  public var sessionID: String

  public init(
    model: String, instructions: String, items: [ConversationItem], tools: [ToolSpec],
    reasoningEffort: ReasoningEffort? = nil, reasoningSummary: ReasoningSummary? = nil,
    store: Bool = false,
    sessionID: String
  ) {
    self.model = model
    self.instructions = instructions
    self.items = items
    self.tools = tools
    self.reasoningEffort = reasoningEffort
    self.reasoningSummary = reasoningSummary
    self.store = store
    self.sessionID = sessionID
  }
}

public struct TokenUsage: Sendable, Equatable {
  public var inputTokens: Int
  public var cachedInputTokens: Int
  public var outputTokens: Int

  public init(inputTokens: Int = 0, cachedInputTokens: Int = 0, outputTokens: Int = 0) {
    self.inputTokens = inputTokens
    self.cachedInputTokens = cachedInputTokens
    self.outputTokens = outputTokens
  }

  public static func + (a: TokenUsage, b: TokenUsage) -> TokenUsage {
    TokenUsage(
      inputTokens: a.inputTokens + b.inputTokens,
      cachedInputTokens: a.cachedInputTokens + b.cachedInputTokens,
      outputTokens: a.outputTokens + b.outputTokens)
  }
}

/// What a model stream reports, in order.
public enum ModelEvent: Sendable, Equatable {
  case textDelta(String)
  case reasoningDelta(String)
  /// A finished output item: a message, a function call, a reasoning summary.
  case item(ConversationItem)
  case completed(TokenUsage?)
  /// The request failed and is tried again after `delay`.
  case retrying(attempt: Int, delay: Duration, reason: String)
}

/// A model request that failed; `retryable` ones are tried again with backoff.
public struct ModelError: Error, Sendable, Equatable, CustomStringConvertible {
  public var message: String
  public var retryable: Bool
  /// The server's `Retry-After`, when it sent one.
  public var retryAfter: Duration?
  public var status: Int?
  /// The stream broke after part of the answer had arrived.
  public var streamBroke = false

  public init(
    _ message: String, retryable: Bool = false, retryAfter: Duration? = nil, status: Int? = nil
  ) {
    self.message = message
    self.retryable = retryable
    self.retryAfter = retryAfter
    self.status = status
  }

  public var description: String { message }
}

/// Turns image files into `data:` URLs for the model.
public enum ImageAttachment {
  static let types = [
    "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif",
    "webp": "image/webp",
  ]

  public static func dataURL(path: String) throws -> String {
    let ext = (path as NSString).pathExtension.lowercased()
    guard let type = types[ext] else {
      throw ModelError("\(path): not an image codex can send (use png, jpeg, gif or webp)")
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw ModelError("\(path): cannot read the image")
    }
    return "data:\(type);base64,\(data.base64EncodedString())"
  }
}
