/// How a front-end answers approval questions: a prompt, a script policy, MCP elicitation.
public protocol ApprovalHandler: Sendable {
  func answer(_ question: ApprovalQuestion) async -> ApprovalAnswer
}
