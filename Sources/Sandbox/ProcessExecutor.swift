internal import CSandbox
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Runs commands in their own process group, stdin from `/dev/null`, optionally under
/// Landlock and seccomp, output streamed as it arrives and captured with a cap.
///
/// The wait is event-driven: one `poll` over both output pipes, a pidfd for the
/// child's exit and a wake-up pipe for cancellation, on a thread of its own, so that a
/// command costs no polling delay and never occupies the cooperative thread pool.
public enum ProcessExecutor {
  /// Receives output as it arrives, with the stream it came from.
  public typealias OutputHandler = @Sendable (OutputStreamKind, [UInt8]) -> Void

  /// Runs the command; cancelling the task stops it like a timeout does (SIGTERM to the
  /// group, SIGKILL after the grace period) and returns what it printed.
  public static func run(_ request: ExecRequest, onOutput: OutputHandler? = nil) async throws
    -> ExecResult
  {
    let wake = try Pipe.make()
    let box = ResultBox()
    return try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation { continuation in
        let thread = Thread {
          do {
            continuation.resume(
              returning: try runBlocking(request, wakeDescriptor: wake.read, onOutput: onOutput))
          } catch {
            continuation.resume(throwing: error)
          }
          box.finish(closing: wake)
        }
        thread.start()
      }
    } onCancel: {
      box.signal(wake)
    }
  }

  /// Runs the command on the calling thread. Writing a byte to `wakeDescriptor`
  /// cancels it.
  public static func runBlocking(
    _ request: ExecRequest, wakeDescriptor: Int32 = -1, onOutput: OutputHandler? = nil
  ) throws -> ExecResult {
    guard let program = request.command.first else { throw ExecError.emptyCommand }
    var info = stat()
    guard stat(request.workingDirectory, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
      throw ExecError.workingDirectoryMissing(request.workingDirectory)
    }
    guard let executable = resolve(program, path: request.environment["PATH"]) else {
      throw ExecError.commandNotFound(program)
    }

    let out = try Pipe.make()
    let err = try Pipe.make()
    let start = ContinuousClock.now
    let pid: pid_t
    let supervisor: Supervisor
    do {
      (pid, supervisor) = try spawn(executable, request, stdout: out.write, stderr: err.write)
    } catch {
      [out.read, out.write, err.read, err.write].forEach { _ = close($0) }
      throw error
    }
    close(out.write)
    close(err.write)

    var waiter = Waiter(pid: pid, supervisor: supervisor, request: request, start: start)
    waiter.pump(stdout: out.read, stderr: err.read, wake: wakeDescriptor, onOutput: onOutput)
    close(out.read)
    close(err.read)
    return waiter.result(duration: ContinuousClock.now - start)
  }

  /// The program's path: as given when it holds a slash, else searched in `path`.
  public static func resolve(_ program: String, path: String?) -> String? {
    if program.contains("/") { return program }
    let directories = (path ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":")
    for directory in directories {
      let candidate = directory + "/" + program
      var info = stat()
      if stat(candidate, &info) == 0, info.st_mode & S_IFMT == S_IFREG, access(candidate, X_OK) == 0
      {
        return candidate
      }
    }
    return nil
  }

  private static func spawn(
    _ executable: String, _ request: ExecRequest, stdout: Int32, stderr: Int32
  ) throws -> (pid_t, Supervisor) {
    var environment = request.environment
    var ruleset: Int32 = -1
    var seccomp: SeccompProgram?
    if let sandbox = request.sandbox {
      environment.merge(sandbox.environment) { _, new in new }
      ruleset = try landlockRuleset(sandbox)
      seccomp = try SeccompProgram.shared(allowNetwork: sandbox.allowNetwork)
    }
    defer { if ruleset >= 0 { close(ruleset) } }

    let namespaces = request.sandbox?.namespaces == true
    let argv = CStringArray([executable] + request.command.dropFirst())
    let envp = CStringArray(environment.map { "\($0.key)=\($0.value)" }.sorted())
    let readOnly = CStringArray(namespaces ? request.sandbox!.plan.readOnlyMounts : [])
    let masked = CStringArray(namespaces ? request.sandbox!.maskedSockets : [])
    let uid = geteuid()
    let gid = getegid()
    var pid: pid_t = 0
    var kind: Int32 = 0
    // Every pointer the request holds must stay valid until codex_spawn returns.
    let status = withExtendedLifetime((argv, envp, readOnly, masked)) {
      executable.withCString { path in
        request.workingDirectory.withCString { cwd in
          "\(uid) \(uid) 1".withCString { uidMap in
            "\(gid) \(gid) 1".withCString { gidMap in
              withUnsafePointer(to: seccomp?.program ?? codex_seccomp_program()) { program in
                var spawn = codex_spawn_request(
                  path: path, argv: argv.base, envp: envp.base, cwd: cwd,
                  stdout_fd: stdout, stderr_fd: stderr,
                  landlock_ruleset: ruleset, seccomp: seccomp == nil ? nil : program,
                  namespaces: namespaces ? 1 : 0, uid_map: uidMap, gid_map: gidMap,
                  readonly_paths: readOnly.constBase, readonly_count: Int32(readOnly.count),
                  masked_paths: masked.constBase, masked_count: Int32(masked.count))
                return codex_spawn(&spawn, &pid, &kind)
              }
            }
          }
        }
      }
    }
    guard status == 0 else {
      throw ExecError.spawnFailed(request.command[0], String(cString: strerror(status)))
    }
    return (pid, kind == CODEX_SUPERVISOR_INIT ? .pidNamespaceInit : .reaper)
  }

  private static func landlockRuleset(_ rules: SandboxRules) throws -> Int32 {
    let directories = CStringArray(rules.plan.writeDirectories)
    let files = CStringArray(rules.plan.writeFiles)
    var scopes: UInt32 = 0
    if rules.scopeSignals { scopes |= UInt32(CODEX_SCOPE_SIGNAL) }
    if rules.scopeAbstractSockets { scopes |= UInt32(CODEX_SCOPE_ABSTRACT_UNIX_SOCKET) }
    let descriptor = withExtendedLifetime((directories, files)) {
      codex_landlock_ruleset(
        directories.constBase, Int32(directories.count), files.constBase, Int32(files.count),
        scopes)
    }
    guard descriptor >= 0 else {
      if descriptor == -ENOSYS {
        throw ExecError.sandboxUnavailable(
          LinuxSandbox.Support.current.problem ?? "Landlock is not available")
      }
      throw ExecError.sandboxUnavailable("Landlock: " + String(cString: strerror(-descriptor)))
    }
    return descriptor
  }
}

