import Foundation
import Testing

@testable import Agent

/// Two connected in-memory transports: what one sends, the other receives.
private actor MemoryTransport: MCPTransport {
  private let incoming: AsyncThrowingStream<Data, Error>
  private let incomingContinuation: AsyncThrowingStream<Data, Error>.Continuation
  private var peer: MemoryTransport?
  private(set) var sent: [JSONValue] = []

  init() {
    (incoming, incomingContinuation) = AsyncThrowingStream.makeStream()
  }

  static func pair() async -> (MemoryTransport, MemoryTransport) {
    let a = MemoryTransport()
    let b = MemoryTransport()
    await a.connect(to: b)
    await b.connect(to: a)
    return (a, b)
  }

  func connect(to peer: MemoryTransport) { self.peer = peer }
  func connect() async throws {}
  func disconnect() async { incomingContinuation.finish() }
  func deliver(_ data: Data) { incomingContinuation.yield(data) }

  func send(_ data: Data) async throws {
    sent.append(JSONValue.parse(data) ?? .null)
    await peer?.deliver(data)
  }

  nonisolated func receive() -> AsyncThrowingStream<Data, Error> { incoming }
}

@Suite(.timeLimit(.minutes(10))) struct JSONRPCConnectionTests {
  @Test func requestsGetTheirOwnAnswersAndErrors() async throws {
    let (a, b) = await MemoryTransport.pair()
    let client = JSONRPCConnection(transport: a)
    let server = JSONRPCConnection(
      transport: b,
      onRequest: { method, params, _ in
        if method == "add" {
          return .int((params?["x"]?.int ?? 0) + (params?["y"]?.int ?? 0))
        }
        throw JSONRPCError.methodNotFound(method)
      })
    try await client.start()
    try await server.start()
    async let first = client.request("add", ["x": 1, "y": 2])
    async let second = client.request("add", ["x": 10, "y": 20])
    #expect(try await first == .int(3))
    #expect(try await second == .int(30))
    do {
      _ = try await client.request("nope")
      Issue.record("an unknown method answered")
    } catch let error as JSONRPCError {
      #expect(error.code == -32601)
    }
  }

  @Test func cancellingARequestTellsThePeerAndStopsItsHandler() async throws {
    let (a, b) = await MemoryTransport.pair()
    let started = OneShot<Bool>()
    let stopped = OneShot<Bool>()
    let client = JSONRPCConnection(transport: a)
    let server = JSONRPCConnection(
      transport: b,
      onRequest: { _, _, _ in
        started.fulfil(true)
        do {
          try await Task.sleep(for: .seconds(60))
        } catch {
          stopped.fulfil(true)
          throw error
        }
        return "late"
      })
    try await client.start()
    try await server.start()
    let call = Task { try await client.request("slow") }
    _ = await started.wait()
    call.cancel()
    await #expect(throws: CancellationError.self) { try await call.value }
    #expect(await stopped.wait() == true)
    let notes = await a.sent.filter { $0["method"]?.string == "notifications/cancelled" }
    #expect(notes.first?["params"]?["requestId"] == .int(1))
    // The cancelled request is not answered.
    #expect(await b.sent.isEmpty)
  }

  @Test func closingFailsWhatIsStillWaiting() async throws {
    let (a, b) = await MemoryTransport.pair()
    let started = OneShot<Bool>()
    let client = JSONRPCConnection(transport: a)
    let server = JSONRPCConnection(
      transport: b,
      onRequest: { _, _, _ in
        started.fulfil(true)
        try await Task.sleep(for: .seconds(60))
        return nil
      })
    try await client.start()
    try await server.start()
    let call = Task { try await client.request("slow") }
    _ = await started.wait()
    await client.close()
    do {
      _ = try await call.value
      Issue.record("answered after close")
    } catch let error as JSONRPCError {
      #expect(error.message == "the connection closed")
    }
    await #expect(throws: JSONRPCError.self) { try await client.request("again") }
  }

  @Test func notificationsAndBatchesArrive() async throws {
    let (a, b) = await MemoryTransport.pair()
    let seen = OneShot<String>()
    let server = JSONRPCConnection(
      transport: b,
      onRequest: { method, _, _ in .string(method) },
      onNotification: { method, params in seen.fulfil(method + ":" + (params?["n"]?.text ?? "")) })
    try await server.start()
    await b.deliver(
      Data(
        #"[{"jsonrpc":"2.0","method":"note","params":{"n":7}},{"jsonrpc":"2.0","id":"x","method":"echo"}]"#
          .utf8))
    #expect(await seen.wait() == "note:7")
    // A later request through a peer is answered after the batch's (the server's
    // actor takes them in order).
    let client = JSONRPCConnection(transport: a)
    try await client.start()
    #expect(try await client.request("again") == "again")
    let answer = await b.sent.first { $0["id"] == "x" }
    #expect(answer?["id"] == "x" && answer?["result"] == "echo")
  }

  @Test func requestsReceivedBeforeTheInputEndsAreStillAnswered() async throws {
    let (_, b) = await MemoryTransport.pair()
    let server = JSONRPCConnection(
      transport: b, onRequest: { method, _, _ in .string(method + " done") })
    try await server.start()
    for id in 1...5 {
      await b.deliver(Data(#"{"jsonrpc":"2.0","id":\#(id),"method":"quick"}"#.utf8))
    }
    await b.disconnect()
    await server.waitUntilClosed()
    let answered = await b.sent.compactMap { $0["id"]?.int }.sorted()
    #expect(answered == [1, 2, 3, 4, 5])
  }
}
