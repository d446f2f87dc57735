import Agent
import Foundation
import Logging

/// `codex mcp-server`: the agent as an MCP server on stdin and stdout.
///
/// Tools: `codex` starts a session (Codex CLI's arguments) and runs its first
/// prompt; `codex-reply` continues one by its id. Engine events go out as
/// `codex/event` notifications while the call runs; approvals are asked of the
/// client through elicitation when it offers that, and refused otherwise. A client's
/// `notifications/cancelled` interrupts the turn.
// @unchecked Sendable: mutable state is the client's capabilities, under `lock`; sessions
// live in an actor.
public final class CodexMCPServer: @unchecked Sendable {
  /// Protocol revisions we answer with; others get the newest.
  static let protocolVersions = ["2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05"]

  private let base: CommandLineOverrides
  private let environment: [String: String]
  private let traffic: ModelTraffic
  private let connection: JSONRPCConnection
  private let sessions = SessionStore()
  private let lock = NSLock()
  private var elicitation = false
  private static let logger = Logger(label: "codex.mcp_server")

  /// A server whose sessions start from `base` (the command line's settings), each call's
  /// arguments on top.
  public init(base: CommandLineOverrides, environment: [String: String], traffic: ModelTraffic) {
    self.base = base
    self.environment = environment
    self.traffic = traffic
    connection = JSONRPCConnection(transport: MCPPipeTransport.standardStreams())
  }

  /// Serves until the client closes stdin.
  public func run() async throws {
    signal(SIGPIPE, SIG_IGN)
    await connection.handle(
      requests: { [self] method, params, _ in try await handle(method, params) },
      notifications: { _, _ in })
    try await connection.start()
    await connection.waitUntilClosed()
    await sessions.stopAll()
  }

  /// Ends serving (a signal arrived): interrupts the turns in flight (their commands
  /// stopped, their logs completed, their callers answered), then closes the connection,
  /// which ends `run`, and stops the sessions' MCP servers.
  public func stop() async {
    await sessions.interruptAll()
    await connection.close()
    await sessions.stopAll()
  }

  static let tools: JSONValue = [
    [
      "name": "codex",
      "title": "Codex",
      "description":
        "Run a Codex session: the agent works on the prompt in the working directory (reading, running commands, editing files under the sandbox and approval policy given) and answers with its final message. Returns the conversation id for codex-reply.",
      "inputSchema": CodexToolRequest.schema,
    ],
    [
      "name": "codex-reply",
      "title": "Codex reply",
      "description": "Continue a Codex session started by the codex tool with another prompt.",
      "inputSchema": CodexToolRequest.replySchema,
    ],
  ]

  private func handle(_ method: String, _ params: JSONValue?) async throws -> JSONValue {
    switch method {
    case "initialize":
      let asked = params?["protocolVersion"]?.string ?? ""
      let version =
        Self.protocolVersions.contains(asked) ? asked : Self.protocolVersions[0]
      let supportsElicitation = params?["capabilities"]?["elicitation"] != nil
      lock.withLock { elicitation = supportsElicitation }
      let client = params?["clientInfo"]
      Self.logger.info(
        "MCP client connected",
        metadata: [
          "client": "\(client?["name"]?.string ?? "?") \(client?["version"]?.string ?? "")",
          "protocol": "\(version)", "elicitation": "\(supportsElicitation)",
        ])
      return [
        "protocolVersion": .string(version),
        "capabilities": ["tools": ["listChanged": false]],
        "serverInfo": [
          "name": "codex", "title": "Codex", "version": .string(CodexVersion.current),
        ],
      ]
    case "ping":
      return [:]
    case "tools/list":
      return ["tools": Self.tools]
    case "tools/call":
      guard let name = params?["name"]?.string else {
        throw JSONRPCError.invalidParams("tools/call needs a tool `name`")
      }
      return await call(
        name, params?["arguments"]?.object ?? [:], progress: params?["_meta"]?["progressToken"])
    default:
      throw JSONRPCError.methodNotFound(method)
    }
  }

  private func call(_ name: String, _ arguments: JSONObject, progress: JSONValue?)
    async -> JSONValue
  {
    do {
      switch name {
      case "codex":
        let request = try CodexToolRequest.parse(arguments)
        let session = try newSession(request)
        return try await run(request.prompt, in: session, progress: progress)
      case "codex-reply":
        guard let id = arguments["conversationId"]?.string ?? arguments["threadId"]?.string else {
          throw MCPServerError("`conversationId` is required (the id a codex call returned)")
        }
        guard let prompt = arguments["prompt"]?.string, !prompt.isEmpty else {
          throw MCPServerError("`prompt` is required and must be a non-empty string")
        }
        guard let session = await sessions.session(id) else {
          throw MCPServerError("no session \(id) in this server; start one with the codex tool")
        }
        return try await run(prompt, in: session, progress: progress)
      default:
        throw MCPServerError("unknown tool \(name); the tools are codex and codex-reply")
      }
    } catch let error as ConfigError {
      return Self.result(text: "error: " + error.message, isError: true)
    } catch {
      let message = (error as? ModelError)?.message ?? String(describing: error)
      return Self.result(text: "error: " + message, isError: true)
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
      connection: connection, supported: lock.withLock { elicitation })
    // A log that cannot be opened does not stop the call; the server has no console.
    return try Session.start(
      configuration: configuration, traffic: traffic, approvals: approvals,
      environment: environment, baseInstructions: request.baseInstructions, notice: { _ in })
  }

