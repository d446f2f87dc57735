/// A model request that failed; `retryable` ones are tried again with backoff.
public struct ModelError: Error, Sendable, Equatable, CustomStringConvertible {
  public var message: String
  public var retryable: Bool
  /// The server's `Retry-After`, when it sent one.
  public var retryAfter: Duration?
  public var status: Int?
  /// The stream broke after part of the answer had arrived.
  public var streamBroke = false

  public init(
    _ message: String, retryable: Bool = false, retryAfter: Duration? = nil, status: Int? = nil
  ) {
    self.message = message
    self.retryable = retryable
    self.retryAfter = retryAfter
    self.status = status
  }

  public var description: String { message }
}
