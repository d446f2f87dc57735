/// A model request that failed; `retryable` ones are tried again with backoff.
public struct ModelError: Error, Sendable, Equatable, CustomStringConvertible {
  /// What went wrong, for the user (never with a key in it).
  public var message: String
  /// Whether trying again may help.
  public var retryable: Bool
  /// The server's `Retry-After`, when it sent one.
  public var retryAfter: Duration?
  /// The HTTP status, when the server answered.
  public var status: Int?
  /// The stream broke after part of the answer had arrived.
  public var streamBroke = false
  /// Characters of answer text the failed attempt had streamed.
  var shownCharacters = 0
  /// How many times the request was sent before it failed for good.
  public var attempts = 1

  /// An error; not retryable unless said.
  public init(
    _ message: String, retryable: Bool = false, retryAfter: Duration? = nil, status: Int? = nil
  ) {
    self.message = message
    self.retryable = retryable
    self.retryAfter = retryAfter
    self.status = status
  }

  /// The message.
  public var description: String { message }
}
