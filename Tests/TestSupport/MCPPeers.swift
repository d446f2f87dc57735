import Foundation

/// The MCP peers `scripts/peers mcp-install` puts in a venv: the official Python SDK
/// (client and server), mcp-server-time and mcp-server-git.
public enum MCPPeers {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  public static let venv = root.appendingPathComponent(".build-peers/mcp").path
  public static var python: String { venv + "/bin/python" }
  public static var timeServer: String { venv + "/bin/mcp-server-time" }
  public static var gitServer: String { venv + "/bin/mcp-server-git" }
  /// A test server with the tools echo, wait and die (`Tests/CLITests/Fixtures`).
  public static var fixtureServer: String {
    root.appendingPathComponent("Tests/CLITests/Fixtures/mcp_fixture_server.py").path
  }
  /// The Python MCP client that drives `codex mcp-server`.
  public static var clientProbe: String {
    root.appendingPathComponent("scripts/mcp-client-probe").path
  }

  public struct Missing: Error, CustomStringConvertible {
    public var description: String {
      "the MCP peers are not installed in \(MCPPeers.venv); run scripts/peers mcp-install"
    }
  }

  /// Fails clearly when the venv is missing (scripts/test installs it).
  public static func require() throws {
    guard FileManager.default.isExecutableFile(atPath: timeServer) else { throw Missing() }
  }
}
