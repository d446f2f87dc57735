/// A protocol server on stdin and stdout (`codex mcp-server`, `codex app-server`): serves
/// until the client closes stdin; `stop` ends it early, its work in flight interrupted.
public protocol StdioServer: Sendable {
  /// Serves until the client closes stdin (or `stop`).
  func run() async throws
  /// Interrupts what runs and closes the connection, which ends `run`.
  func stop() async
}

extension CodexMCPServer: StdioServer {}
extension CodexAppServer: StdioServer {}
