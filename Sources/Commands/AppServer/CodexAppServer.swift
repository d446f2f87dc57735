import Agent
import Foundation
import Logging
import Sandbox

/// `codex app-server`: Codex's app-server protocol (v2) over stdio, for the official
/// SDKs and IDE clients. Threads are sessions (the same files `codex resume` reads);
/// turns run through the same engine as every front-end, their events sent as the
/// protocol's notifications, approvals asked of the client as requests.
public final class CodexAppServer: Sendable {
  let base: CommandLineOverrides
  let environment: [String: String]
  let traffic: ModelTraffic
  let connection: JSONRPCConnection
  let threads = AppServerThreads()
  static let logger = Logger(label: "codex.app_server")

  /// A server whose threads start from `base` (the command line's settings).
  public init(base: CommandLineOverrides, environment: [String: String], traffic: ModelTraffic) {
    self.base = base
    self.environment = environment
    self.traffic = traffic
    connection = JSONRPCConnection(
      transport: MCPPipeTransport.standardStreams(), answersMalformed: true)
  }

  /// Serves until the client closes stdin.
  public func run() async throws {
    signal(SIGPIPE, SIG_IGN)
    await connection.handle(
      requests: { [self] method, params, id in try await handle(method, params ?? [:], id: id) },
      notifications: { _, _ in })
    try await connection.start()
    await connection.waitUntilClosed()
    await threads.interruptAll()
    await threads.stopAll()
  }

  /// Ends serving (a signal arrived): running turns are interrupted, then the connection
  /// closes.
  public func stop() async {
    await threads.interruptAll()
    await connection.close()
    await threads.stopAll()
  }

  func handle(_ method: String, _ params: JSONValue, id: JSONValue) async throws -> JSONValue {
    switch method {
    case "initialize":
      return [
        "userAgent": .string("codex-swift/\(CodexVersion.current)"),
        "serverInfo": ["name": "codex-swift", "version": .string(CodexVersion.current)],
        "codexHome": .string(try configuration([:]).codexHome),
        "platformFamily": "unix", "platformOs": "linux",
      ]
    case "thread/start": return try await startThread(params)
    case "thread/resume": return try await resumeThread(params, fork: false)
    case "thread/fork": return try await resumeThread(params, fork: true)
    case "thread/list": return try listThreads(params)
    case "thread/read": return try await readThread(params)
    case "thread/archive", "thread/unarchive", "thread/delete": return try archive(method, params)
    case "thread/name/set": return try nameThread(params)
    case "thread/compact/start": return try await compactThread(params)
    case "turn/start": return try await startTurn(params, requestID: id)
    case "turn/steer":
      let thread = try await loaded(params)
      guard let running = thread.turnID else {
        throw JSONRPCError(code: -32600, message: "no turn is running in this thread to steer")
      }
      if let expected = params["expectedTurnId"]?.string, expected != running {
        throw JSONRPCError.invalidParams("expectedTurnId: the running turn is \(running)")
      }
      let text = (params["input"]?.array ?? []).compactMap { $0["text"]?.string }
        .joined(separator: "\n")
      guard !text.isEmpty else { throw JSONRPCError.invalidParams("input: no text to add") }
      thread.session.steer(text)
      return ["turnId": .string(running)]
    case "turn/interrupt":
      let thread = try await loaded(params)
      _ = thread.interrupt(params["turnId"]?.string)
      return [:]
    case "model/list": return try models()
    case "account/read", "account/login/start", "account/logout":
      return try account(method, params)
    default:
      throw JSONRPCError.methodNotFound(method)
    }
  }

  /// The configuration for a thread: the command line's settings, then the request's.
  func configuration(_ params: JSONValue) throws -> Configuration {
    var overrides = base
    if let model = params["model"]?.string { overrides.model = model }
    if let cwd = params["cwd"]?.string { overrides.workingDirectory = cwd }
    if let policy = params["approvalPolicy"]?.string {
      guard let value = ApprovalPolicy(rawValue: policy) else {
        throw JSONRPCError.invalidParams(
          "approvalPolicy: \(policy) is not one of "
            + ApprovalPolicy.allCases.map(\.rawValue).joined(separator: ", "))
      }
      overrides.approvalPolicy = value
    }
    if let sandbox = params["sandbox"]?.string {
      guard let value = SandboxMode(rawValue: sandbox) else {
        throw JSONRPCError.invalidParams(
          "sandbox: \(sandbox) is not one of "
            + SandboxMode.allCases.map(\.rawValue).joined(separator: ", "))
      }
      overrides.sandboxMode = value
    }
    for (key, value) in params["config"]?.object ?? [:] {
      overrides.settings.append("\(key)=\(value.text)")
    }
    if let developer = params["developerInstructions"]?.string {
      overrides.settings.append("developer_instructions=\(JSONValue.string(developer).text)")
    }
    do {
      return try ConfigLoader(environment: environment).load(overrides)
    } catch let error as ConfigError {
      throw JSONRPCError.invalidParams(error.message)
    }
  }

  /// The loaded thread `params.threadId` names.
  func loaded(_ params: JSONValue) async throws -> AppServerThread {
    guard let id = params["threadId"]?.string else {
      throw JSONRPCError.invalidParams("threadId is required")
    }
    guard let thread = await threads.thread(id) else {
      throw JSONRPCError.invalidParams("threadId: no loaded thread \(id); thread/resume loads it")
    }
    return thread
  }
}
