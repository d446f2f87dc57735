/// What a call gives back to the model.
public struct ToolResult: Sendable {
  /// The text the model reads.
  public var output: String
  /// Set when the sandbox refused something the call needed: the reason, shown when
  /// asking whether to run the call again without the sandbox.
  public var sandboxDenial: String?
  /// What PostToolUse hooks get as `tool_response`, when not `output` (a command's own
  /// output, without the tool's framing).
  public var hookResponse: String?

  /// A result; `sandboxDenial` only when the sandbox refused the call.
  public init(output: String, sandboxDenial: String? = nil, hookResponse: String? = nil) {
    self.output = output
    self.sandboxDenial = sandboxDenial
    self.hookResponse = hookResponse
  }
}
