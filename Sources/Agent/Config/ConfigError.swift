/// A configuration problem the user must fix; the message says what, where and how.
public struct ConfigError: Error, Sendable, CustomStringConvertible {
  public var message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}
