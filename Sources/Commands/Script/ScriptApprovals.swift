import Agent

/// Approvals for a script with no terminal to ask: every request that would ask is
/// refused (the model is told) and the refusal is shown in the script's output.
public struct ScriptApprovals: ApprovalHandler {
  let console: Console

  public init(console: Console) {
    self.console = console
  }

  public func answer(_ question: ApprovalQuestion) async -> ApprovalAnswer {
    console.line(
      "approval needed, refused (no terminal to ask): \(question.command.joined(separator: " ")) — \(question.reason)"
    )
    return .deny
  }
}
