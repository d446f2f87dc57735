import Agent

/// Approvals for a script with no terminal to ask: every request that would ask is
/// refused (the model is told) and the refusal is shown in the script's output.
public struct ScriptApprovals: ApprovalHandler {
  let console: Console

  /// Answers that are reported on `console`.
  public init(console: Console) {
    self.console = console
  }

  /// Refuses (no one is there to ask) and says so on the console, so the log shows what was
  /// refused.
  public func answer(_ question: ApprovalQuestion) async -> ApprovalAnswer {
    console.line(
      "approval needed, refused (no terminal to ask): "
        + TerminalText.sanitize("\(question.command.joined(separator: " ")) — \(question.reason)")
    )
    return .deny
  }
}
