import Foundation

/// An HTTP request for `HTTPClient`.
public struct HTTPRequest: Sendable {
  /// `GET`, `POST`, ...
  public var method: String
  /// The full URL.
  public var url: String
  /// Headers in the order sent.
  public var headers: [(name: String, value: String)]
  /// The body, if any.
  public var body: [UInt8]?
  /// How long connecting may take.
  public var connectTimeout: Duration
  /// The transfer fails when no byte arrives for this long.
  public var idleTimeout: Duration

  /// A request (GET unless `method` says otherwise) with Codex's connect and idle timeouts.
  public init(
    method: String = "GET", url: String, headers: [(name: String, value: String)] = [],
    body: [UInt8]? = nil,
    connectTimeout: Duration = .seconds(30), idleTimeout: Duration = .seconds(300)
  ) {
    self.method = method
    self.url = url
    self.headers = headers
    self.body = body
    self.connectTimeout = connectTimeout
    self.idleTimeout = idleTimeout
  }
}
