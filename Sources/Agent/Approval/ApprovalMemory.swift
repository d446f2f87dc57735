import Foundation

/// Questions answered "always" in a session: commands by their exact words, patches by
/// the files they change (a later patch touching only those files is not asked about).
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
  /// Files patches may change without asking, by whether the sandbox is bypassed.
  private var patchFiles: [Bool: Set<String>] = [:]

  /// Nothing remembered.
  public init() {}

  func approved(_ question: ApprovalQuestion) -> Bool {
    lock.withLock {
      if question.kind == .patch, !question.files.isEmpty {
        let allowed = patchFiles[question.retryWithoutSandbox] ?? []
        return question.files.allSatisfy(allowed.contains)
      }
      return keys.contains(Key(question))
    }
  }

  func remember(_ question: ApprovalQuestion) {
    lock.withLock {
      if question.kind == .patch, !question.files.isEmpty {
        patchFiles[question.retryWithoutSandbox, default: []].formUnion(question.files)
      } else {
        _ = keys.insert(Key(question))
      }
    }
  }
}
