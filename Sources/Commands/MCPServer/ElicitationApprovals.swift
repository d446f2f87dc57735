import Agent
import MCP

/// Approval questions of `codex mcp-server` sessions, asked of the MCP client through
/// elicitation: a form with one choice. A client that cannot answer (no elicitation
/// support, an error) means "no", and the model is told the command was declined.
struct ElicitationApprovals: ApprovalHandler {
  let server: Server
  let supported: Bool

  static let choices = ["approve", "approve_for_session", "deny", "abort"]

  func answer(_ question: ApprovalQuestion) async -> ApprovalAnswer {
    guard supported else { return .deny }
    var message =
      "codex wants to run `\(question.command.joined(separator: " "))` in \(question.workingDirectory): \(question.reason)"
    if let diff = question.diff { message += "\n\n" + diff }
    let schema = Elicitation.RequestSchema(
      title: "Approve this command?",
      properties: [
        "decision": .object([
          "type": "string", "title": "Decision",
          "enum": .array(Self.choices.map { .string($0) }),
        ])
      ],
      required: ["decision"])
    do {
      let result = try await server.requestElicitation(message: message, requestedSchema: schema)
      switch result.action {
      case .accept:
        switch result.content?["decision"]?.stringValue ?? "approve" {
        case "approve": return .approve
        case "approve_for_session": return .approveForSession
        case "abort": return .abort
        default: return .deny
        }
      case .decline: return .deny
      case .cancel: return .abort
      }
    } catch {
      return .deny
    }
  }
}
