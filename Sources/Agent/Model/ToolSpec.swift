/// A tool the model may call: its name, what it does, and a JSON Schema of its arguments.
public struct ToolSpec: Sendable, Equatable {
  /// The name the model calls it by.
  public var name: String
  /// What it does, for the model.
  public var description: String
  /// JSON Schema (an object) as JSON text.
  public var parameters: String
  /// A Lark grammar of the free text the tool takes, when the Responses wire should offer
  /// it as a custom (freeform) tool; the Chat wire, which has none, gets the function form
  /// that `parameters` describes.
  public var grammar: String?

  /// A tool whose arguments `parameters` (a JSON Schema, as text) describes; with
  /// `grammar`, a freeform tool on the Responses wire.
  public init(name: String, description: String, parameters: String, grammar: String? = nil) {
    self.name = name
    self.description = description
    self.parameters = parameters
    self.grammar = grammar
  }

  /// The schema as a value to embed in a request (an empty object if it is not JSON).
  public var parametersValue: JSONValue { JSONValue.parse(parameters) ?? [:] }
}
