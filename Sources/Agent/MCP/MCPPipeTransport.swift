import Foundation

/// MCP's stdio transport over pipes: one JSON-RPC message per line.
///
/// A thread blocks in `read` (no polling). At the end of the input the stream
/// finishes and `onEnd` is called: for a client that is the server going away.
public actor MCPPipeTransport: MCPTransport {
  private let input: Int32
  private let output: Int32
  private let onEnd: @Sendable () -> Void
  private let messages: AsyncThrowingStream<Data, Error>
  private let continuation: AsyncThrowingStream<Data, Error>.Continuation
  private var connected = false
  private var closed = false

  /// For `codex mcp-server`: our stdout and stdin; the stream ends with stdin.
  public static func standardStreams() -> MCPPipeTransport {
    MCPPipeTransport(writing: 1, reading: 0, onEnd: {})
  }

  /// Writes messages to `writing` and reads them from `reading` (a child's stdin and
  /// stdout for a client; our own stdout and stdin for a server).
  init(writing: Int32, reading: Int32, onEnd: @escaping @Sendable () -> Void) {
    self.input = writing
    self.output = reading
    self.onEnd = onEnd
    (messages, continuation) = AsyncThrowingStream.makeStream(bufferingPolicy: .unbounded)
  }

  /// Starts the server process.
  public func connect() async throws {
    guard !connected else { return }
    connected = true
    let output = output
    let continuation = continuation
    let onEnd = onEnd
    Thread.detachNewThread {
      var buffer = [UInt8](repeating: 0, count: 65536)
      var pending: [UInt8] = []
      while true {
        let count = buffer.withUnsafeMutableBytes { read(output, $0.baseAddress, $0.count) }
        if count < 0 && errno == EINTR { continue }
        if count <= 0 { break }
        pending += buffer[..<count]
        var start = 0
        while let newline = pending[start...].firstIndex(of: UInt8(ascii: "\n")) {
          let line = pending[start..<newline]
          if !line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\r") }) {
            continuation.yield(Data(line))
          }
          start = newline + 1
        }
        pending.removeFirst(start)
      }
      continuation.finish()
      onEnd()
    }
  }

  /// Closes its stdin, which tells the server to exit.
  public func disconnect() async {
    guard !closed else { return }
    closed = true
    continuation.finish()
    close(input)
  }

  /// Writes one message as a line to its stdin.
  public func send(_ data: Data) async throws {
    guard !closed else { throw MCPServerError("the server's connection is closed") }
    var bytes = [UInt8](data)
    bytes.append(UInt8(ascii: "\n"))
    var offset = 0
    while offset < bytes.count {
      let written = bytes[offset...].withUnsafeBytes { write(input, $0.baseAddress, $0.count) }
      if written < 0 {
        if errno == EINTR { continue }
        throw MCPServerError("cannot write to the server: \(String(cString: strerror(errno)))")
      }
      offset += written
    }
  }

  /// The messages it writes, one per line of its stdout.
  public nonisolated func receive() -> AsyncThrowingStream<Data, Error> { messages }
}
