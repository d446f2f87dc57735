internal import CCurl
internal import CCurlShim
import Foundation

/// Streaming HTTP over libcurl.
///
/// Each transfer runs on a thread of its own (never on the cooperative pool) in a
/// `curl_multi_poll` loop, so that it can be woken the moment its consumer goes away:
/// cancelling stops the transfer within milliseconds. Proxies come from the usual
/// environment variables (`HTTPS_PROXY`, `NO_PROXY`, ...); TLS peers are verified.
public enum HTTPClient {
  /// Transfers to `url` whose thread is still running; lets tests see that a
  /// cancelled transfer really stopped.
  public static func activeTransfers(to url: String) -> Int { TransferCount.shared.value(url) }

  /// Loads libcurl (and the thirty-odd libraries it links) on a background thread, for a
  /// front-end that will make a request soon: loading takes several milliseconds that
  /// would otherwise come before its first request. Loading happens once either way.
  public static func prepare() {
    Thread.detachNewThread { _ = codex_curl_load() }
  }

  /// Sends the request; returns once the response head is in, with the body as a
  /// stream of chunks in the order the server flushed them.
  public static func stream(
    _ request: HTTPRequest
  ) async throws -> (HTTPResponseHead, AsyncThrowingStream<[UInt8], Error>) {
    if let problem = codex_curl_load() {
      throw HTTPError(kind: .invalid, reason: String(cString: problem), url: request.url)
    }
    let transfer = Transfer(request: request)
    let (body, continuation) = AsyncThrowingStream<[UInt8], Error>.makeStream(
      bufferingPolicy: .unbounded)
    continuation.onTermination = { _ in transfer.cancel() }
    let head: HTTPResponseHead = try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation { headContinuation in
        transfer.start(head: headContinuation, body: continuation)
      }
    } onCancel: {
      transfer.cancel()
    }
    return (head, body)
  }
}

/// One transfer: the curl handles and what the callbacks need.
// @unchecked Sendable: the continuations and flags are read and changed under `lock`;
// curl's callbacks run on the transfer's own thread.
private final class Transfer: @unchecked Sendable {
  let request: HTTPRequest
  private let lock = NSLock()
  private var cancelled = false
  private var multi: OpaquePointer?
  private var headContinuation: CheckedContinuation<HTTPResponseHead, Error>?
  private var body: AsyncThrowingStream<[UInt8], Error>.Continuation?
  private var headerLines: [String] = []
  /// Bytes received and not yet handed on, and since when: a stream of many small
  /// writes is handed on in batches at most every `batchWindow`, so its consumer wakes
  /// once per batch instead of once per write.
  private var pending: [UInt8] = []
  private var pendingSince: ContinuousClock.Instant?
  private static let batchWindow = Duration.milliseconds(1)
  fileprivate var easy: UnsafeMutableRawPointer?
  fileprivate var lastByte = ContinuousClock.now

  init(request: HTTPRequest) {
    self.request = request
  }

  func start(
    head: CheckedContinuation<HTTPResponseHead, Error>,
    body: AsyncThrowingStream<[UInt8], Error>.Continuation
  ) {
    headContinuation = head
    self.body = body
    let thread = Thread { [self] in run() }
    thread.stackSize = 1 << 20
    thread.start()
  }

  func cancel() {
    lock.withLock {
      cancelled = true
      if let multi { codex_curl_multi_wakeup(UnsafeMutableRawPointer(multi)) }
    }
  }

  private var isCancelled: Bool { lock.withLock { cancelled } }

  private func run() {
    TransferCount.shared.change(request.url, by: 1)
    defer { TransferCount.shared.change(request.url, by: -1) }
    guard let handle = codex_curl_easy_init() else {
      finish(
        HTTPError(kind: .invalid, reason: "libcurl could not create a transfer", url: request.url))
      return
    }
    easy = handle
    let multiHandle = codex_curl_multi_init()
    lock.withLock { multi = OpaquePointer(multiHandle) }
    var headerList: UnsafeMutablePointer<curl_slist>?
    for (name, value) in request.headers {
      headerList = codex_curl_slist_append(headerList, "\(name): \(value)")
    }
    // Never "Expect: 100-continue": it costs a round trip on every POST.
    headerList = codex_curl_slist_append(headerList, "Expect:")
    let body = request.body.map { Data($0) } ?? Data()

    codex_curl_setopt_string(handle, CURLOPT_URL, request.url)
    codex_curl_setopt_string(handle, CURLOPT_CUSTOMREQUEST, request.method)
    codex_curl_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
    codex_curl_setopt_long(
      handle, CURLOPT_CONNECTTIMEOUT_MS, Int(request.connectTimeout.inMilliseconds))
    codex_curl_setopt_string(handle, CURLOPT_ACCEPT_ENCODING, "")
    codex_curl_setopt_pointer(handle, CURLOPT_HTTPHEADER, headerList)
    let context = Unmanaged.passUnretained(self).toOpaque()
    codex_curl_set_callback(handle, 0, writeCallback, context)
    codex_curl_set_callback(handle, 1, headerCallback, context)
    body.withUnsafeBytes { bytes in
      if request.body != nil {
        codex_curl_setopt_long(handle, CURLOPT_POSTFIELDSIZE_LARGE, bytes.count)
        // COPYPOSTFIELDS: curl keeps its own copy, so the bytes may go away.
        codex_curl_setopt_pointer(
          handle, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: bytes.baseAddress))
      }
    }
    codex_curl_multi_add_handle(multiHandle, handle)

