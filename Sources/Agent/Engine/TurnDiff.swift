import Foundation

/// What a turn changed, so that front-ends can show the turn's diff and undo it.
///
/// Files changed through `apply_patch` are kept with their contents before the turn. In a
/// git repository the working tree is also snapshotted before the turn's first command
/// that may write, so changes made by commands count too; a turn that only reads or
/// only patches takes no snapshot.
public struct TurnDiff: Sendable {
  /// The repository as it was when the turn started.
  public var gitBase: GitSnapshot?
  var environment: [String: String] = [:]
  /// Absolute path to the content before the turn (nil: the file did not exist).
  public private(set) var originals: [String: String?] = [:]
  /// Paths in the order they were first changed.
  public private(set) var order: [String] = []

  /// A record starting from `gitBase` (the working tree before the turn), when in git.
  public init(gitBase: GitSnapshot? = nil, environment: [String: String] = [:]) {
    self.gitBase = gitBase
    self.environment = environment
  }

  mutating func record(_ change: FileChange, applier: PatchApplier) {
    remember(applier.absolute(change.path), change.oldText)
    if let target = change.movedTo, target != change.path {
      remember(applier.absolute(target), nil)
    }
  }

  private mutating func remember(_ path: String, _ text: String?) {
    guard originals[path] == nil else { return }
    originals[path] = .some(text)
    order.append(path)
  }

  /// A unified diff of every changed file, before the turn against now.
  public func unifiedDiff() async throws -> String {
    var commands = ""
    if let base = gitBase, let now = await GitSnapshot.take(in: base.root, environment: environment)
    {
      commands = try await base.diff(to: now, environment: environment)
      if order.isEmpty { return commands }
    }
    return commands
      + order.map { path in
        let before = originals[path] ?? nil
        let now = try? String(contentsOfFile: path, encoding: .utf8)
        return UnifiedDiff.make(
          old: before ?? "", new: now ?? "", oldName: before == nil ? "/dev/null" : "a" + path,
          newName: now == nil ? "/dev/null" : "b" + path)
      }.joined()
  }

  /// Puts every file back as it was before the turn. Returns the paths restored.
  public func undo() async throws -> [String] {
    var restored: [String] = []
    // Commands' changes since the snapshot first, then the patched files as they were
    // before the turn (a patch may have come before the snapshot).
    if let base = gitBase, let now = await GitSnapshot.take(in: base.root, environment: environment)
    {
      restored = try await base.restore(from: now, environment: environment)
      if order.isEmpty { return restored }
    }
    for path in order.reversed() {
      if let original = originals[path] ?? nil {
        try original.write(toFile: path, atomically: true, encoding: .utf8)
      } else if FileManager.default.fileExists(atPath: path) {
        try FileManager.default.removeItem(atPath: path)
      }
    }
    let root = gitBase.map { $0.root + "/" }
    for path in order {
      let shown =
        root.flatMap { path.hasPrefix($0) ? String(path.dropFirst($0.count)) : nil } ?? path
      if !restored.contains(shown) { restored.append(shown) }
    }
    return restored
  }
}
