/// Arguments that do not fit a tool's schema; the model gets the message.
public struct ToolArgumentError: Error, CustomStringConvertible {
  /// What is wrong with the arguments, for the model.
  public var description: String
}
