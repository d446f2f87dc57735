import Foundation

/// The working tree at one moment, to put back later: in a git repository a snapshot of
/// it (tracked and untracked files, the user's index and branches untouched); outside
/// git the same through a private repository of codex's own whose work tree is the
/// directory. Restoring writes beneath the workspace only.
public struct WorkspaceCheckpoint: Sendable {
  let snapshot: GitSnapshot
  /// How git finds the repository (the private one outside git).
  let environment: [String: String]

  /// The workspace at `directory` now, or nil when it cannot be captured.
  public static func take(in directory: String, environment: [String: String]) async
    -> WorkspaceCheckpoint?
  {
    if let snapshot = await GitSnapshot.take(in: directory, environment: environment) {
      return WorkspaceCheckpoint(snapshot: snapshot, environment: environment)
    }
    guard let repository = privateRepository(for: directory) else { return nil }
    var env = environment
    env["GIT_DIR"] = repository
    env["GIT_WORK_TREE"] = directory
    guard let snapshot = await GitSnapshot.take(in: directory, environment: env) else { return nil }
    return WorkspaceCheckpoint(snapshot: snapshot, environment: env)
  }

  /// Puts every file that changed since the checkpoint back as it was (files made since
  /// are removed). Returns the paths restored, relative to the workspace's top.
  public func restore() async throws -> [String] {
    guard let now = await GitSnapshot.take(in: snapshot.root, environment: environment) else {
      throw GitSnapshot.GitError(message: "the workspace cannot be read to restore it")
    }
    return try await snapshot.restore(from: now, environment: environment)
  }

  /// A private git directory (made once) for a directory outside any repository.
  private static func privateRepository(for directory: String) -> String? {
    guard let store = PrivateGitStore.directory else { return nil }
    let name = "work-" + SHA256.hex(Array(directory.utf8)).prefix(16)
    let path = store + "/" + name
    let manager = FileManager.default
    if !manager.fileExists(atPath: path + "/HEAD") {
      do {
        for folder in ["objects", "refs/heads"] {
          try manager.createDirectory(
            atPath: path + "/" + folder, withIntermediateDirectories: true)
        }
        try "ref: refs/heads/main\n".write(
          toFile: path + "/HEAD", atomically: true, encoding: .utf8)
        try "[core]\n\trepositoryformatversion = 0\n\tbare = false\n".write(
          toFile: path + "/config", atomically: true, encoding: .utf8)
      } catch {
        return nil
      }
    }
    return path
  }
}
