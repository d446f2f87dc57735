import Agent

/// Approval questions of `codex mcp-server` sessions, asked of the MCP client through
/// elicitation: a form with one choice. A client that cannot answer (no elicitation
/// support, an error) means "no", and the model is told the command was declined.
struct ElicitationApprovals: ApprovalHandler {
  let connection: JSONRPCConnection
  let supported: Bool

  static let choices = ["approve", "approve_for_session", "deny", "abort"]

  func answer(_ question: ApprovalQuestion) async -> ApprovalAnswer {
    guard supported else { return .deny }
    var message =
      "codex wants to run `\(question.command.joined(separator: " "))` in \(question.workingDirectory): \(question.reason)"
    if let diff = question.diff { message += "\n\n" + diff }
    let schema: JSONValue = [
      "type": "object",
      "properties": [
        "decision": [
          "type": "string", "title": "Decision",
          "enum": .array(Self.choices.map { .string($0) }),
        ]
      ],
      "required": ["decision"],
    ]
    guard
      let result = try? await connection.request(
        "elicitation/create", ["message": .string(message), "requestedSchema": schema])
    else { return .deny }
    switch result["action"]?.string {
    case "accept":
      switch result["content"]?["decision"]?.string ?? "approve" {
      case "approve": return .approve
      case "approve_for_session": return .approveForSession
      case "abort": return .abort
      default: return .deny
      }
    case "cancel": return .abort
    default: return .deny
    }
  }
}
