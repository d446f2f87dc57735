import Agent

/// `/mcp`: the configured MCP servers, how each is reached, its state and its tools.
struct MCPStatusCommand: SlashCommandDefinition {
  let spec = SlashCommand("mcp", "MCP servers, their state and tools")

  func run(_ use: SlashCommandUse, in interpreter: Interpreter) async throws
    -> Interpreter.Outcome
  {
    // Tool names and failure reasons come from the servers: untrusted.
    await Self.lines(interpreter.session).map(TerminalText.sanitize).forEach(
      interpreter.console.line)
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
