import Foundation
import Logging

/// What one configured MCP server is doing, for `/mcp` and reports.
public enum MCPServerState: Sendable, Equatable {
  case starting
  case ready
  case failed(String)
  case disabled
}

/// A tool a server offers, as the server names and describes it.
public struct MCPToolInfo: Sendable, Equatable {
  /// The tool's name on its server.
  public var name: String
  /// What the server says it does.
  public var description: String
  /// The input JSON Schema as JSON text.
  public var inputSchema: String
}

/// The answer of one tool call, as text for the model.
public struct MCPToolResult: Sendable, Equatable {
  /// The result's text parts, joined.
  public var text: String
  /// The tool reported an error.
  public var isError: Bool
  /// The server's content blocks as it sent them (empty when the call did not reach it).
  public var content: [JSONValue] = []
  /// The server's structured result, when it sent one.
  public var structuredContent: JSONValue?
  /// Whether the server answered (a timeout, a failed server or bad arguments did not).
  public var answered = false

  /// A result of `text`; `isError` when the call failed.
  public init(
    text: String, isError: Bool, content: [JSONValue] = [], structuredContent: JSONValue? = nil,
    answered: Bool = false
  ) {
    self.text = text
    self.isError = isError
    self.content = content
    self.structuredContent = structuredContent
    self.answered = answered
  }
}

