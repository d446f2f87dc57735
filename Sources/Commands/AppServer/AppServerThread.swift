import Agent
import Foundation

/// A thread the app-server has loaded: its session, its approvals and the turn running.
// @unchecked Sendable: the running turn is read and changed under `lock`.
final class AppServerThread: @unchecked Sendable {
  let session: Session
  let approvals: AppServerApprovals
  private let lock = NSLock()
  private var running: (id: String, task: Task<TurnEnd, Never>)?

  init(session: Session, approvals: AppServerApprovals) {
    self.session = session
    self.approvals = approvals
  }

  /// The turn running, if any.
  var turnID: String? { lock.withLock { running?.id } }

  /// Records the running turn; false when one runs already.
  func begin(_ id: String, _ task: Task<TurnEnd, Never>) -> Bool {
    lock.withLock {
      guard running == nil else { return false }
      running = (id, task)
      return true
    }
  }

  func end(_ id: String) { lock.withLock { if running?.id == id { running = nil } } }

  /// Interrupts turn `id` (the running one when nil); false when it is not running.
  func interrupt(_ id: String?) -> Bool {
    lock.withLock {
      guard let running, id == nil || running.id == id else { return false }
      running.task.cancel()
      return true
    }
  }
}

/// The threads loaded in an app-server, by id.
actor AppServerThreads {
  private var threads: [String: AppServerThread] = [:]
  func add(_ thread: AppServerThread) { threads[thread.session.id] = thread }
  func thread(_ id: String) -> AppServerThread? { threads[id] }
  func interruptAll() { threads.values.forEach { _ = $0.interrupt(nil) } }
  func stopAll() async {
    for thread in threads.values { await thread.session.mcp?.stop() }
  }
}
