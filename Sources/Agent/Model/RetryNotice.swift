import Foundation
import Sandbox

/// A model request that failed and is tried again, as the user is told about it.
public struct RetryNotice: Sendable, Equatable {
  /// What failed.
  public enum Cause: Sendable, Equatable {
    /// The request got no usable answer (refused connection, 429, 5xx).
    case request
    /// The stream broke after it had started.
    case stream
  }

  /// What failed.
  public var cause: Cause
  /// Which retry of this cause this is, from 1.
  public var attempt: Int
  /// How many retries of this cause the provider allows.
  public var limit: Int
  /// How long codex waits before trying again.
  public var delay: Duration
  /// Why, in plain words, with the provider named.
  public var reason: String
  /// Characters of answer text the broken attempt had already streamed; they are
  /// discarded and come again with the retry.
  public var discardedCharacters: Int

  /// A notice.
  public init(
    cause: Cause, attempt: Int, limit: Int, delay: Duration, reason: String,
    discardedCharacters: Int = 0
  ) {
    self.cause = cause
    self.attempt = attempt
    self.limit = limit
    self.delay = delay
    self.reason = reason
    self.discardedCharacters = discardedCharacters
  }

  /// One line for people: `connection lost after 312 characters; retrying (2/5) in 1.0s: …`.
  public var summary: String {
    let seconds = delay.inSeconds
    let when = seconds < 0.05 ? "" : " in " + String(format: "%.1fs", seconds)
    let lead =
      discardedCharacters > 0
      ? "connection lost after \(discardedCharacters) characters; retrying" : "retrying"
    return "\(lead) (\(attempt)/\(limit))\(when): \(reason)"
  }
}
