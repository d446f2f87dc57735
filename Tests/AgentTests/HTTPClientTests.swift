import Agent
import Foundation
import TestSupport
import Testing

@Suite(.timeLimit(.minutes(10))) struct HTTPClientTests {
  func collect(_ body: AsyncThrowingStream<[UInt8], Error>) async throws -> [String] {
    var chunks: [String] = []
    for try await chunk in body { chunks.append(String(decoding: chunk, as: UTF8.self)) }
    return chunks
  }

  @Test func bodyArrivesChunkByChunkAsTheServerFlushes() async throws {
    let server = try TestHTTPServer()
    defer { server.stop() }
    let (head, body) = try await HTTPClient.stream(HTTPRequest(url: server.baseURL + "/stream"))
    #expect(head.status == 200)
    #expect(head.headers["content-type"] == "text/plain")
    let chunks = try await collect(body)
    #expect(chunks.joined() == "one\ntwo\nthree\n")
    #expect(chunks.count >= 3)
  }

  @Test func postSendsBodyAndHeaders() async throws {
    let server = try TestHTTPServer()
    defer { server.stop() }
    let request = HTTPRequest(
      method: "POST", url: server.baseURL + "/echo",
      headers: [("Authorization", "Bearer test-token")],
      body: Array(#"{"a":1}"#.utf8))
    let (head, body) = try await HTTPClient.stream(request)
    #expect(head.status == 200)
    #expect(head.headers["x-seen-authorization"] == "Bearer test-token")
    #expect(try await collect(body).joined() == #"{"a":1}"#)
  }

  @Test func errorStatusesComeWithTheirHeaders() async throws {
    let server = try TestHTTPServer()
    defer { server.stop() }
    let (head, body) = try await HTTPClient.stream(HTTPRequest(url: server.baseURL + "/status/429"))
    #expect(head.status == 429)
    #expect(head.headers["retry-after"] == "1")
    #expect(try await collect(body).joined() == "status 429")
  }

  @Test func abandoningTheBodyStopsTheTransferPromptly() async throws {
    let server = try TestHTTPServer()
    defer { server.stop() }
    let (_, body) = try await HTTPClient.stream(HTTPRequest(url: server.baseURL + "/stall"))
    var iterator = body.makeAsyncIterator()
    let first = try await iterator.next()
    #expect(first.map { String(decoding: $0, as: UTF8.self) } == "first\n")
    let task = Task {
      var inner = iterator
      return try await inner.next()
    }
    let cancelledAt = ContinuousClock.now
    task.cancel()
    _ = try? await task.value
    // The curl thread itself must end, not only the stream the test reads, and well
    // before the server would end the response (it stalls for 30 s). The bound is loose
    // on purpose: a loaded machine delays threads, not the outcome.
    let url = server.baseURL + "/stall"
    while HTTPClient.activeTransfers(to: url) > 0
      && ContinuousClock.now - cancelledAt < .seconds(20)
    {
      try await Task.sleep(for: .milliseconds(5))
    }
    #expect(HTTPClient.activeTransfers(to: url) == 0)
    #expect(ContinuousClock.now - cancelledAt < .seconds(20))
  }

  @Test func aStalledStreamFailsAfterTheIdleTimeout() async throws {
    let server = try TestHTTPServer()
    defer { server.stop() }
    let (_, body) = try await HTTPClient.stream(
      HTTPRequest(url: server.baseURL + "/stall", idleTimeout: .milliseconds(300)))
    await #expect(throws: HTTPError.self) { _ = try await collect(body) }
  }

  @Test func connectionRefusedIsATransportError() async throws {
    let error = await #expect(throws: HTTPError.self) {
      _ = try await HTTPClient.stream(HTTPRequest(url: "http://127.0.0.1:1/"))
    }
    #expect(error?.kind == .transport)
  }
}
