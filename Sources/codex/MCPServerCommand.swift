import Agent
import ArgumentParser
import Commands
import Foundation
import Repl

/// `codex mcp-server`: the agent as an MCP server over stdio.
struct MCPServerCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "mcp-server",
    abstract: "Serve codex as an MCP server on stdin/stdout (tools: codex, codex-reply).",
    discussion: """
      The settings given here are the defaults of every session; a `codex` tool call's \
      arguments (model, profile, cwd, approval-policy, sandbox, config, \
      base-instructions) override them. Progress goes out as `codex/event` \
      notifications; approvals are asked through MCP elicitation when the client \
      supports it, and refused otherwise.
      """)

  @OptionGroup var options: ConfigOptions

  @OptionGroup var traffic: TrafficOptions

  func run() async throws {
    // Fail early on a broken config.toml rather than on the first call.
    _ = try Failure.loadConfiguration(options)
    let server = CodexMCPServer(
      base: options.overrides, environment: ProcessInfo.processInfo.environment,
      traffic: try traffic.modelTraffic())
    let status = try await StdioServerFrontEnd(name: "codex mcp-server", server: server).run()
    if status != 0 { throw ExitCode(status) }
  }
}
