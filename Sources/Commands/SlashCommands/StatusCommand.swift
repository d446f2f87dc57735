import Agent
import Foundation
import Sandbox

/// `/status`: the session at a glance.
struct StatusCommand: SlashCommandDefinition {
  let spec = SlashCommand(
    "status", "model, provider, profile, policies, tokens, context left, AGENTS.md files")

  func run(_ use: SlashCommandUse, in interpreter: Interpreter) async throws
    -> Interpreter.Outcome
  {
    var lines = Self.lines(interpreter.session)
    if let budget = interpreter.stepBudget {
      lines.append("budget per turn: \(budget.description)")
    }
    lines.forEach(interpreter.console.line)
    return .done
  }

  static func lines(_ session: Session) -> [String] {
    let configuration = session.configuration
    let usage = session.totalUsage
    var lines = [
      "model: \(configuration.model) via \(configuration.provider.id) (\(configuration.provider.wireAPI.rawValue))",
      "profile: \(configuration.profile ?? "(none)")",
      "approval policy: \(configuration.approvalPolicy.rawValue) · sandbox: \(configuration.sandboxMode.rawValue)"
        + (configuration.permissionProfile.map { " (permission profile \($0))" } ?? ""),
      "cwd: \(configuration.workingDirectory)",
      "session: \(session.id)",
      "tokens: \(usage.inputTokens) in, \(usage.outputTokens) out",
      "spent: " + BudgetCommand.spent(session.spending),
    ]
    let used = session.lastRequestInputTokens
    if let window = configuration.contextWindow, window > 0, let left = session.contextLeft {
      lines.append(
        "context: \(used) of \(window) tokens used" + String(format: " (%.0f%% left)", left * 100))
    } else {
      lines.append(
        "context: \(used) tokens in the last request (the window of \(configuration.model) is not known: set model_context_window)"
      )
    }
    if let notice = sandboxNotice(configuration) { lines.append(notice) }
    let docs = Instructions.projectDocs(
      codexHome: configuration.codexHome, workingDirectory: configuration.workingDirectory,
      maxBytes: configuration.projectDocMaxBytes,
      fallbackFilenames: configuration.projectDocFallbackFilenames)
    lines.append("instructions files: " + (docs.isEmpty ? "none" : "\(docs.count), in order"))
    for doc in docs { lines.append("  " + TerminalText.sanitize(doc.path)) }
    let servers = configuration.mcpServers
    lines.append(
      "MCP servers: "
        + (servers.isEmpty
          ? "none"
          : servers.map { $0.name + ($0.enabled ? "" : " (disabled)") }.joined(separator: ", ")))
    return lines
  }

  /// What the sandbox cannot enforce here, said once (`codex sandbox --explain` says
  /// it all).
  static func sandboxNotice(_ configuration: Configuration) -> String? {
    let policy = configuration.sandboxPolicy
    guard policy.mode != .dangerFullAccess else { return nil }
    if let problem = LinuxSandbox.Support.current.problem { return "sandbox: " + problem }
    let environment = ProcessInfo.processInfo.environment
    guard
      let rules = LinuxSandbox.rules(
        for: policy, workingDirectory: configuration.workingDirectory, environment: environment)
    else { return nil }
    let area = WritableArea(
      policy: policy, workingDirectory: configuration.workingDirectory, environment: environment)
    return rules.plan.grantsEntryByEntry(area) ? LinuxSandbox.entryByEntryNotice : nil
  }
}
