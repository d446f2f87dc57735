import Agent
import Foundation
import Sandbox

/// `/diff`: the working tree against the last commit (untracked files included);
/// outside git, what this session's patches changed.
struct DiffCommand: SlashCommandDefinition {
  let spec = SlashCommand("diff", "the changes in the working tree (git), or those of this session")

  func run(_ use: SlashCommandUse, in interpreter: Interpreter) async throws
    -> Interpreter.Outcome
  {
    let console = interpreter.console
    let session = interpreter.session
    let directory = session.configuration.workingDirectory
    if let text = try await GitSnapshot.workingTreeDiff(
      in: directory, environment: interpreter.environment)
    {
      if text.isEmpty { console.line("no changes in the working tree") } else { console.diff(text) }
      return .done
    }
    let text = try await session.sessionDiff.unifiedDiff()
    if text.isEmpty {
      console.line("not a git repository, and this session changed no files")
    } else {
      console.diff(text)
    }
    return .done
  }
}

/// `/config`: every effective setting with where it came from.
struct ConfigReportCommand: SlashCommandDefinition {
  let spec = SlashCommand("config", "effective settings with their origins")

  func run(_ use: SlashCommandUse, in interpreter: Interpreter) async throws
    -> Interpreter.Outcome
  {
    ConfigReport(interpreter.session.configuration).lines().forEach(interpreter.console.line)
    return .done
  }
}

/// `/status`: the session at a glance.
struct StatusCommand: SlashCommandDefinition {
  let spec = SlashCommand(
    "status", "model, provider, profile, policies, tokens, context left, AGENTS.md files")

  func run(_ use: SlashCommandUse, in interpreter: Interpreter) async throws
    -> Interpreter.Outcome
  {
    Self.lines(interpreter.session).forEach(interpreter.console.line)
    return .done
  }

  static func lines(_ session: Session) -> [String] {
    let configuration = session.configuration
    let usage = session.totalUsage
    var lines = [
      "model: \(configuration.model) via \(configuration.provider.id) (\(configuration.provider.wireAPI.rawValue))",
      "profile: \(configuration.profile ?? "(none)")",
      "approval policy: \(configuration.approvalPolicy.rawValue) · sandbox: \(configuration.sandboxMode.rawValue)",
      "cwd: \(configuration.workingDirectory)",
      "session: \(session.id)",
      "tokens: \(usage.inputTokens) in, \(usage.outputTokens) out",
    ]
    if let left = session.contextLeft {
      lines.append(String(format: "context left: %.0f%%", left * 100))
    }
    if let notice = sandboxNotice(configuration) { lines.append(notice) }
    let docs = Instructions.projectDocs(
      codexHome: configuration.codexHome, workingDirectory: configuration.workingDirectory,
      maxBytes: configuration.projectDocMaxBytes)
    lines.append(
      "AGENTS.md: " + (docs.isEmpty ? "none" : docs.map(\.path).joined(separator: ", ")))
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

/// `/mcp`: the configured MCP servers, how each is reached, its state and its tools.
struct MCPStatusCommand: SlashCommandDefinition {
  let spec = SlashCommand("mcp", "MCP servers, their state and tools")

  func run(_ use: SlashCommandUse, in interpreter: Interpreter) async throws
    -> Interpreter.Outcome
  {
    await Self.lines(interpreter.session).forEach(interpreter.console.line)
    return .done
  }

  static func lines(_ session: Session) async -> [String] {
    let servers = session.configuration.mcpServers
    guard !servers.isEmpty else {
      return ["no MCP servers configured; add one with `codex mcp add` or [mcp_servers.NAME]"]
    }
    guard let running = session.mcp else {
      return servers.map { "\($0.name): disabled" }
    }
    await running.ready()
    var lines: [String] = []
    for status in await running.statuses() {
      switch status.state {
      case .ready:
        lines.append("\(status.name): ready · \(status.transport)")
        lines.append(
          "  tools: " + (status.tools.isEmpty ? "none" : status.tools.joined(separator: ", ")))
      case .failed(let reason):
        lines.append("\(status.name): failed · \(status.transport)")
        lines.append("  " + reason)
      case .disabled: lines.append("\(status.name): disabled · \(status.transport)")
      case .starting: lines.append("\(status.name): starting · \(status.transport)")
      }
    }
    return lines
  }
}

/// `/help [COMMAND]`: every command (and custom prompt), or one.
struct HelpCommand: SlashCommandDefinition {
  let spec = SlashCommand(
    "help", "the commands, or one command",
    arguments: [.configured(name: "COMMAND", kind: .commands)])

  func run(_ use: SlashCommandUse, in interpreter: Interpreter) async throws
    -> Interpreter.Outcome
  {
    let name = use.arguments.first
    let registry = interpreter.registry
    let prompts = interpreter.prompts
    var lines: [String]
    if let name, registry.command(named: name) == nil,
      let prompt = prompts.first(where: { $0.name == name })
    {
      lines = ["/\(prompt.name) [ARGS...]", "  " + prompt.description, "  from " + prompt.path]
    } else {
      lines = registry.help(name)
      if name == nil && !prompts.isEmpty {
        lines.append("custom prompts:")
        lines += prompts.map { "/\($0.name) [ARGS...]  \($0.description)" }
      }
      if name == nil { lines.append("!COMMAND  run a shell command under the sandbox") }
    }
    lines.forEach(interpreter.console.line)
    return .done
  }
}
