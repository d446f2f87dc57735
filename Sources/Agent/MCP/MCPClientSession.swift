import Foundation

/// The client side of MCP that codex needs: the handshake, listing tools and calling
/// them.
struct MCPClientSession: Sendable {
  /// The protocol revision we ask for; servers may answer an older one they speak.
  static let protocolVersion = "2025-06-18"

  let connection: JSONRPCConnection

  /// `initialize`, then `notifications/initialized`. Returns the server's name and
  /// whether it offers resources.
  func initialize() async throws -> (name: String, resources: Bool) {
    let result = try await connection.request(
      "initialize",
      [
        "protocolVersion": .string(Self.protocolVersion),
        "capabilities": [:],
        "clientInfo": ["name": "codex", "version": .string(CodexVersion.current)],
      ])
    guard result["protocolVersion"]?.string != nil else {
      throw MCPServerError("its answer to initialize has no protocolVersion")
    }
    try await connection.notify("notifications/initialized")
    return (
      result["serverInfo"]?["name"]?.string ?? "?", result["capabilities"]?["resources"] != nil
    )
  }

  /// Any other request (`resources/list`, `resources/read`, ...): its result as sent.
  func request(_ method: String, _ params: JSONObject) async throws -> JSONValue {
    try await connection.request(method, .object(params))
  }

  /// Every tool, following `nextCursor` pages.
  func listTools() async throws -> [MCPToolInfo] {
    var tools: [MCPToolInfo] = []
    var cursor: String?
    repeat {
      let result = try await connection.request(
        "tools/list", cursor.map { ["cursor": .string($0)] } ?? [:])
      for tool in result["tools"]?.array ?? [] {
        guard let name = tool["name"]?.string else { continue }
        tools.append(
          MCPToolInfo(
            name: name,
            description: tool["description"]?.string ?? tool["title"]?.string ?? "",
            inputSchema: (tool["inputSchema"] ?? ["type": "object"]).text))
      }
      cursor = result["nextCursor"]?.string
    } while cursor != nil && tools.count < 10_000
    return tools
  }

  func callTool(_ name: String, arguments: JSONValue?) async throws -> MCPToolResult {
    var params: JSONObject = ["name": .string(name)]
    if let arguments { params["arguments"] = arguments }
    let result = try await connection.request("tools/call", .object(params))
    let content = result["content"]?.array ?? []
    return MCPToolResult(
      text: Self.text(of: content, structured: result["structuredContent"]),
      isError: result["isError"]?.bool ?? false, content: content,
      structuredContent: result["structuredContent"], answered: true)
  }

  /// Text parts as they are; anything else (images, resources) as its JSON.
  static func text(of content: [JSONValue], structured: JSONValue?) -> String {
    let parts = content.map { part -> String in
      if part["type"]?.string == "text", let text = part["text"]?.string { return text }
      return part.text
    }
    if parts.isEmpty, let structured { return structured.text }
    return parts.joined(separator: "\n")
  }
}
