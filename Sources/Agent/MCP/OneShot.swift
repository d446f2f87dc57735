import Foundation

/// A value set once that any number of tasks can wait for.
///
/// Waiting honours cancellation: a cancelled waiter gets `nil` at once, so a task
/// group that races this against other work can always finish.
// @unchecked Sendable: the value and the waiters are read and changed under `lock`.
final class OneShot<Value: Sendable>: @unchecked Sendable {
  private let lock = NSLock()
  private var value: Value?
  private var waiters: [UUID: CheckedContinuation<Value?, Never>] = [:]

  /// Sets the value (only the first call counts) and wakes every waiter.
  func fulfil(_ newValue: Value) {
    let woken: [CheckedContinuation<Value?, Never>] = lock.withLock {
      guard value == nil else { return [] }
      value = newValue
      defer { waiters = [:] }
      return Array(waiters.values)
    }
    woken.forEach { $0.resume(returning: newValue) }
  }

  var current: Value? { lock.withLock { value } }

  /// The value once set, or nil when the waiting task is cancelled first.
  func wait() async -> Value? {
    let id = UUID()
    return await withTaskCancellationHandler {
      await withCheckedContinuation { continuation in
        let ready: Value?? = lock.withLock {
          if let value { return .some(value) }
          if Task.isCancelled { return .some(nil) }
          waiters[id] = continuation
          return nil
        }
        if let ready { continuation.resume(returning: ready) }
      }
    } onCancel: {
      let waiter = lock.withLock { waiters.removeValue(forKey: id) }
      waiter?.resume(returning: nil)
    }
  }

  /// The value if it is set within `limit`, else nil.
  func wait(atMost limit: Duration) async -> Value? {
    await withTaskGroup(of: Value?.self) { group in
      group.addTask { await self.wait() }
      group.addTask {
        try? await Task.sleep(for: limit)
        return nil
      }
      let first = await group.next() ?? nil
      group.cancelAll()
      return first
    }
  }
}
