import Foundation
import Sandbox

/// Where codex's own git may write. It runs confined (see `ConfinedProgram`), so the
/// repository is only read: the index of a snapshot and the objects git makes for it
/// (blobs of untracked files, trees) go to a directory of this process, with the
/// repository's object store as an alternate for everything already there. Snapshots
/// therefore leave the repository itself untouched.
enum PrivateGitStore {
  /// The process's directory (made on first use, removed when codex exits), or nil when
  /// none can be made.
  static let directory: String? = {
    var template = Array((NSTemporaryDirectory() + "/codex-git-XXXXXX").utf8CString)
    guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
      return nil
    }
    let path = String(cString: made)
    guard mkdir(path + "/objects", 0o700) == 0 else { return nil }
    removal.withLock { $0 = path }
    atexit {
      if let path = PrivateGitStore.removal.withLock({ $0 }) {
        try? FileManager.default.removeItem(atPath: path)
      }
    }
    return path
  }()

  private static let removal = Locked<String?>(nil)

  /// The object stores of the repositories seen, by the directory git ran in.
  private static let objectStores = Locked<[String: String]>([:])

  /// The environment for git in `directory`: objects written privately, the repository's
  /// own read through an alternate.
  static func environment(_ base: [String: String], in directory: String) async -> [String: String]
  {
    guard let private_ = Self.directory else { return base }
    var environment = base
    environment["GIT_OBJECT_DIRECTORY"] = private_ + "/objects"
    if let objects = await objectStore(of: directory, environment: base) {
      environment["GIT_ALTERNATE_OBJECT_DIRECTORIES"] = objects
    }
    return environment
  }

  private static func objectStore(of directory: String, environment: [String: String]) async
    -> String?
  {
    if let known = objectStores.withLock({ $0[directory] }) { return known }
    var plain = environment
    plain["GIT_OBJECT_DIRECTORY"] = nil
    plain["GIT_ALTERNATE_OBJECT_DIRECTORIES"] = nil
    guard
      let result = try? await ProcessExecutor.run(
        ConfinedProgram.request(
          ["git", "rev-parse", "--path-format=absolute", "--git-path", "objects"],
          workingDirectory: directory, environment: plain)),
      result.exitCode == 0
    else { return nil }
    let objects = result.stdout.text.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !objects.isEmpty else { return nil }
    objectStores.withLock { $0[directory] = objects }
    return objects
  }
}

/// A value read and changed under a lock.
// @unchecked Sendable: `value` is only touched while `lock` is held.
final class Locked<Value>: @unchecked Sendable {
  private let lock = NSLock()
  private var value: Value

  init(_ value: Value) { self.value = value }

  func withLock<Result>(_ body: (inout Value) -> Result) -> Result {
    lock.lock()
    defer { lock.unlock() }
    return body(&value)
  }
}
