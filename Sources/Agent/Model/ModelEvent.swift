/// What a model stream reports, in order.
public enum ModelEvent: Sendable, Equatable {
  case textDelta(String)
  /// A piece of the model's reasoning summary (or of a Chat server's reasoning text).
  case reasoningDelta(String)
  /// A piece of the model's raw reasoning, shown only with `show_raw_agent_reasoning`.
  case rawReasoningDelta(String)
  /// A finished output item: a message, a function call, a reasoning summary.
  case item(ConversationItem)
  case completed(TokenUsage?)
  /// The request failed and is tried again after `delay`.
  case retrying(attempt: Int, delay: Duration, reason: String)
}
