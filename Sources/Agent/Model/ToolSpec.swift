/// A tool the model may call: its name, what it does, and a JSON Schema of its arguments.
public struct ToolSpec: Sendable, Equatable {
  public var name: String
  public var description: String
  /// JSON Schema (an object) as JSON text.
  public var parameters: String

  public init(name: String, description: String, parameters: String) {
    self.name = name
    self.description = description
    self.parameters = parameters
  }
}
