import Agent
import Commands
import Foundation

/// `codex mcp-server`: serves until the client closes stdin, or until SIGINT, SIGTERM
/// or SIGHUP, which end it with 128 + the signal (a line on stderr says so; stdout
/// carries only the protocol).
public struct MCPServerFrontEnd {
  /// The defaults of every session the server starts.
  public var overrides: CommandLineOverrides
  /// Where model requests go.
  public var traffic: ModelTraffic

  /// A server with these defaults.
  public init(overrides: CommandLineOverrides, traffic: ModelTraffic) {
    self.overrides = overrides
    self.traffic = traffic
  }

  /// Serves; returns the exit status.
  public func run() async throws -> Int32 {
    let server = CodexMCPServer(
      base: overrides, environment: ProcessInfo.processInfo.environment, traffic: traffic)
    let signals = TerminationSignals { _ in Task { await server.stop() } }
    try await server.run()
    guard let number = signals.received else { return 0 }
    FileHandle.standardError.write(
      Data("codex mcp-server: stopped by \(TerminationSignals.name(number))\n".utf8))
    return TerminationSignals.exitStatus(number)
  }
}
