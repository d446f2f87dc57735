import Sandbox

/// A tool of an MCP server, offered as `server__tool`: the call is passed through to
/// the server with the model's arguments unchanged.
public struct MCPTool: Tool {
  /// The arguments as given; the server checks them against its own schema.
  public struct Arguments: Decodable, Sendable {
    /// The model's JSON, as sent.
    public var json: String
    /// Any JSON object.
    public init(from decoder: any Decoder) throws {
      throw ToolArgumentError(description: "MCP arguments are passed through as JSON text")
    }
    init(json: String) { self.json = json }
  }

  /// The tool under its qualified name, with the server's description and schema.
  public let spec: ToolSpec
  let servers: MCPServers
  let route: (server: String, tool: String)

  init(spec: ToolSpec, servers: MCPServers, route: (server: String, tool: String)) {
    self.spec = spec
    self.servers = servers
    self.route = route
  }

  /// The model's JSON text as an object; an empty text is an empty object.
  public func decode(_ text: String) throws -> Arguments {
    Arguments(json: text.isEmpty ? "{}" : text)
  }

  /// Hooks see the call as `mcp__SERVER__TOOL` with its arguments.
  public func hookView(_ arguments: Arguments) -> HookToolView? {
    HookToolView(
      name: "mcp__\(route.server)__\(route.tool)",
      input: JSONValue.parse(arguments.json) ?? .string(arguments.json))
  }

  /// Runs without asking, as Codex does for MCP tools.
  public func requirement(for arguments: Arguments, in context: ToolContext) async
    -> ToolRequirement
  {
    .run(sandboxed: false)
  }

  /// Calls the tool on its server within the server's tool timeout, reporting the call as
  /// events.
  public func run(_ arguments: Arguments, attempt: SandboxAttempt, in context: ToolContext)
    async throws
    -> ToolResult
  {
    context.emit(
      .mcpToolCallBegin(
        callID: context.callID, server: route.server, tool: route.tool, arguments: arguments.json))
    let start = ContinuousClock.now
    let result = try await servers.call(name, arguments: arguments.json)
    context.emit(
      .mcpToolCallEnd(
        callID: context.callID, server: route.server, tool: route.tool, result: result,
        duration: ContinuousClock.now - start))
    let text =
      result.isError && !result.text.hasPrefix("error") ? "error: " + result.text : result.text
    return ToolResult(output: text)
  }
}