/// One configured MCP server: starting it, its tools, and calls to them.
///
/// Every wait is bounded: start-up by `startup_timeout_sec`, calls by
/// `tool_timeout_sec`, and both end early when a stdio server's process ends.
actor MCPServerConnection {
  let server: Configuration.MCPServer
  private(set) var state: MCPServerState = .starting
  private(set) var tools: [MCPToolInfo] = []
  /// The server announced resources in its capabilities.
  private(set) var offersResources = false
  private var client: MCPClientSession?
  private var process: MCPServerProcess?
  private let logger: Logger

  init(server: Configuration.MCPServer) {
    self.server = server
    logger = Logger(label: "codex.mcp")
    if !server.enabled { state = .disabled }
  }

  /// Starts a stdio server's process. Synchronous, so that every process exists (and
  /// is stopped at exit) before the session goes on.
  nonisolated static func launch(
    _ server: Configuration.MCPServer, environment: [String: String]
  ) -> Result<MCPServerProcess, Error>? {
    guard server.enabled, let command = server.command else { return nil }
    return Result {
      var variables = server.env
      for name in server.passedVariables where variables[name] == nil {
        if let value = environment[name] { variables[name] = value }
      }
      return try MCPServerProcess(
        command: command, arguments: server.args, environment: variables,
        workingDirectory: server.cwd, parentEnvironment: environment)
    }
  }

  /// Connects to the server and lists its tools; never throws: a failure is the state.
  func start(launched: Result<MCPServerProcess, Error>?, environment: [String: String]) async {
    guard server.enabled else { return }
    let transport: any MCPTransport
    do {
      transport = try makeTransport(launched: launched, environment: environment)
    } catch {
      fail(String(describing: error))
      return
    }
    let connection = JSONRPCConnection(transport: transport)
    let client = MCPClientSession(connection: connection)
    self.client = client
    let outcome = await mcpRace(
      timeout: .seconds(server.startupTimeoutSeconds), ended: process?.ended,
      work: {
        try await connection.start()
        let offers = try await client.initialize().resources
        return (try await client.listTools(), offers)
      },
      abandon: { _ in await connection.close() })
    switch outcome {
    case .finished(.success(let (tools, offers))):
      self.tools = tools.filter { server.offers($0.name) }
      offersResources = offers
      state = .ready
      logger.info(
        "MCP server started", metadata: ["server": "\(server.name)", "tools": "\(tools.count)"])
    case .finished(.failure(let error)):
      // A server that dies at once makes the request fail before the exit is seen.
      let ended = await endedSoon()
      fail(ended.map { "it \($0)" } ?? "it did not start: \(Self.describe(error))")
    case .timedOut:
      fail(
        "it did not answer within \(Self.seconds(server.startupTimeoutSeconds)) (startup_timeout_sec)"
      )
    case .ended(let how):
      fail("it \(how) before it was ready")
    case .cancelled:
      fail("its start was interrupted")
    }
  }

  /// Calls a tool; a timeout, a server error or the server's end come back as an
  /// error result for the model. Throws only `CancellationError` (the user interrupted).
  func call(tool: String, arguments: JSONValue?) async throws -> MCPToolResult {
    guard state == .ready, let client else {
      return MCPToolResult(text: "error: MCP server \(server.name) is not available", isError: true)
    }
    // A timeout or an interruption cancels the request (the server is told); the
    // server's end closes the connection, which fails it.
    let outcome = await mcpRace(
      timeout: .seconds(server.toolTimeoutSeconds), ended: process?.ended,
      work: { try await client.callTool(tool, arguments: arguments) },
      abandon: { outcome in
        if case .ended = outcome { await client.connection.close() }
      })
    switch outcome {
    case .finished(.success(let result)):
      return result
    case .finished(.failure(let error)):
      if let how = await endedSoon() {
        fail("it \(how) during a call")
        return MCPToolResult(text: "error: the MCP server \(how) during the call", isError: true)
      }
      return MCPToolResult(text: "error: \(Self.describe(error))", isError: true)
    case .timedOut:
      return MCPToolResult(
        text: "error: the tool did not answer within \(Self.seconds(server.toolTimeoutSeconds))",
        isError: true)
    case .ended(let how):
      fail("it \(how) during a call")
      return MCPToolResult(text: "error: the MCP server \(how) during the call", isError: true)
    case .cancelled:
      throw CancellationError()
    }
  }

  /// A request other than a tool call (resources), within the tool timeout: the result,
  /// or a message for the model. Throws only `CancellationError`.
  func request(_ method: String, _ params: JSONObject) async throws -> Result<
    JSONValue, MCPServerError
  > {
    guard state == .ready, let client else {
      return .failure(MCPServerError("MCP server \(server.name) is not available"))
    }
    let outcome = await mcpRace(
      timeout: .seconds(server.toolTimeoutSeconds), ended: process?.ended,
      work: { try await client.request(method, params) },
      abandon: { outcome in
        if case .ended = outcome { await client.connection.close() }
      })
    switch outcome {
    case .finished(.success(let result)): return .success(result)
    case .finished(.failure(let error)): return .failure(MCPServerError(Self.describe(error)))
    case .timedOut:
      return .failure(
        MCPServerError("no answer within \(Self.seconds(server.toolTimeoutSeconds))"))
    case .ended(let how):
      fail("it \(how) during a request")
      return .failure(MCPServerError("the MCP server \(how) during the request"))
    case .cancelled:
      throw CancellationError()
    }
  }

  /// Disconnects and stops the process.
  func stop() async {
    await client?.connection.close()
    client = nil
    process?.terminate()
  }

  private func makeTransport(
    launched: Result<MCPServerProcess, Error>?, environment: [String: String]
  ) throws -> any MCPTransport {
    if let launched {
      let process = try launched.get()
      self.process = process
      return MCPPipeTransport(writing: process.input, reading: process.output, onEnd: {})
    }
    guard let url = server.url else {
      throw MCPServerError("it has neither `command` nor `url`")
    }
    var token: String?
    if let variable = server.bearerTokenEnvVar {
      guard let value = environment[variable], !value.isEmpty else {
        throw MCPServerError("bearer_token_env_var names \(variable), which is not set")
      }
      token = value
    }
    var headers = server.httpHeaders
    for (name, variable) in server.envHTTPHeaders {
      if let value = environment[variable], !value.isEmpty {
        headers[name] = value
        CodexLogging.addSecret(value)
      }
    }
    return MCPHTTPTransport(
      url: url, bearerToken: token,
      headers: headers.sorted { $0.key < $1.key }.map { (name: $0.key, value: $0.value) })
  }

  private func fail(_ reason: String) {
    var reason = reason
    if let stderr = process?.stderrText, !stderr.isEmpty {
      reason += "; its stderr ends: " + String(stderr.suffix(500))
    }
    state = .failed(reason)
    logger.warning(
      "MCP server failed", metadata: ["server": "\(server.name)", "reason": "\(reason)"])
    let client = client
    self.client = nil
    process?.terminate()
    Task { await client?.connection.close() }
  }

  /// How the process ended, when it ends within a moment (a failed write or read is
  /// often the first sign of a server that is going away).
  private func endedSoon() async -> String? {
    await process?.ended.wait(atMost: .milliseconds(200))
  }

  static func describe(_ error: Error) -> String {
    return String(describing: error)
  }

  static func seconds(_ value: Double) -> String {
    value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
  }
}
