import Sandbox

/// `list_mcp_resources`, `list_mcp_resource_templates`, `read_mcp_resource`: the
/// resources of MCP servers that offer them, as Codex CLI exposes them. They only read,
/// so they run without asking.
public struct MCPResourceTool: Tool {
  /// Which of the three.
  public enum Kind: String, CaseIterable, Sendable {
    case list = "list_mcp_resources"
    case templates = "list_mcp_resource_templates"
    case read = "read_mcp_resource"

    /// The tool offered to the model.
    var spec: ToolSpec {
      switch self {
      case .list:
        return ToolSpec(
          name: rawValue,
          description:
            "List the resources MCP servers offer (files, documents, records), of one server or all.",
          parameters: Self.listParameters)
      case .templates:
        return ToolSpec(
          name: rawValue,
          description: "List the resource templates (parameterised URIs) MCP servers offer.",
          parameters: Self.listParameters)
      case .read:
        return ToolSpec(
          name: rawValue, description: "Read one resource of an MCP server by its URI.",
          parameters:
            #"{"type":"object","properties":{"server":{"type":"string","description":"The MCP server's name."},"uri":{"type":"string","description":"The resource's URI, as listed."}},"required":["server","uri"],"additionalProperties":false}"#
        )
      }
    }

    static let listParameters =
      #"{"type":"object","properties":{"server":{"type":"string","description":"One server's name; all servers when left out."},"cursor":{"type":"string","description":"The nextCursor of an earlier page (with server)."}},"additionalProperties":false}"#
  }

  /// The arguments of the three tools.
  public struct Arguments: Decodable, Sendable {
    /// One server, or all (lists only).
    public var server: String?
    /// A page of one server's list.
    public var cursor: String?
    /// The resource to read.
    public var uri: String?
  }

  let kind: Kind
  let servers: MCPServers

  /// The tool as offered.
  public var spec: ToolSpec { kind.spec }

  /// Reading resources changes nothing: it runs without asking.
  public func requirement(for arguments: Arguments, in context: ToolContext) async
    -> ToolRequirement
  {
    .run(sandboxed: false)
  }

  /// Asks the server(s); the answer is the servers' JSON, each entry marked with its
  /// server.
  public func run(_ arguments: Arguments, attempt: SandboxAttempt, in context: ToolContext)
    async throws
    -> ToolResult
  {
    switch kind {
    case .read:
      guard let server = arguments.server, let uri = arguments.uri else {
        return ToolResult(output: "error: give the server and the uri")
      }
      switch try await servers.resources(
        "resources/read", server: server, params: ["uri": .string(uri)])
      {
      case .success(let result): return ToolResult(output: result.text)
      case .failure(let error): return ToolResult(output: "error: \(error)")
      }
    case .list, .templates:
      let method = kind == .list ? "resources/list" : "resources/templates/list"
      let key = kind == .list ? "resources" : "resourceTemplates"
      let names = arguments.server.map { [$0] } ?? servers.serversWithResources
      var entries: [JSONValue] = []
      var next: String?
      for name in names {
        var params = JSONObject()
        if let cursor = arguments.cursor, arguments.server != nil {
          params["cursor"] = .string(cursor)
        }
        switch try await servers.resources(method, server: name, params: params) {
        case .success(let result):
          for entry in result[key]?.array ?? [] {
            guard var object = entry.object else { continue }
            object["server"] = .string(name)
            entries.append(.object(object))
          }
          if arguments.server != nil { next = result["nextCursor"]?.string }
        case .failure(let error):
          if arguments.server != nil { return ToolResult(output: "error: \(error)") }
        }
      }
      var answer: JSONObject = [key: .array(entries)]
      if let next { answer["nextCursor"] = .string(next) }
      return ToolResult(output: JSONValue.object(answer).text)
    }
  }
}
