import Foundation

/// The REPL's turn in progress, so that a signal arriving on another queue can stop it
/// and wait for it to end (its commands stopped, the session log completed).
// @unchecked Sendable: the task and the semaphore are read and changed under `lock`.
final class RunningTurn: @unchecked Sendable {
  private let lock = NSLock()
  private var task: Task<Bool, Never>?
  private var done: DispatchSemaphore?

  func started(_ task: Task<Bool, Never>) {
    lock.withLock {
      self.task = task
      done = DispatchSemaphore(value: 0)
    }
  }

  func ended() {
    let semaphore = lock.withLock { () -> DispatchSemaphore? in
      defer {
        task = nil
        done = nil
      }
      return done
    }
    semaphore?.signal()
  }

  /// Cancels the turn, if one runs, and waits up to `seconds` for it to end.
  func cancelAndWait(seconds: Double) {
    let (task, done) = lock.withLock { (self.task, self.done) }
    guard let task, let done else { return }
    task.cancel()
    _ = done.wait(timeout: .now() + seconds)
  }
}

/// The terminal's settings, saved at start and put back before an exit that libedit
/// does not see.
struct TerminalMode {
  private var settings: termios

  static func save() -> TerminalMode? {
    var settings = termios()
    guard tcgetattr(0, &settings) == 0 else { return nil }
    return TerminalMode(settings: settings)
  }

  func restore() {
    var settings = self.settings
    _ = tcsetattr(0, TCSANOW, &settings)
  }
}
