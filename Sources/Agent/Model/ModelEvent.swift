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
