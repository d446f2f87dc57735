/// A call the model made.
public struct ToolCall: Sendable, Equatable {
  /// The call's id, which its output must carry back.
  public var id: String
  /// The tool's name as the model used it.
  public var name: String
  /// The arguments as the model sent them (JSON text); a custom tool's free-text input.
  public var arguments: String
  /// A call of a custom (freeform) tool: `arguments` is its input, and its output goes
  /// back as a custom tool output.
  public var custom: Bool
  /// The namespace the called tool is in, when the model named one (Codex's MCP tools:
  /// `mcp__SERVER__`).
  public var namespace: String?

  /// A call as the model made it.
  public init(
    id: String, name: String, arguments: String, custom: Bool = false, namespace: String? = nil
  ) {
    self.id = id
    self.name = name
    self.arguments = arguments
    self.custom = custom
    self.namespace = namespace
  }
}