/// A compiled seccomp filter, built once per network setting and kept for the process.
// @unchecked Sendable: built once and never changed; the filter is only read when a child
// is spawned.
final class SeccompProgram: @unchecked Sendable {
  let program: codex_seccomp_program
  private static let lock = NSLock()
  nonisolated(unsafe) private static var built: [Bool: SeccompProgram] = [:]

  private init(program: codex_seccomp_program) {
    self.program = program
  }

  static func shared(allowNetwork: Bool) throws -> SeccompProgram {
    try lock.withLock {
      if let existing = built[allowNetwork] { return existing }
      var program = codex_seccomp_program()
      let status = codex_seccomp_build(allowNetwork ? 1 : 0, &program)
      guard status == 0 else {
        throw ExecError.sandboxUnavailable("seccomp: " + String(cString: strerror(-status)))
      }
      let made = SeccompProgram(program: program)
      built[allowNetwork] = made
      return made
    }
  }
}

/// The process codex started for a command, which owns the command's process tree and
/// exits with its status once nothing the command started is left.
enum Supervisor {
  /// PID 1 of the command's PID namespace: killing it ends every process in it.
  case pidNamespaceInit
  /// The command's child subreaper: it ignores the group's signals and, when told to
  /// stop, kills every descendant (adopted orphans included) before it exits.
  case reaper
}

