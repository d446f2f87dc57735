/// What a call gives back to the model.
public struct ToolResult: Sendable {
  /// The text the model reads.
  public var output: String
  /// Set when the sandbox refused something the call needed: the reason, shown when
  /// asking whether to run the call again without the sandbox.
  public var sandboxDenial: String?

  /// A result; `sandboxDenial` only when the sandbox refused the call.
  public init(output: String, sandboxDenial: String? = nil) {
    self.output = output
    self.sandboxDenial = sandboxDenial
  }
}
