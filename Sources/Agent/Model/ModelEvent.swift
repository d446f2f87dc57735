/// What a model stream reports, in order.
public enum ModelEvent: Sendable, Equatable {
  case textDelta(String)
  /// A piece of the model's reasoning summary (or of a Chat server's reasoning text).
  case reasoningDelta(String)
  /// A piece of the model's raw reasoning, shown only with `show_raw_agent_reasoning`.
  case rawReasoningDelta(String)
  /// A finished output item: a message, a function call, a reasoning summary.
  case item(ConversationItem)
  /// A piece of a tool call's input as the model writes it (a freeform patch, a
  /// function's arguments); the finished call comes as an item.
  case toolInputDelta(String)
  case completed(TokenUsage?)
  /// The request failed and is tried again; text streamed by the failed attempt is
  /// void and comes again.
  case retrying(RetryNotice)
  /// Something the user should know once about how the provider is used (a fallback
  /// from streaming to whole responses).
  case notice(String)
  /// The provider searched the web (its own tool); the results are in its answer.
  case webSearch(WebSearchCall)
  /// An output item of a type codex does not handle (its `type`): said once, ignored.
  case unknownItem(String)
}
