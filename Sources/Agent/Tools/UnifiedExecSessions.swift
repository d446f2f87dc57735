import Foundation

/// The processes `exec_command` left running, by session id: they outlive the call (a
/// dev server, an interactive interpreter) until they end, the model or the user ends
/// them, or the session ends.
// @unchecked Sendable: the table changes under `lock`.
public final class UnifiedExecSessions: @unchecked Sendable {
  private let lock = NSLock()
  private var processes: [Int: UnifiedExecProcess] = [:]

  /// As many as Codex keeps; the oldest finished ones go first to make room.
  static let limit = 64

  /// An empty table; every process in it ends when codex exits.
  public init() {
    AllUnifiedExecSessions.shared.add(self)
  }

  func add(_ process: UnifiedExecProcess) {
    lock.withLock {
      processes = processes.filter { !$0.value.hasEnded || $0.key == process.id }
      processes[process.id] = process
    }
  }

  /// A fresh id, as Codex gives them (a number the model can type).
  func newID() -> Int {
    lock.withLock {
      var id = Int.random(in: 1000...99_999)
      while processes[id] != nil { id = Int.random(in: 1000...99_999) }
      return id
    }
  }

  /// Whether another process may start (finished ones do not count).
  var hasRoom: Bool {
    lock.withLock { processes.values.filter { !$0.hasEnded }.count < Self.limit }
  }

  func process(_ id: Int) -> UnifiedExecProcess? { lock.withLock { processes[id] } }

  func remove(_ id: Int) { lock.withLock { _ = processes.removeValue(forKey: id) } }

  /// What runs now: id, command, seconds running, the last line it printed.
  public var running: [(id: Int, command: String, seconds: Int, lastLine: String)] {
    lock.withLock {
      processes.values.filter { !$0.hasEnded }.sorted { $0.id < $1.id }.map {
        (
          $0.id, $0.command, Int(($0.started.duration(to: .now)).components.seconds),
          $0.lastOutputLine
        )
      }
    }
  }

  /// Ends one process and what it started; false when there is none by that id.
  @discardableResult public func stop(_ id: Int) -> Bool {
    guard let process = lock.withLock({ processes.removeValue(forKey: id) }) else { return false }
    process.terminate()
    return true
  }

  /// Ends every process.
  public func stopAll() {
    let all = lock.withLock {
      defer { processes = [:] }
      return Array(processes.values)
    }
    all.forEach { $0.terminate() }
  }
}

/// Every table of the process, so that leaving codex ends every background process
/// (their supervisors also die with codex).
final class AllUnifiedExecSessions: @unchecked Sendable {
  // @unchecked Sendable: the list changes under `lock`.
  static let shared = AllUnifiedExecSessions()
  private let lock = NSLock()
  private var tables: [WeakTable] = []

  private struct WeakTable { weak var table: UnifiedExecSessions? }

  private init() {
    atexit {
      let tables =
        AllUnifiedExecSessions.shared.lock.try()
        ? AllUnifiedExecSessions.shared.tables : []
      tables.forEach { $0.table?.stopAll() }
    }
  }

  func add(_ table: UnifiedExecSessions) {
    lock.withLock {
      tables.removeAll { $0.table == nil }
      tables.append(WeakTable(table: table))
    }
  }
}
