import Foundation

/// Questions answered "always" in a session, by kind and exact command.
// @unchecked Sendable: the remembered answers are read and changed under `lock`.
public final class ApprovalMemory: @unchecked Sendable {
  private struct Key: Hashable {
    var kind: ApprovalQuestion.Kind
    var command: [String]
    var retryWithoutSandbox: Bool

    init(_ question: ApprovalQuestion) {
      kind = question.kind
      command = question.command
      retryWithoutSandbox = question.retryWithoutSandbox
    }
  }

  private let lock = NSLock()
  private var keys: Set<Key> = []

  /// Nothing remembered.
  public init() {}

  func approved(_ question: ApprovalQuestion) -> Bool {
    lock.withLock { keys.contains(Key(question)) }
  }

  func remember(_ question: ApprovalQuestion) {
    lock.withLock { _ = keys.insert(Key(question)) }
  }
}
