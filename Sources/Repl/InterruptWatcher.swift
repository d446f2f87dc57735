internal import CEditLineShim
import Foundation

/// Turns Ctrl-C (SIGINT) into a call of the current action, on a thread of its own: the
/// REPL sets the action to "cancel this turn" while one runs.
// @unchecked Sendable: the current action is swapped and read under `lock`; the rest is set
// once in init.
final class InterruptWatcher: @unchecked Sendable {
  private let lock = NSLock()
  private var action: (@Sendable () -> Void)?

  init?() {
    let descriptor = codex_interrupt_pipe()
    guard descriptor >= 0 else { return nil }
    let thread = Thread { [weak self] in
      var byte: UInt8 = 0
      while true {
        let count = read(descriptor, &byte, 1)
        if count < 0 && errno == EINTR { continue }
        guard count == 1 else { return }
        guard let self else { return }
        self.lock.withLock { self.action }?()
      }
    }
    thread.name = "codex-interrupts"
    thread.start()
  }

  /// Runs `body` with Ctrl-C calling `onInterrupt`.
  func during<T: Sendable>(
    _ onInterrupt: @escaping @Sendable () -> Void, _ body: () async -> T
  ) async -> T {
    lock.withLock { action = onInterrupt }
    defer { lock.withLock { action = nil } }
    return await body()
  }
}