    var running: Int32 = 1
    var result: Int32 = -1
    lastByte = .now
    while running > 0 && !isCancelled {
      codex_curl_multi_perform(multiHandle, &running)
      if running == 0 { break }
      if let since = pendingSince {
        let left = Self.batchWindow - (ContinuousClock.now - since)
        if left > .zero {
          // Bytes wait to be handed on anyway: rather than waking for each of the
          // server's writes (a poll and a read per streamed delta), let the kernel
          // gather them until the window closes, and read them at once.
          var pause = timespec(tv_sec: 0, tv_nsec: Int(left.components.attoseconds / 1_000_000_000))
          nanosleep(&pause, nil)
          continue
        }
        handOn()
      }
      codex_curl_multi_poll(multiHandle, 100)
      if ContinuousClock.now - lastByte > request.idleTimeout {
        result = -2
        break
      }
    }
    if result == -1 { result = codex_curl_multi_done(multiHandle, nil) }
    handOn()

    let cancelledNow = isCancelled
    codex_curl_multi_remove_handle(multiHandle, handle)
    lock.withLock { multi = nil }
    codex_curl_multi_cleanup(multiHandle)
    let status = codex_curl_response_code(handle)
    codex_curl_easy_cleanup(handle)
    codex_curl_slist_free_all(headerList)
    easy = nil

    if cancelledNow {
      finish(CancellationError())
    } else if result == -2 {
      finish(
        HTTPError(
          kind: .idle, reason: "no data for \(request.idleTimeout) (the stream stalled)",
          url: request.url))
    } else if result != 0 {
      let reason =
        HTTPError.plainWords(curlCode: Int(result))
        ?? String(cString: codex_curl_easy_strerror(CURLcode(UInt32(result))))
      finish(HTTPError(kind: .transport, reason: reason, url: request.url))
    } else {
      deliverHead(status: Int(status))
      finish(nil)
    }
  }

  fileprivate func received(_ bytes: [UInt8]) -> Bool {
    lastByte = .now
    if isCancelled { return false }
    deliverHead(status: easy.map { Int(codex_curl_response_code($0)) } ?? 0)
    if pending.isEmpty {
      pending = bytes
      pendingSince = lastByte
    } else {
      pending.append(contentsOf: bytes)
    }
    if pending.count >= 1 << 16 { handOn() }
    return true
  }

  /// Hands the bytes received so far to the consumer.
  private func handOn() {
    guard !pending.isEmpty else { return }
    body?.yield(pending)
    pending = []
    pendingSince = nil
  }

  fileprivate func receivedHeader(_ line: String) {
    lastByte = .now
    // A new status line (after a redirect or 100 Continue) starts a new header block.
    if line.hasPrefix("HTTP/") { headerLines = [] }
    headerLines.append(line)
  }

  private func deliverHead(status: Int) {
    guard let continuation = headContinuation else { return }
    headContinuation = nil
    var headers: [String: String] = [:]
    for line in headerLines {
      guard let colon = line.firstIndex(of: ":") else { continue }
      let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
      headers[name] = line[line.index(after: colon)...].trimmingCharacters(
        in: .whitespacesAndNewlines)
    }
    continuation.resume(returning: HTTPResponseHead(status: status, headers: headers))
  }

  private func finish(_ error: Error?) {
    if let continuation = headContinuation {
      headContinuation = nil
      continuation.resume(
        throwing: error ?? HTTPError(kind: .transport, reason: "no response", url: request.url))
    }
    if let error { body?.finish(throwing: error) } else { body?.finish() }
    body = nil
  }
}

/// The transfer and the bytes of one libcurl callback.
private func callbackArguments(
  _ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int,
  _ context: UnsafeMutableRawPointer?
) -> (Transfer, UnsafeRawBufferPointer)? {
  guard let data, let context else { return nil }
  return (
    Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue(),
    UnsafeRawBufferPointer(start: data, count: size * count)
  )
}

private func writeCallback(
  _ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int,
  _ context: UnsafeMutableRawPointer?
) -> Int {
  guard let (transfer, bytes) = callbackArguments(data, size, count, context) else { return 0 }
  return transfer.received(Array(bytes)) ? bytes.count : 0
}

private func headerCallback(
  _ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int,
  _ context: UnsafeMutableRawPointer?
) -> Int {
  guard let (transfer, bytes) = callbackArguments(data, size, count, context) else { return 0 }
  transfer.receivedHeader(String(decoding: bytes, as: UTF8.self))
  return bytes.count
}

// @unchecked Sendable: the counts are read and changed under `lock`.
private final class TransferCount: @unchecked Sendable {
  static let shared = TransferCount()
  private let lock = NSLock()
  private var counts: [String: Int] = [:]
  func change(_ url: String, by delta: Int) { lock.withLock { counts[url, default: 0] += delta } }
  func value(_ url: String) -> Int { lock.withLock { counts[url] ?? 0 } }
}
