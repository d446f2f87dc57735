/// A call the model made.
public struct ToolCall: Sendable, Equatable {
  /// The call's id, which its output must carry back.
  public var id: String
  /// The tool's name as the model used it.
  public var name: String
  /// The arguments as the model sent them (JSON text).
  public var arguments: String

  /// A call as the model made it.
  public init(id: String, name: String, arguments: String) {
    self.id = id
    self.name = name
    self.arguments = arguments
  }
}
