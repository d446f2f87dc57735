import Commands
import Foundation

/// Runs a protocol server on stdio until the client closes stdin, or until SIGINT,
/// SIGTERM or SIGHUP, which end it with 128 + the signal (a line on stderr says so;
/// stdout carries only the protocol).
public struct StdioServerFrontEnd {
  /// The command's name for the stderr line (`codex mcp-server`).
  public var name: String
  /// The server.
  public var server: any StdioServer

  /// A front-end for `server`, called `name`.
  public init(name: String, server: any StdioServer) {
    self.name = name
    self.server = server
  }

  /// Serves; returns the exit status.
  public func run() async throws -> Int32 {
    let server = server
    let signals = TerminationSignals { _ in Task { await server.stop() } }
    try await server.run()
    guard let number = signals.received else { return 0 }
    FileHandle.standardError.write(
      Data("\(name): stopped by \(TerminationSignals.name(number))\n".utf8))
    return TerminationSignals.exitStatus(number)
  }
}
