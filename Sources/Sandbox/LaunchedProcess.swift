internal import CSandbox
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A program started to run on its own (an interactive command the model writes to, an
/// MCP server): its supervisor's pid, which ends with the program's status and takes
/// everything the program started with it. Placeholders its world needs are held until
/// it has ended.
// @unchecked Sendable: the status and placeholders change under `lock` only.
public final class LaunchedProcess: @unchecked Sendable {
  /// The supervisor's pid, which stands for the program (signals go to its group).
  public let pid: Int32
  let supervisor: Supervisor
  private let lock = NSLock()
  private var status: Int32?
  private var placeholders: [String]

  init(pid: Int32, supervisor: Supervisor, placeholders: [String]) {
    self.pid = pid
    self.supervisor = supervisor
    self.placeholders = placeholders
  }

  /// The exit code (128 + the signal for a killed program) once it has ended, else nil;
  /// never waits.
  public func poll() -> Int32? {
    lock.withLock {
      if let status { return status }
      var raw: Int32 = 0
      guard waitpid(pid, &raw, WNOHANG) == pid else { return nil }
      return finish(raw)
    }
  }

  /// Waits for the end and returns its exit code (128 + signal when killed).
  public func wait() -> Int32 {
    if let done = poll() { return done }
    var raw: Int32 = 0
    while waitpid(pid, &raw, 0) < 0 && errno == EINTR {}
    return lock.withLock { status ?? finish(raw) }
  }

  private func finish(_ raw: Int32) -> Int32 {
    let signal = raw & 0x7f
    let code = signal == 0 ? (raw >> 8) & 0xff : 128 + signal
    status = code
    Placeholders.shared.release(placeholders)
    placeholders = []
    return code
  }

  /// Ends the program and everything it started (its PID namespace, or its reaper's
  /// charges). Only while it has not been reaped, so the pid cannot be another's.
  public func terminate() {
    lock.withLock {
      guard status == nil else { return }
      switch supervisor {
      case .pidNamespaceInit: _ = kill(pid, SIGKILL)
      case .reaper: _ = kill(pid, CODEX_REAPER_STOP)
      }
    }
  }
}
