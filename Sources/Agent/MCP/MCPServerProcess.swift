internal import CSandbox
import Foundation
import Sandbox

/// A stdio MCP server: the child process, its pipes, and how it ended.
///
/// The child runs in its own process group with a small environment (the variables a
/// program needs to run, plus the server's `env`): API keys in our environment are
/// not handed to every server. Its stderr is kept (the last few KiB) to explain a
/// server that fails to start.
// @unchecked Sendable: the pid and pipes are set once at spawn; the end is a OneShot and
// stderr a locked tail.
final class MCPServerProcess: @unchecked Sendable {
  /// The variables passed through from our environment, as Codex CLI does.
  static let passedVariables = [
    "HOME", "LOGNAME", "PATH", "SHELL", "USER", "LANG", "LC_ALL", "LC_CTYPE", "TERM", "TMPDIR",
    "TZ",
  ]

  let pid: pid_t
  /// We write requests here (the child's stdin).
  let input: Int32
  /// The child's stdout, read by the transport.
  let output: Int32
  /// Set once the child has ended, to a sentence saying how.
  let ended = OneShot<String>()
  private let stderrTail = StderrTail(limit: 4096)

  init(
    command: String, arguments: [String], environment extra: [String: String],
    workingDirectory: String?, parentEnvironment: [String: String]
  ) throws {
    var environment = parentEnvironment.filter { Self.passedVariables.contains($0.key) }
    environment.merge(extra) { _, new in new }
    guard let executable = ProcessExecutor.resolve(command, path: environment["PATH"]) else {
      throw MCPServerError("command not found: \(command)")
    }
    let stdinPipe = try Self.pipe()
    let stdoutPipe = try Self.pipe()
    let stderrPipe = try Self.pipe()
    // The one spawn every process of codex's goes through: a new session, a supervisor
    // that takes the server's own children with it when it ends or codex dies.
    let request = ExecRequest(
      command: [executable] + arguments,
      workingDirectory: workingDirectory ?? FileManager.default.currentDirectoryPath,
      environment: environment)
    let pid: pid_t
    do {
      pid = try ProcessExecutor.launch(
        request, stdin: stdinPipe.read, stdout: stdoutPipe.write, stderr: stderrPipe.write)
    } catch {
      [
        stdinPipe.read, stdoutPipe.write, stderrPipe.write, stdinPipe.write, stdoutPipe.read,
        stderrPipe.read,
      ].forEach { _ = close($0) }
      if case ExecError.spawnFailed(_, let reason) = error {
        throw MCPServerError("cannot start \(command): \(reason)")
      }
      throw MCPServerError("cannot start \(command): \(error)")
    }
    [stdinPipe.read, stdoutPipe.write, stderrPipe.write].forEach { _ = close($0) }
    self.pid = pid
    input = stdinPipe.write
    output = stdoutPipe.read
    RunningServers.shared.add(pid)
    startThreads(stderr: stderrPipe.read)
  }

  /// The end of stderr, for reports.
  var stderrText: String { stderrTail.text }

  /// Asks the server to stop: its stdin closes (a stdio server's signal to leave),
  /// and the group gets SIGTERM.
  func terminate() {
    guard ended.current == nil else { return }
    kill(-pid, SIGTERM)
  }

  private func startThreads(stderr: Int32) {
    let tail = stderrTail
    let stderrRead = DispatchSemaphore(value: 0)
    Thread.detachNewThread {
      defer { stderrRead.signal() }
      var buffer = [UInt8](repeating: 0, count: 4096)
      while true {
        let count = buffer.withUnsafeMutableBytes { read(stderr, $0.baseAddress, $0.count) }
        if count < 0 && errno == EINTR { continue }
        if count <= 0 { break }
        tail.append(buffer[..<count])
      }
      close(stderr)
    }
    let pid = pid
    let ended = ended
    Thread.detachNewThread {
      var status: Int32 = 0
      while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
      RunningServers.shared.remove(pid)
      // What it wrote before exiting explains the exit: let the reader reach the end
      // of the pipe first (bounded: a child of the server may still hold it open).
      _ = stderrRead.wait(timeout: .now() + .milliseconds(500))
      let signal = status & 0x7f
      ended.fulfil(
        signal == 0
          ? "exited with status \((status >> 8) & 0xff)" : "was killed by signal \(signal)")
    }
  }

  private static func pipe() throws -> (read: Int32, write: Int32) {
    var fds: [Int32] = [0, 0]
    guard codex_pipe_cloexec(&fds) == 0 else {
      throw MCPServerError("cannot create a pipe: \(String(cString: strerror(errno)))")
    }
    return (fds[0], fds[1])
  }
}

/// Servers still running, stopped when codex exits: a server that ignores the end of
/// its stdin (or an HTTP-less helper it started) must not outlive the session.
// @unchecked Sendable: the set of pids is read and changed under `lock`.
final class RunningServers: @unchecked Sendable {
  static let shared = RunningServers()
  private let lock = NSLock()
  private var pids: Set<pid_t> = []
  private var exiting = false

  private init() {
    atexit {
      let shared = RunningServers.shared
      let pids = shared.lock.withLock {
        shared.exiting = true
        return shared.pids
      }
      for pid in pids { kill(-pid, SIGTERM) }
    }
  }

  /// Registers the exit handler before any server can start.
  static func prepare() { _ = shared }

  /// A server started while codex is already leaving (its start raced the exit) is
  /// stopped at once.
  func add(_ pid: pid_t) {
    let late = lock.withLock {
      pids.insert(pid)
      return exiting
    }
    if late { kill(-pid, SIGTERM) }
  }
  func remove(_ pid: pid_t) { _ = lock.withLock { pids.remove(pid) } }
}

/// The last bytes a server wrote to stderr.
// @unchecked Sendable: the bytes are appended and read under `lock`.
private final class StderrTail: @unchecked Sendable {
  private let lock = NSLock()
  private var bytes: [UInt8] = []
  private let limit: Int

  init(limit: Int) { self.limit = limit }

  func append(_ chunk: ArraySlice<UInt8>) {
    lock.withLock {
      bytes += chunk
      if bytes.count > limit { bytes.removeFirst(bytes.count - limit) }
    }
  }

  var text: String {
    lock.withLock { String(decoding: bytes, as: UTF8.self) }
      .trimmingCharacters(in: .whitespacesAndNewlines)
  }
}

/// Something went wrong with an MCP server; the message is for the user.
public struct MCPServerError: Error, CustomStringConvertible, Sendable {
  /// What went wrong with the server, in plain words.
  public var description: String
  /// An error with this description.
  public init(_ description: String) { self.description = description }
}
