import Foundation
import Sandbox

/// One process started by `exec_command`: its pseudo-terminal (or pipes), the output it
/// printed that the model has not seen yet (bounded: the oldest bytes go first), and how
/// it ended.
// @unchecked Sendable: the output buffer and flags change under `lock`; the waiting
// condition is signalled under it.
final class UnifiedExecProcess: @unchecked Sendable {
  /// The number the model writes to (`session_id`).
  let id: Int
  /// The command line as the model gave it.
  let command: String
  /// When it started.
  let started = ContinuousClock.now
  let process: LaunchedProcess
  /// Where codex writes the model's characters (the terminal's master, or the stdin pipe).
  private let input: Int32
  private let condition = NSCondition()
  private var unread: [UInt8] = []
  private var droppedBytes = 0
  private var readerDone = false
  private var exitCode: Int32?
  /// The last line printed, for `/ps`.
  private var lastLine = ""

  /// The most bytes kept unread; more drops the oldest (a noisy process cannot grow codex).
  static let bufferLimit = 1 << 20

  init(id: Int, command: String, process: LaunchedProcess, input: Int32, outputs: [Int32]) {
    self.id = id
    self.command = command
    self.process = process
    self.input = input
    let group = DispatchGroup()
    for output in outputs {
      group.enter()
      let thread = Thread { [self] in
        read(output)
        group.leave()
      }
      thread.stackSize = 256 << 10
      thread.start()
    }
    let waiter = Thread { [self] in
      group.wait()
      let code = process.wait()
      condition.withLock {
        readerDone = true
        exitCode = code
        condition.broadcast()
      }
      if input >= 0 { close(input) }
    }
    waiter.stackSize = 256 << 10
    waiter.start()
  }

  private func read(_ descriptor: Int32) {
    var buffer = [UInt8](repeating: 0, count: 16 << 10)
    while true {
      let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
      if count < 0 && errno == EINTR { continue }
      // A terminal's master reads EIO once the last slave is closed: the end.
      if count <= 0 { break }
      condition.withLock {
        unread += buffer[..<count]
        if unread.count > Self.bufferLimit {
          let excess = unread.count - Self.bufferLimit
          unread.removeFirst(excess)
          droppedBytes += excess
        }
        condition.broadcast()
      }
    }
    close(descriptor)
  }

  /// Writes the model's characters to the process (`\u{3}` is Ctrl-C on a terminal).
  func write(_ text: String) -> Bool {
    guard input >= 0 else { return false }
    var bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
      let written = bytes.withUnsafeMutableBytes {
        Glibc.write(input, $0.baseAddress! + offset, $0.count - offset)
      }
      if written < 0 && errno == EINTR { continue }
      if written <= 0 { return false }
      offset += written
    }
    return true
  }

  /// Waits until the process ends or `deadline` passes, then takes the output not yet
  /// seen; returns it with the exit code when it has ended.
  func collect(until deadline: ContinuousClock.Instant) -> (
    output: [UInt8], dropped: Int, exit: Int32?
  ) {
    condition.withLock {
      while !readerDone {
        let left = deadline - .now
        if left <= .zero { break }
        let seconds = Double(left.components.seconds) + Double(left.components.attoseconds) / 1e18
        _ = condition.wait(until: Date(timeIntervalSinceNow: min(seconds, 0.05)))
      }
      let output = unread
      let dropped = droppedBytes
      unread = []
      droppedBytes = 0
      if let text = String(bytes: output.suffix(200), encoding: .utf8)?
        .split(whereSeparator: \.isNewline).last
      {
        lastLine = String(text)
      }
      return (output, dropped, readerDone ? exitCode : nil)
    }
  }

  /// Whether it has ended (and its output is all read).
  var hasEnded: Bool { condition.withLock { readerDone } }

  /// The last line it printed that was collected, for `/ps`.
  var lastOutputLine: String { condition.withLock { lastLine } }

  /// Ends it and everything it started.
  func terminate() { process.terminate() }
}
