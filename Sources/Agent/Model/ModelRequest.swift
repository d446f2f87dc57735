/// Everything one model request carries.
public struct ModelRequest: Sendable {
  /// The model to ask.
  public var model: String
  /// The instructions (built-in prompt and AGENTS.md files).
  public var instructions: String
  /// The conversation so far.
  public var items: [ConversationItem]
  /// The tools the model may call.
  public var tools: [ToolSpec]
  /// Sent for reasoning models only.
  public var reasoningEffort: ReasoningEffort?
  /// Sent for reasoning models only.
  public var reasoningSummary: ReasoningSummary?
  /// Whether the provider may store the response.
  public var store: Bool
  /// Sent as the prompt cache key and session header.
  public var sessionID: String
  /// Answer length (Responses `text.verbosity`), when set.
  public var verbosity: Verbosity?
  /// The most tokens one answer may have, when set.
  public var maxOutputTokens: Int?
  /// Send the reasoning settings whatever the model's name
  /// (`model_supports_reasoning_summaries`).
  public var forceReasoning = false
  /// The provider's web search tool (Responses only), when not disabled.
  public var webSearch: WebSearchMode = .disabled
  /// The JSON Schema the answer must follow (structured output), when set.
  public var outputSchema: JSONValue?
  /// The session's encoded items, so that each is encoded once however many requests
  /// carry it (nil: encode all).
  public var itemCache: EncodedItemCache?

  /// A request with everything it carries.
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
