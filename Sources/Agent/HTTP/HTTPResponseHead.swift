/// The status line and headers of a response; its body follows as a byte stream.
public struct HTTPResponseHead: Sendable, Equatable {
  /// The HTTP status code.
  public var status: Int
  /// Header names in lower case.
  public var headers: [String: String]
}
