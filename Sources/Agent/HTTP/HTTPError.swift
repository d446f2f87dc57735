import Foundation

/// A transfer that failed before or while its body arrived.
public struct HTTPError: Error, Sendable, Equatable, CustomStringConvertible {
  /// Which way it failed, which decides whether to retry.
  public enum Kind: Sendable, Equatable {
    /// The connection could not be made or broke (retryable).
    case transport
    /// Nothing arrived for the idle timeout (retryable).
    case idle
    /// The request itself is wrong (bad URL...).
    case invalid
  }
  /// Which way it failed.
  public var kind: Kind
  /// What happened, for the user.
  public var message: String
  /// The message.
  public var description: String { message }
}
