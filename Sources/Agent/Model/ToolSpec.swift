/// A tool the model may call: its name, what it does, and a JSON Schema of its arguments.
public struct ToolSpec: Sendable, Equatable {
  /// The name the model calls it by.
  public var name: String
  /// What it does, for the model.
  public var description: String
  /// JSON Schema (an object) as JSON text.
  public var parameters: String

  /// A tool whose arguments `parameters` (a JSON Schema, as text) describes.
  public init(name: String, description: String, parameters: String) {
    self.name = name
    self.description = description
    self.parameters = parameters
  }

  /// The schema as a value to embed in a request (an empty object if it is not JSON).
  public var parametersValue: JSONValue { JSONValue.parse(parameters) ?? [:] }
}