/// Waits for one child: reads its output, enforces the timeout and cancellation.
private struct Waiter {
  let pid: pid_t
  let supervisor: Supervisor
  let request: ExecRequest
  let start: ContinuousClock.Instant
  var stdout: CappedOutput
  var stderr: CappedOutput
  var exitStatus: Int32?
  var timedOut = false
  var cancelled = false
  var terminateSentAt: ContinuousClock.Instant?
  var killed = false

  init(pid: pid_t, supervisor: Supervisor, request: ExecRequest, start: ContinuousClock.Instant) {
    self.pid = pid
    self.supervisor = supervisor
    self.request = request
    self.start = start
    stdout = CappedOutput(limit: request.outputLimit)
    stderr = CappedOutput(limit: request.outputLimit)
  }

  /// How long output may still arrive from descendants after the child has exited.
  static let drainWindow: Duration = .milliseconds(100)

  mutating func pump(
    stdout outFD: Int32, stderr errFD: Int32, wake: Int32, onOutput: ProcessExecutor.OutputHandler?
  ) {
    let pidfd = codex_pidfd_open(pid)
    defer { if pidfd >= 0 { close(pidfd) } }
    var open: [Int32: OutputStreamKind] = [outFD: .stdout, errFD: .stderr]
    var exitedAt: ContinuousClock.Instant?
    var buffer = [UInt8](repeating: 0, count: 65536)

    while true {
      let now = ContinuousClock.now
      if exitStatus == nil, pidfd < 0 { reapIfExited() }
      if exitStatus != nil, exitedAt == nil { exitedAt = now }
      // Ending: the child is gone and its pipes are closed (or stayed open too long).
      if let exitedAt {
        let stopping = terminateSentAt != nil && !killed
        if open.isEmpty || (!stopping && now - exitedAt >= Self.drainWindow) { break }
      }
      if let timeout = request.timeout, terminateSentAt == nil, now - start >= timeout {
        timedOut = true
        terminate()
      }
      if let sent = terminateSentAt, !killed, now - sent >= request.killGrace {
        killTree()
        killed = true
        if exitedAt != nil { exitedAt = now }
      }

      var fds = open.keys.sorted().map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
      if pidfd >= 0 && exitStatus == nil {
        fds.append(pollfd(fd: pidfd, events: Int16(POLLIN), revents: 0))
      }
      if wake >= 0 && !cancelled { fds.append(pollfd(fd: wake, events: Int16(POLLIN), revents: 0)) }
      let waitMilliseconds = nextDeadline(now: now, exitedAt: exitedAt, polling: pidfd < 0)
      let ready = poll(&fds, nfds_t(fds.count), waitMilliseconds)
      if ready < 0 && errno != EINTR { break }
      for entry in fds where entry.revents != 0 {
        if entry.fd == pidfd {
          reapIfExited()
        } else if entry.fd == wake {
          cancelled = true
          if exitStatus == nil || !open.isEmpty { terminate() }
        } else if let kind = open[entry.fd] {
          let count = buffer.withUnsafeMutableBytes { read(entry.fd, $0.baseAddress, $0.count) }
          if count > 0 {
            let chunk = Array(buffer[0..<count])
            if kind == .stdout { stdout.append(chunk) } else { stderr.append(chunk) }
            onOutput?(kind, chunk)
          } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
            open[entry.fd] = nil
          }
        }
      }
    }
    if exitStatus != nil {
      // What the command started in the background and left in its group ends with it
      // (only the group: the leader is reaped, so its pid alone may already be another
      // process's).
      _ = kill(-pid, SIGKILL)
    }
    if exitStatus == nil {
      // Stopped waiting with the child still running (poll failed): do not leave it behind.
      killTree()
      var status: Int32 = 0
      while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
      exitStatus = status
    }
  }

  /// Milliseconds until something must happen (timeout, kill, end of drain), or -1.
  private func nextDeadline(
    now: ContinuousClock.Instant, exitedAt: ContinuousClock.Instant?, polling: Bool
  ) -> Int32 {
    var deadlines: [ContinuousClock.Instant] = []
    if let timeout = request.timeout, terminateSentAt == nil { deadlines.append(start + timeout) }
    if let sent = terminateSentAt, !killed { deadlines.append(sent + request.killGrace) }
    if let exitedAt { deadlines.append(exitedAt + Self.drainWindow) }
    if polling && exitStatus == nil { deadlines.append(now + .milliseconds(10)) }
    guard let next = deadlines.min() else { return -1 }
    let remaining = next - now
    let milliseconds = remaining.inMilliseconds
    return Int32(clamping: max(0, milliseconds + 1))
  }

  private mutating func terminate() {
    guard terminateSentAt == nil else { return }
    terminateSentAt = .now
    signalGroup(SIGTERM)
  }

  /// Ends the command and everything it started. Only while the supervisor is not yet
  /// reaped, so its pid cannot be another process's.
  private func killTree() {
    guard exitStatus == nil else { return }
    switch supervisor {
    case .pidNamespaceInit: signalGroup(SIGKILL)
    // SIGKILL to the group would kill the reaper before it has ended the processes
    // that left the group.
    case .reaper: kill(pid, CODEX_REAPER_STOP)
    }
  }

  private func signalGroup(_ signal: Int32) {
    // The child leads its own group; signalling the group reaches every descendant
    // that stayed in it.
    if kill(-pid, signal) != 0 { kill(pid, signal) }
  }

  private mutating func reapIfExited() {
    var status: Int32 = 0
    let reaped = waitpid(pid, &status, WNOHANG)
    if reaped == pid { exitStatus = status }
  }

  func result(duration: Duration) -> ExecResult {
    let status = exitStatus ?? 0
    let signaled = (status & 0x7f) != 0 && (status & 0x7f) != 0x7f
    return ExecResult(
      exitCode: signaled ? nil : (status >> 8) & 0xff, signal: signaled ? status & 0x7f : nil,
      timedOut: timedOut, cancelled: cancelled, stdout: stdout, stderr: stderr, duration: duration)
  }
}

