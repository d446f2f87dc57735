internal import CSandbox
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

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
struct ProcessWaiter {
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