  /// Runs one turn, sending its events as notifications (in order, all before the
  /// result), and answers with the final message and the conversation id. A client
  /// that gave a progress token also gets MCP's own progress notifications, one per
  /// step, which generic clients show.
  private func run(_ prompt: String, in session: Session, progress: JSONValue?)
    async throws -> JSONValue
  {
    // A prompt for a session that is still in a turn waits for it (a cancelled turn
    // unwinds in moments; two prompts sent at once run one after the other).
    await sessions.claim(session)
    defer { Task { await sessions.release(session.id) } }
    let (events, continuation) = AsyncStream<EngineEvent>.makeStream()
    let connection = connection
    let id = session.id
    let sender = Task {
      var steps = 0
      var mapping = CodexEventMessage()
      for await event in events {
        for msg in mapping.messages(for: event) {
          try? await connection.notify(
            "codex/event", ["_meta": ["threadId": .string(id)], "id": .string(id), "msg": msg])
        }
        if let progress, let step = CodexEventMessage.progressText(event) {
          steps += 1
          try? await connection.notify(
            "notifications/progress",
            ["progressToken": progress, "progress": .int(steps), "message": .string(step)])
        }
      }
    }
    // The engine opens a session's first turn with `sessionConfigured` and ends every
    // turn with one event; its return value says the same.
    let turn = Task { await session.submit(prompt) { continuation.yield($0) } }
    await sessions.running(turn, for: session.id)
    // The client's `notifications/cancelled` cancels this call's task: pass it on.
    let ending = await withTaskCancellationHandler {
      await turn.value
    } onCancel: {
      turn.cancel()
    }
    await sessions.finished(session.id)
    continuation.finish()
    await sender.value
    let structured: JSONValue
    switch ending {
    case .completed(let last):
      structured = [
        "threadId": .string(id), "conversationId": .string(id),
        "content": last.map { .string($0) } ?? .null,
      ]
      return Self.result(text: last ?? "", isError: false, structured: structured)
    case .failed(let reason):
      structured = ["threadId": .string(id), "conversationId": .string(id), "content": .null]
      return Self.result(text: "error: \(reason)", isError: true, structured: structured)
    case .interrupted:
      structured = ["threadId": .string(id), "conversationId": .string(id), "content": .null]
      return Self.result(
        text: "error: the turn was cancelled", isError: true, structured: structured)
    }
  }

  private static func result(text: String, isError: Bool, structured: JSONValue? = nil)
    -> JSONValue
  {
    var result: JSONObject = [
      "content": [["type": "text", "text": .string(text)]], "isError": .bool(isError),
    ]
    if let structured { result["structuredContent"] = structured }
    return .object(result)
  }
}

/// The sessions of one server, and which of them are in a turn.
private actor SessionStore {
  private var sessions: [String: Session] = [:]
  private var busy: Set<String> = []
  private var waiting: [String: [CheckedContinuation<Void, Never>]] = [:]

  func session(_ id: String) -> Session? { sessions[id] }

  /// Returns once the session is free, and marks it busy.
  func claim(_ session: Session) async {
    sessions[session.id] = session
    if busy.insert(session.id).inserted { return }
    await withCheckedContinuation { waiting[session.id, default: []].append($0) }
  }

  /// Hands the session to the next prompt waiting for it, if any.
  func release(_ id: String) {
    if var queue = waiting[id], !queue.isEmpty {
      let next = queue.removeFirst()
      waiting[id] = queue
      next.resume()
    } else {
      busy.remove(id)
    }
  }

  private var turns: [String: Task<TurnEnd, Never>] = [:]

  func running(_ turn: Task<TurnEnd, Never>, for id: String) { turns[id] = turn }
  func finished(_ id: String) { turns[id] = nil }

  /// Cancels every turn in flight and waits for each to end.
  func interruptAll() async {
    let running = Array(turns.values)
    running.forEach { $0.cancel() }
    for turn in running { _ = await turn.value }
  }

  func stopAll() async {
    for session in sessions.values { await session.mcp?.stop() }
  }
}
