import Foundation
import Logging

/// An error a JSON-RPC peer answered, or one we answer.
public struct JSONRPCError: Error, CustomStringConvertible, Sendable {
  /// The JSON-RPC error code.
  public var code: Int
  /// The error message.
  public var message: String

  /// An error to answer a request with.
  public init(code: Int, message: String) {
    self.code = code
    self.message = message
  }

  /// -32601, naming the method.
  public static func methodNotFound(_ method: String) -> JSONRPCError {
    JSONRPCError(code: -32601, message: "method not found: \(method)")
  }

  /// -32602, saying what is wrong with the parameters.
  public static func invalidParams(_ message: String) -> JSONRPCError {
    JSONRPCError(code: -32602, message: message)
  }

  /// The message and the code.
  public var description: String { "\(message) (JSON-RPC error \(code))" }
}

/// One JSON-RPC 2.0 peer over an MCP transport: both sides of MCP use it.
///
/// Requests we send wait for their answer; cancelling the waiting task gives up at
/// once and tells the peer (`notifications/cancelled`), and closing the connection
/// fails every request still waiting, so nothing waits on a peer that is gone.
/// Requests the peer sends run concurrently, each in its own task, so a long tool
/// call never holds up the messages behind it.
public actor JSONRPCConnection {
  /// Answers a request from the other side: its method, parameters and id.
  public typealias RequestHandler =
    /// Receives a notification from the other side.
    @Sendable (_ method: String, _ params: JSONValue?, _ id: JSONValue) async throws -> JSONValue
  public typealias NotificationHandler =
    @Sendable (_ method: String, _ params: JSONValue?) async -> Void

  private static let logger = Logger(label: "codex.mcp")
  private let transport: any MCPTransport
  private var onRequest: RequestHandler
  private var onNotification: NotificationHandler
  private var nextID = 1
  private var pending: [Int: CheckedContinuation<JSONValue, Error>] = [:]
  private var reader: Task<Void, Never>?
  private var closed = false
  /// The peer's requests being handled, by id (as JSON text), so that its
  /// `notifications/cancelled` can stop them.
  private var handling: [String: Task<Void, Never>] = [:]
  /// Answer a line that is not JSON with a parse error (a server speaking to one client),
  /// rather than ignore it (an MCP client among servers' stray output).
  private var answersMalformed = false
  /// Work to start once the answer to a request (by id, as JSON text) has been sent.
  private var afterReplies: [String: @Sendable () async -> Void] = [:]

  /// Runs `work` once the answer to request `id` has been sent: what follows a reply
  /// (a turn's notifications) never overtakes it.
  public func afterReply(to id: JSONValue, _ work: @escaping @Sendable () async -> Void) {
    afterReplies[id.text] = work
  }

  /// Sets the handlers of the peer's requests and notifications (before `start`).
  public func handle(
    requests: @escaping RequestHandler, notifications: @escaping NotificationHandler
  ) {
    onRequest = requests
    onNotification = notifications
  }

  /// A connection over `transport`; requests from the other side go to `onRequest` (method
  /// not found by default), notifications to `onNotification`.
  public init(
    transport: any MCPTransport,
    onRequest: @escaping RequestHandler = { method, _, _ in
      throw JSONRPCError.methodNotFound(method)
    },
    onNotification: @escaping NotificationHandler = { _, _ in },
    answersMalformed: Bool = false
  ) {
    self.answersMalformed = answersMalformed
    self.transport = transport
    self.onRequest = onRequest
    self.onNotification = onNotification
  }

  /// Connects the transport and starts reading; returns at once.
  public func start() async throws {
    try await transport.connect()
    let messages = transport.receive()
    reader = Task { [weak self] in
      do {
        for try await data in messages { await self?.received(data) }
      } catch {}
      await self?.inputEnded()
    }
  }

  /// How long requests already received may take to finish once the peer stops
  /// sending: quick ones (initialize, tools/list) are still answered; long ones are
  /// cancelled, since a peer that hung up will not wait for them.
  static let answerGrace: Duration = .seconds(2)

  private func inputEnded() async {
    failPending(JSONRPCError(code: -32000, message: "the connection closed"))
    let running = Array(handling.values)
    if !running.isEmpty {
      await withTaskGroup(of: Void.self) { group in
        group.addTask {
          for task in running { await task.value }
        }
        group.addTask { try? await Task.sleep(for: Self.answerGrace) }
        await group.next()
        group.cancelAll()
        running.forEach { $0.cancel() }
      }
    }
    await close()
  }

  /// Waits until the peer closes the connection (or `close` is called).
  public func waitUntilClosed() async {
    await reader?.value
  }

  /// Sends a request and waits for its result.
  public func request(_ method: String, _ params: JSONValue? = nil) async throws -> JSONValue {
    guard !closed else { throw JSONRPCError(code: -32000, message: "the connection is closed") }
    let id = nextID
    nextID += 1
    var message: JSONObject = [
      "jsonrpc": "2.0", "id": .int(id), "method": .string(method),
    ]
    if let params { message["params"] = params }
    let data = Data(JSONValue.object(message).text.utf8)
    return try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation { continuation in
        pending[id] = continuation
        Task {
          do { try await self.transport.send(data) } catch { self.fail(id, with: error) }
        }
      }
    } onCancel: {
      Task { await self.cancel(id) }
    }
  }

  /// Sends a notification; no answer is expected.
  public func notify(_ method: String, _ params: JSONValue? = nil) async throws {
    var message: JSONObject = ["jsonrpc": "2.0", "method": .string(method)]
    if let params { message["params"] = params }
    try await transport.send(Data(JSONValue.object(message).text.utf8))
  }

  /// Fails every waiting request, stops handling the peer's, and closes the transport.
  public func close() async {
    guard !closed else { return }
    closed = true
    failPending(JSONRPCError(code: -32000, message: "the connection closed"))
    handling.values.forEach { $0.cancel() }
    handling = [:]
    await transport.disconnect()
  }

  private func finished(_ key: String) { handling[key] = nil }

  private func takeAfterReply(_ key: String) -> (@Sendable () async -> Void)? {
    afterReplies.removeValue(forKey: key)
  }

  private func failPending(_ error: JSONRPCError) {
    let waiting = pending
    pending = [:]
    waiting.values.forEach { $0.resume(throwing: error) }
  }

  private func fail(_ id: Int, with error: Error) {
    pending.removeValue(forKey: id)?.resume(throwing: error)
  }

  private func cancel(_ id: Int) async {
    guard let continuation = pending.removeValue(forKey: id) else { return }
    continuation.resume(throwing: CancellationError())
    try? await notify(
      "notifications/cancelled", ["requestId": .int(id), "reason": "cancelled by the user"])
  }

  private func received(_ data: Data) async {
    Self.logger.trace(
      "MCP message received", metadata: ["message": "\(String(decoding: data, as: UTF8.self))"])
    guard let value = JSONValue.parse(data) else {
      if answersMalformed {
        await reply(id: .null, error: JSONRPCError(code: -32700, message: "parse error: not JSON"))
        return
      }
      // Some stdio servers print stray lines on stdout; answering them with parse
      // errors would only confuse the peer.
      Self.logger.debug(
        "not a JSON-RPC message",
        metadata: ["line": "\(String(decoding: data.prefix(200), as: UTF8.self))"])
      return
    }
    for message in value.array ?? [value] { await dispatch(message) }
  }

  private func dispatch(_ message: JSONValue) async {
    let id = message["id"]
    if let method = message["method"]?.string {
      if let id {
        let handler = onRequest
        let key = id.text
        handling[key] = Task {
          do {
            let result = try await handler(method, message["params"], id)
            // A cancelled request gets no answer, as the specification asks.
            if !Task.isCancelled { await self.reply(id: id, result: result) }
            if let work = self.takeAfterReply(key) { Task { await work() } }
          } catch let error as JSONRPCError {
            await self.reply(id: id, error: error)
          } catch {
            if !Task.isCancelled {
              await self.reply(id: id, error: JSONRPCError(code: -32603, message: "\(error)"))
            }
          }
          self.finished(key)
        }
      } else if method == "notifications/cancelled", let id = message["params"]?["requestId"] {
        handling.removeValue(forKey: id.text)?.cancel()
      } else {
        await onNotification(method, message["params"])
      }
    } else if let number = id?.int, let continuation = pending.removeValue(forKey: number) {
      if let error = message["error"] {
        continuation.resume(
          throwing: JSONRPCError(
            code: error["code"]?.int ?? -32603, message: error["message"]?.string ?? "error"))
      } else {
        continuation.resume(returning: message["result"] ?? .null)
      }
    }
  }

  private func reply(id: JSONValue, result: JSONValue? = nil, error: JSONRPCError? = nil) async {
    var message: JSONObject = ["jsonrpc": "2.0", "id": id]
    if let error {
      message["error"] = ["code": .int(error.code), "message": .string(error.message)]
    } else {
      message["result"] = result ?? [:]
    }
    try? await transport.send(Data(JSONValue.object(message).text.utf8))
  }
}