/// A pipe whose both ends close on exec.
struct Pipe: Sendable {
  var read: Int32
  var write: Int32

  static func make() throws -> Pipe {
    var fds: [Int32] = [0, 0]
    guard codex_pipe_cloexec(&fds) == 0 else {
      throw ExecError.spawnFailed("pipe", String(cString: strerror(errno)))
    }
    return Pipe(read: fds[0], write: fds[1])
  }
}

/// Closes the wake-up pipe exactly once, after the run, and signals it only while open.
// @unchecked Sendable: the pipe's state is read and changed under `lock`.
private final class ResultBox: @unchecked Sendable {
  private let lock = NSLock()
  private var finished = false

  func signal(_ pipe: Pipe) {
    lock.withLock {
      guard !finished else { return }
      var byte: UInt8 = 1
      _ = write(pipe.write, &byte, 1)
    }
  }

  func finish(closing pipe: Pipe) {
    lock.withLock {
      finished = true
      close(pipe.read)
      close(pipe.write)
    }
  }
}

/// NUL-terminated C strings, and a NULL-terminated array of them, that live as long as
/// this value (so the pointers stay valid without nesting closures).
final class CStringArray {
  let count: Int
  let base: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>

  init(_ strings: [String]) {
    count = strings.count
    base = .allocate(capacity: strings.count + 1)
    for (index, string) in strings.enumerated() { base[index] = strdup(string) }
    base[strings.count] = nil
  }

  /// The same array, typed as C's `const char *const *`.
  var constBase: UnsafePointer<UnsafePointer<CChar>?> {
    UnsafeRawPointer(base).assumingMemoryBound(to: UnsafePointer<CChar>?.self)
  }

  deinit {
    for index in 0..<count { free(base[index]) }
    base.deallocate()
  }
}
