import Foundation

/// The write end of the pipe the signal handler writes to (set once, before any handler
/// is installed; a handler may only make async-signal-safe calls).
private nonisolated(unsafe) var signalPipe: Int32 = -1

/// The handler: the signal's number down the pipe, nothing else.
private func relaySignal(_ number: Int32) {
  var byte = UInt8(truncatingIfNeeded: number)
  let saved = errno
  _ = write(signalPipe, &byte, 1)
  errno = saved
}

/// The instance signals go to: the newest one (a process has one front-end at a time).
private let currentLock = NSLock()
private nonisolated(unsafe) weak var current: TerminationSignals?

/// SIGINT, SIGTERM and SIGHUP, turned from "die at once" into a call of `onSignal` on a
/// thread of its own, so a front-end can cancel its turn (which stops running commands
/// and their process groups, and completes the session log) and then exit with the
/// status the signal calls for.
///
/// A real handler (a byte down a pipe), not `SIG_IGN` and a dispatch source: an ignored
/// signal can be discarded by whichever thread it lands on, and would be inherited by
/// the commands codex starts, where a handler is reset by `exec`.
// @unchecked Sendable: `first` is set and read under `lock`; the rest is set in init.
// One pipe and one reading thread serve the process; signals go to the newest instance.
final class TerminationSignals: @unchecked Sendable {
  static let handled: [Int32] = [SIGINT, SIGTERM, SIGHUP]
  private let lock = NSLock()
  private var first: Int32?
  private let signals: [Int32]
  private let onSignal: @Sendable (Int32) -> Void

  init(signals: [Int32] = TerminationSignals.handled, onSignal: @escaping @Sendable (Int32) -> Void)
  {
    self.signals = signals
    self.onSignal = onSignal
    currentLock.withLock { current = self }
    if signalPipe < 0 {
      var fds: [Int32] = [0, 0]
      guard pipe(&fds) == 0 else { return }
      _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
      _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
      _ = fcntl(fds[1], F_SETFL, O_NONBLOCK)
      signalPipe = fds[1]
      let readEnd = fds[0]
      let thread = Thread {
        var byte: UInt8 = 0
        while true {
          let count = read(readEnd, &byte, 1)
          if count < 0 && errno == EINTR { continue }
          guard count == 1 else { return }
          currentLock.withLock { current }?.deliver(Int32(byte))
        }
      }
      thread.name = "codex-signals"
      thread.start()
    }
    for number in signals {
      var action = sigaction()
      action.__sigaction_handler.sa_handler = relaySignal
      sigemptyset(&action.sa_mask)
      action.sa_flags = SA_RESTART
      sigaction(number, &action, nil)
    }
  }

  /// Records the first signal and calls `onSignal` for it; later ones are ignored (the
  /// first is already ending the run).
  private func deliver(_ number: Int32) {
    let isFirst = lock.withLock { () -> Bool in
      guard first == nil else { return false }
      first = number
      return true
    }
    if isFirst { onSignal(number) }
  }

  /// The first signal received, if any.
  var received: Int32? { lock.withLock { first } }

  /// The exit status for a run ended by `number`: 128 + the signal, as a shell reports it.
  static func exitStatus(_ number: Int32) -> Int32 { 128 + number }

  /// The signal's name, for the line that says what happened.
  static func name(_ number: Int32) -> String {
    switch number {
    case SIGINT: return "SIGINT"
    case SIGTERM: return "SIGTERM"
    case SIGHUP: return "SIGHUP"
    default: return "signal \(number)"
    }
  }

  deinit {
    for number in signals { signal(number, SIG_DFL) }
  }
}
