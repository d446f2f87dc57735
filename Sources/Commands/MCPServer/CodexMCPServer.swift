import Agent
import Foundation
import Logging
import MCP

/// `codex mcp-server`: the agent as an MCP server on stdin and stdout.
///
/// Tools: `codex` starts a session (Codex CLI's arguments) and runs its first
/// prompt; `codex-reply` continues one by its id. Engine events go out as
/// `codex/event` notifications while the call runs; approvals are asked of the
/// client through elicitation when it offers that, and refused otherwise.
public final class CodexMCPServer: @unchecked Sendable {
  private let base: CommandLineOverrides
  private let environment: [String: String]
  private let traffic: ModelTraffic
  private let server: Server
  private let sessions = SessionStore()
  private let lock = NSLock()
  private var elicitation = false
  private static let logger = Logger(label: "codex.mcp_server")

  public init(base: CommandLineOverrides, environment: [String: String], traffic: ModelTraffic) {
    self.base = base
    self.environment = environment
    self.traffic = traffic
    server = Server(
      name: "codex", version: CodexVersion.current, title: "Codex",
      capabilities: .init(tools: .init(listChanged: false)))
  }

  /// Serves until the client closes stdin.
  public func run() async throws {
    signal(SIGPIPE, SIG_IGN)
    await server.withMethodHandler(ListTools.self) { _ in
      ListTools.Result(tools: Self.tools)
    }
    await server.withMethodHandler(CallTool.self) { [self] params in
      await call(params)
    }
    let transport = MCPPipeTransport.standardStreams(logger: Self.logger)
    try await server.start(transport: transport) { [self] info, capabilities in
      lock.withLock { elicitation = capabilities.elicitation != nil }
      Self.logger.info("MCP client connected", metadata: ["client": "\(info.name) \(info.version)"])
    }
    await server.waitUntilCompleted()
    await sessions.stopAll()
  }

  static let tools = [
    Tool(
      name: "codex",
      description:
        "Run a Codex session: the agent works on the prompt in the working directory (reading, running commands, editing files under the sandbox and approval policy given) and answers with its final message. Returns the conversation id for codex-reply.",
      inputSchema: CodexToolRequest.schema),
    Tool(
      name: "codex-reply",
      description: "Continue a Codex session started by the codex tool with another prompt.",
      inputSchema: CodexToolRequest.replySchema),
  ]

  private func call(_ params: CallTool.Parameters) async -> CallTool.Result {
    let arguments = params.arguments ?? [:]
    do {
      switch params.name {
      case "codex":
        let request = try CodexToolRequest.parse(arguments)
        let session = try newSession(request)
        return try await run(request.prompt, in: session, announce: true)
      case "codex-reply":
        guard
          let id = arguments["conversationId"]?.stringValue ?? arguments["threadId"]?.stringValue
        else {
          throw MCPServerError("`conversationId` is required (the id a codex call returned)")
        }
        guard let prompt = arguments["prompt"]?.stringValue, !prompt.isEmpty else {
          throw MCPServerError("`prompt` is required and must be a non-empty string")
        }
        guard let session = await sessions.session(id) else {
          throw MCPServerError("no session \(id) in this server; start one with the codex tool")
        }
        return try await run(prompt, in: session, announce: false)
      default:
        throw MCPServerError("unknown tool \(params.name); the tools are codex and codex-reply")
      }
    } catch let error as ConfigError {
      return Self.failure(error.message)
    } catch {
      return Self.failure((error as? ModelError)?.message ?? String(describing: error))
    }
  }

  private func newSession(_ request: CodexToolRequest) throws -> Session {
    var overrides = base
    let asked = request.overrides
    overrides.settings += asked.settings
    overrides.model = asked.model ?? overrides.model
    overrides.profile = asked.profile ?? overrides.profile
    overrides.approvalPolicy = asked.approvalPolicy ?? overrides.approvalPolicy
    overrides.sandboxMode = asked.sandboxMode ?? overrides.sandboxMode
    overrides.workingDirectory = asked.workingDirectory ?? overrides.workingDirectory
    let configuration = try ConfigLoader(environment: environment).load(overrides)
    let approvals = ElicitationApprovals(
      server: server, supported: lock.withLock { elicitation })
    let session = Session(
      configuration: configuration,
      client: traffic.client(for: configuration, environment: environment),
      approvals: approvals, environment: environment, baseInstructions: request.baseInstructions)
    try? session.startLog()
    session.startMCPServers()
    return session
  }

  /// Runs one turn, sending its events as notifications (in order, all before the
  /// result), and answers with the final message and the conversation id.
  private func run(_ prompt: String, in session: Session, announce: Bool) async throws
    -> CallTool.Result
  {
    guard await sessions.claim(session) else {
      throw MCPServerError("session \(session.id) is still working on an earlier prompt")
    }
    defer { Task { await sessions.release(session.id) } }
    let (events, continuation) = AsyncStream<EngineEvent>.makeStream()
    let server = server
    let id = session.id
    let sender = Task { () -> (last: String?, failure: String?) in
      var last: String?
      var failure: String?
      for await event in events {
        if case .turnCompleted(let message) = event { last = message }
        if case .error(let message) = event { failure = message }
        guard let msg = CodexEventMessage.message(event) else { continue }
        let params: Value = .object([
          "_meta": .object(["threadId": .string(id)]), "id": .string(id), "msg": msg,
        ])
        try? await server.notify(CodexEventNotification.message(params))
      }
      return (last, failure)
    }
    let emit: @Sendable (EngineEvent) -> Void = { continuation.yield($0) }
    if announce {
      emit(
        .sessionConfigured(
          sessionID: id, model: session.configuration.model,
          provider: session.configuration.provider.id))
    }
    do {
      try await session.submit(prompt, emit: emit)
    } catch is CancellationError {
      emit(.error("the turn was cancelled"))
    } catch {
      emit(.error((error as? ModelError)?.message ?? String(describing: error)))
    }
    continuation.finish()
    let (last, failure) = await sender.value
    let structured: Value = .object([
      "threadId": .string(id), "conversationId": .string(id),
      "content": last.map { .string($0) } ?? .null,
    ])
    if let failure, last == nil {
      return CallTool.Result(
        content: [.text(text: "error: \(failure)", annotations: nil, _meta: nil)],
        structuredContent: Optional(structured), isError: true)
    }
    return CallTool.Result(
      content: [.text(text: last ?? "", annotations: nil, _meta: nil)],
      structuredContent: Optional(structured), isError: false)
  }

  private static func failure(_ message: String) -> CallTool.Result {
    CallTool.Result(
      content: [.text(text: "error: \(message)", annotations: nil, _meta: nil)], isError: true)
  }
}

/// The sessions of one server, and which of them are in a turn.
private actor SessionStore {
  private var sessions: [String: Session] = [:]
  private var busy: Set<String> = []

  func session(_ id: String) -> Session? { sessions[id] }

  func claim(_ session: Session) -> Bool {
    sessions[session.id] = session
    return busy.insert(session.id).inserted
  }

  func release(_ id: String) { busy.remove(id) }

  func stopAll() async {
    for session in sessions.values { await session.mcp?.stop() }
  }
}
