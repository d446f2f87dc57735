import Agent
import Commands
import Foundation

/// `codex app-server`: serves until the client closes stdin, or until SIGINT, SIGTERM or
/// SIGHUP, which end it with 128 + the signal (a line on stderr; stdout carries only the
/// protocol).
public struct AppServerFrontEnd {
  /// The defaults of every thread the server starts.
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
    let server = CodexAppServer(
      base: overrides, environment: ProcessInfo.processInfo.environment, traffic: traffic)
    let signals = TerminationSignals { _ in Task { await server.stop() } }
    try await server.run()
    guard let number = signals.received else { return 0 }
    FileHandle.standardError.write(
      Data("codex app-server: stopped by \(TerminationSignals.name(number))\n".utf8))
    return TerminationSignals.exitStatus(number)
  }
}
