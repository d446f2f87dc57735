import Foundation

/// The thread that starts programs meant to outlive the call that started them (MCP
/// servers, background commands). A supervisor dies with the thread that spawned it
/// (`PR_SET_PDEATHSIG` follows the parent thread, not the process), and the threads of
/// the cooperative pool and of Dispatch come and go: spawned from one of them, a server
/// would be killed when that thread retired. This thread lives as long as codex.
// @unchecked Sendable: the job queue changes under `condition`.
final class SpawnThread: @unchecked Sendable {
  static let shared = SpawnThread()

  private let condition = NSCondition()
  private var jobs: [() -> Void] = []

  private init() {
    let thread = Thread { [self] in
      while true {
        condition.lock()
        while jobs.isEmpty { condition.wait() }
        let job = jobs.removeFirst()
        condition.unlock()
        job()
      }
    }
    thread.stackSize = 512 << 10
    thread.start()
  }

  /// Runs `body` on the spawn thread and returns what it returned (or throws what it
  /// threw); the caller waits.
  func run<Result>(_ body: @escaping () throws -> Result) throws -> Result {
    let done = DispatchSemaphore(value: 0)
    nonisolated(unsafe) var outcome: Swift.Result<Result, Error>?
    condition.withLock {
      jobs.append {
        outcome = Swift.Result { try body() }
        done.signal()
      }
      condition.signal()
    }
    done.wait()
    return try outcome!.get()
  }
}
