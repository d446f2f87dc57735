import Foundation

/// Carries MCP's JSON-RPC messages: stdio pipes or streamable HTTP.
public protocol MCPTransport: Actor {
  func connect() async throws
  /// Ends the connection; the message stream finishes.
  func disconnect() async
  func send(_ data: Data) async throws
  /// Every message received, one element per JSON-RPC message (or batch).
  nonisolated func receive() -> AsyncThrowingStream<Data, Error>
}
