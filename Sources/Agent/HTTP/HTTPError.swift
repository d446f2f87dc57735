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
  /// What happened, in plain words, without the URL (`connection refused`).
  public var reason: String
  /// The URL of the request.
  public var url: String

  /// A failure of the transfer to `url`.
  public init(kind: Kind, reason: String, url: String) {
    self.kind = kind
    self.reason = reason
    self.url = url
  }

  /// What happened, for the user: the URL and the reason.
  public var message: String { url.isEmpty ? reason : "\(url): \(reason)" }
  /// The message.
  public var description: String { message }

  /// libcurl's result codes in plain words; nil for codes without a clearer wording than
  /// libcurl's own.
  static func plainWords(curlCode code: Int) -> String? {
    switch code {
    case 1: return "the URL's scheme is not supported (use http:// or https://)"
    case 3: return "the URL is malformed"
    case 5: return "DNS: the proxy's name does not resolve"
    case 6: return "DNS: the host name does not resolve"
    case 7: return "connection refused"
    case 16, 92: return "the HTTP/2 stream failed"
    case 18: return "the connection closed in the middle of the response"
    case 28: return "timed out"
    case 35: return "TLS: the secure connection could not be set up"
    case 51, 60: return "TLS: the server's certificate is not trusted"
    case 52: return "the server closed the connection without answering"
    case 55: return "connection reset while sending the request"
    case 56: return "connection reset while receiving the response"
    case 58, 59, 77, 83: return "TLS: the local certificate settings are unusable"
    default: return nil
    }
  }
}
