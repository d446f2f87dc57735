/// A tool of an MCP server, offered as `server__tool`: the call is passed through to
/// the server with the model's arguments unchanged.
public struct MCPTool: Tool {
  public struct Arguments: Decodable, Sendable {
    /// The model's JSON, as sent.
    public var json: String
    public init(from decoder: any Decoder) throws {
      throw ToolArgumentError(description: "MCP arguments are passed through as JSON text")
    }
    init(json: String) { self.json = json }
  }

  public let spec: ToolSpec
  let servers: MCPServers
  let route: (server: String, tool: String)

  init(spec: ToolSpec, servers: MCPServers, route: (server: String, tool: String)) {
    self.spec = spec
    self.servers = servers
    self.route = route
  }

  public func decode(_ text: String) throws -> Arguments {
    Arguments(json: text.isEmpty ? "{}" : text)
  }

  public func requirement(for arguments: Arguments, in context: ToolContext) async
    -> ToolRequirement
  {
    .run(sandboxed: false)
  }

  public func run(_ arguments: Arguments, sandboxed: Bool, in context: ToolContext) async throws
    -> ToolResult
  {
    context.emit(
      .mcpToolCallBegin(
        callID: context.callID, server: route.server, tool: route.tool, arguments: arguments.json))
    let start = ContinuousClock.now
    let result = try await servers.call(name, arguments: arguments.json)
    context.emit(
      .mcpToolCallEnd(
        callID: context.callID, server: route.server, tool: route.tool, result: result.text,
        isError: result.isError, duration: ContinuousClock.now - start))
    let text =
      result.isError && !result.text.hasPrefix("error") ? "error: " + result.text : result.text
    return ToolResult(output: text)
  }
}
