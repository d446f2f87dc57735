/// A configuration problem the user must fix; the message says what, where and how.
public struct ConfigError: Error, Sendable, CustomStringConvertible {
  /// What is wrong, with `file:line:col` where there is one, and how to fix it.
  public var message: String
  /// An error with this message.
  public init(_ message: String) { self.message = message }
  /// The message.
  public var description: String { message }
}
