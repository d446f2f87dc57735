import Agent
import ArgumentParser
import Commands
import Foundation
import Repl

/// `codex app-server`: Codex's app-server protocol over stdio, for the official SDKs.
struct AppServerCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "app-server",
    abstract:
      "Serve Codex's app-server protocol (v2, JSON-RPC) on stdin/stdout, for the Codex SDKs.",
    discussion: """
      Threads are saved sessions (codex resume reads them); turns run under the sandbox \
      and approval policy of the thread, approvals are asked of the client.
      """)

  @OptionGroup var options: ConfigOptions

  @OptionGroup var traffic: TrafficOptions

  @Option(help: "Where to listen: stdio:// (the only transport here).")
  var listen: String = "stdio://"

  func validate() throws {
    guard listen == "stdio://" || listen == "stdio" else {
      throw ValidationError("--listen \(listen): only stdio:// is served here")
    }
  }

  func run() async throws {
    _ = try Failure.loadConfiguration(options)
    let server = CodexAppServer(
      base: options.overrides, environment: ProcessInfo.processInfo.environment,
      traffic: try traffic.modelTraffic())
    let status = try await StdioServerFrontEnd(name: "codex app-server", server: server).run()
    if status != 0 { throw ExitCode(status) }
  }
}
