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
