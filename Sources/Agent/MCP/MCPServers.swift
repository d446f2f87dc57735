import Foundation

/// The MCP servers of a session: started together, their tools offered to the
/// model under `server__tool` names, and calls routed to them.
///
/// Nothing here is created for a session without configured servers, so such a
/// session never starts the MCP machinery.
// @unchecked Sendable: the connections and their states are read and changed under `lock`.
public final class MCPServers: @unchecked Sendable {
  /// What `/mcp` shows for one server.
  public struct Status: Sendable {
    /// The server's name in config.toml.
    public var name: String
    /// How it is reached: the command, or the URL.
    public var transport: String
    /// Starting, ready, failed (with why) or disabled.
    public var state: MCPServerState
    /// Its tools, once ready.
    public var tools: [String]
  }

  private let connections: [MCPServerConnection]
  private let environment: [String: String]
  private let lock = NSLock()
  private var starting: Task<Void, Never>?
  private var entries: [String: MCPToolNames.Entry] = [:]
  private var specs: [ToolSpec] = []
  private var resourceServers: [String] = []
  private var reported: Set<String> = []

  /// The servers of a configuration; nothing starts until `start`.
  public init(servers: [Configuration.MCPServer], environment: [String: String]) {
    connections = servers.map(MCPServerConnection.init)
    self.environment = environment
  }

  /// Starts every enabled server at once, in the background.
  public func start() {
    lock.withLock {
      guard starting == nil else { return }
      // A server that goes away must show as an error on write, not end codex.
      signal(SIGPIPE, SIG_IGN)
      RunningServers.prepare()
      let connections = connections
      let environment = environment
      let launched = connections.map {
        MCPServerConnection.launch($0.server, environment: environment)
      }
      starting = Task {
        await withTaskGroup(of: Void.self) { group in
          for (connection, process) in zip(connections, launched) {
            group.addTask { await connection.start(launched: process, environment: environment) }
          }
        }
        await self.collectTools()
      }
    }
  }

  /// Waits until every server is ready or has failed (each within its start-up timeout).
  public func ready() async {
    start()
    await lock.withLock { starting }?.value
  }

  /// The tools to offer the model (after `ready`).
  public var toolSpecs: [ToolSpec] { lock.withLock { specs } }

  /// Problems not reported yet: each failed server once.
  public func newProblems() async -> [String] {
    var problems: [String] = []
    for connection in connections {
      if case .failed(let reason) = await connection.state {
        let name = connection.server.name
        let isNew = lock.withLock { reported.insert(name).inserted }
        if isNew { problems.append("MCP server \(name) is skipped: \(reason)") }
      }
    }
    return problems
  }

  /// The server and tool behind a name the model used, if it is an MCP tool.
  public func route(_ qualified: String) -> (server: String, tool: String)? {
    lock.withLock { entries[qualified] }.map { ($0.server, $0.tool) }
  }

  /// The name this program offers the tool `tool` of `server` under, if it has it.
  public func qualifiedName(server: String, tool: String) -> String? {
    lock.withLock { entries.values.first { $0.server == server && $0.tool == tool }?.qualified }
  }

  /// Calls the tool behind `qualified` with the model's JSON arguments.
  public func call(_ qualified: String, arguments: String) async throws -> MCPToolResult {
    guard let entry = lock.withLock({ entries[qualified] }),
      let connection = connections.first(where: { $0.server.name == entry.server })
    else {
      return MCPToolResult(text: "error: unknown tool `\(qualified)`", isError: true)
    }
    var parsed: JSONValue?
    let trimmed = arguments.trimmingCharacters(in: .whitespacesAndNewlines)
    if !trimmed.isEmpty {
      guard let value = JSONValue.parse(Data(trimmed.utf8)), value.object != nil else {
        return MCPToolResult(
          text: "error: the arguments must be a JSON object: \(trimmed.prefix(200))",
          isError: true)
      }
      parsed = value
    }
    return try await connection.call(tool: entry.tool, arguments: parsed)
  }

  /// The ready servers that offer resources, in configuration order.
  public var serversWithResources: [String] { lock.withLock { resourceServers } }

  /// A resources request to one server: its result, or a message for the model.
  public func resources(
    _ method: String, server name: String, params: JSONObject
  ) async throws -> Result<JSONValue, MCPServerError> {
    guard serversWithResources.contains(name),
      let connection = connections.first(where: { $0.server.name == name })
    else {
      let known = serversWithResources
      return .failure(
        MCPServerError(
          "no MCP server \(name) with resources"
            + (known.isEmpty ? "" : "; these have them: " + known.joined(separator: ", "))))
    }
    return try await connection.request(method, params)
  }

  /// Every server's state and tools, in configuration order.
  public func statuses() async -> [Status] {
    var statuses: [Status] = []
    for connection in connections {
      let server = connection.server
      statuses.append(
        Status(
          name: server.name,
          transport: server.command.map { ([$0] + server.args).joined(separator: " ") }
            ?? server.url ?? "",
          state: await connection.state,
          tools: await connection.tools.map(\.name)))
    }
    return statuses
  }

  /// Disconnects every server and stops their processes.
  public func stop() async {
    for connection in connections { await connection.stop() }
  }

  private func collectTools() async {
    var pairs: [(server: String, tool: String)] = []
    var infos: [String: MCPToolInfo] = [:]
    var withResources: [String] = []
    for connection in connections where await connection.state == .ready {
      if await connection.offersResources { withResources.append(connection.server.name) }
      for tool in await connection.tools {
        pairs.append((connection.server.name, tool.name))
        infos[connection.server.name + "\u{0}" + tool.name] = tool
      }
    }
    let assigned = MCPToolNames.assign(pairs)
    var specs = assigned.compactMap { entry -> ToolSpec? in
      guard let info = infos[entry.server + "\u{0}" + entry.tool] else { return nil }
      return ToolSpec(
        name: entry.qualified, description: info.description, parameters: info.inputSchema)
    }
    if !withResources.isEmpty { specs += MCPResourceTool.Kind.allCases.map(\.spec) }
    lock.withLock {
      resourceServers = withResources
      entries = Dictionary(uniqueKeysWithValues: assigned.map { ($0.qualified, $0) })
      self.specs = specs
    }
  }
}
