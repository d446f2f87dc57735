import Foundation
import Sandbox

/// The whole working tree of a git repository (tracked and untracked files, minus what
/// .gitignore excludes) captured as a tree object, without touching the user's index,
/// branches or stash: files are added to a private index and written as a tree.
///
/// Two snapshots give the exact changes between them, whoever made them (patches or
/// commands), and the first can be restored.
public struct GitSnapshot: Sendable, Equatable {
  /// The repository's top directory.
  public var root: String
  /// The tree object of the working tree at the time, untracked files included.
  public var tree: String

  /// A snapshot of the repository holding `directory`, or nil outside git.
  public static func take(in directory: String, environment: [String: String]) async -> GitSnapshot?
  {
    guard
      let root = try? await git(
        ["rev-parse", "--show-toplevel"], in: directory, environment: environment
      )
      .trimmingCharacters(in: .whitespacesAndNewlines), !root.isEmpty
    else { return nil }
    // The incremental index serves the repository as git finds it by itself; an
    // environment that points git elsewhere (a private repository) is read in full.
    if environment["GIT_DIR"] == nil, environment["GIT_WORK_TREE"] == nil,
      environment["GIT_INDEX_FILE"] == nil,
      let index = await WorkingTreeIndex.of(root: root, environment: environment)
    {
      if let tree = await index.currentTree(environment: environment) {
        return GitSnapshot(root: root, tree: tree)
      }
    }
    return await takeInFull(root: root, environment: environment)
  }

  /// Every file added to a fresh private index (from the user's, for its stat data).
  static func takeInFull(root: String, environment: [String: String]) async -> GitSnapshot? {
    let index =
      (PrivateGitStore.directory ?? NSTemporaryDirectory()) + "/index-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: index) }
    // Starting from the user's index lets git reuse its stat cache instead of hashing every file.
    if let gitDirectory = try? await git(
      ["rev-parse", "--git-dir"], in: root, environment: environment
    )
    .trimmingCharacters(in: .whitespacesAndNewlines) {
      let source =
        gitDirectory.hasPrefix("/") ? gitDirectory + "/index" : root + "/" + gitDirectory + "/index"
      copyIndex(source, to: index)
    }
    var env = environment
    env["GIT_INDEX_FILE"] = index
    guard (try? await git(["add", "-A", "--", "."], in: root, environment: env)) != nil,
      let tree = try? await git(["write-tree"], in: root, environment: env).trimmingCharacters(
        in: .whitespacesAndNewlines)
    else { return nil }
    return GitSnapshot(root: root, tree: tree)
  }

  /// Copies a git index keeping its own time: git tells a file changed within the same
  /// second as the index was written ("racily clean") by comparing the two, and a newer
  /// copy would let a same-size edit made in that second pass unseen.
  static func copyIndex(_ source: String, to copy: String) {
    guard (try? FileManager.default.copyItem(atPath: source, toPath: copy)) != nil else { return }
    var info = stat()
    if stat(source, &info) == 0 {
      var times = [info.st_atim, info.st_mtim]
      _ = utimensat(AT_FDCWD, copy, &times, 0)
    }
  }

  /// `git diff` of the working tree against the last commit, untracked files included
  /// (what `/diff` shows), or nil outside git.
  public static func workingTreeDiff(in directory: String, environment: [String: String])
    async
    throws -> String?
  {
    guard let now = await take(in: directory, environment: environment) else { return nil }
    // A repository without commits compares against the empty tree.
    let head =
      (try? await git(
        ["rev-parse", "--verify", "-q", "HEAD^{tree}"], in: now.root, environment: environment))?
      .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
    let base = GitSnapshot(root: now.root, tree: head.isEmpty ? emptyTree : head)
    return try await base.diff(to: now, environment: environment)
  }

  /// The object name git gives a tree with no entries.
  static let emptyTree = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"

  /// `git diff` from this snapshot to `later`.
  public func diff(to later: GitSnapshot, environment: [String: String]) async throws -> String {
    try await Self.git(
      ["diff", "--no-color", "--no-ext-diff", tree, later.tree], in: root, environment: environment)
  }

  /// Puts every file that differs in `later` back as it is in this snapshot (files
  /// that did not exist here are removed). Returns the paths restored.
  public func restore(from later: GitSnapshot, environment: [String: String]) async throws
    -> [String]
  {
    let listing = try await Self.git(
      ["diff", "--no-renames", "--name-status", "-z", tree, later.tree], in: root,
      environment: environment)
    let fields = listing.split(separator: "\0", omittingEmptySubsequences: true).map(String.init)
    var restored: [String] = []
    // Written beneath the repository's descriptor: a directory the model replaced by a
    // link since the snapshot cannot lead a restored file outside, nor into .git.
    let top = LocalFileSystem().resolve(root) ?? root
    let writer = ConfinedFileWriter(
      area: WritableArea(roots: [WritableArea.Root(path: top, readOnly: [top + "/.git"])]),
      workingDirectory: top)
    var index = 0
    while index + 1 < fields.count {
      let status = fields[index]
      let path = fields[index + 1]
      index += 2
      let absolute = top + "/" + path
      if status == "A" {
        try? writer.remove(absolute)
      } else {
        let result = try await ProcessExecutor.run(
          ConfinedProgram.request(
            ["git", "cat-file", "blob", "\(tree):\(path)"], workingDirectory: root,
            environment: await PrivateGitStore.environment(environment, in: root),
            outputLimit: Int.max / 4))
        guard result.exitCode == 0 else {
          throw GitError(message: "cannot restore \(path): \(result.stderr.text)")
        }
        do {
          try result.stdout.keptBytes.withUnsafeBytes { try writer.write(absolute, $0) }
        } catch {
          throw GitError(message: "cannot restore \(path): \(error)")
        }
      }
      restored.append(path)
    }
    return restored
  }

  /// A git command that failed.
  public struct GitError: Error, CustomStringConvertible {
    /// The command and what it printed.
    public var message: String
    /// The message.
    public var description: String { message }
  }

  static func git(_ arguments: [String], in directory: String, environment: [String: String])
    async throws -> String
  {
    // Confined: the repository is only read, git writes to the private store alone.
    let result = try await ProcessExecutor.run(
      ConfinedProgram.request(
        ["git"] + arguments, workingDirectory: directory,
        environment: await PrivateGitStore.environment(environment, in: directory),
        writable: PrivateGitStore.directory.map { [$0] } ?? []))
    guard result.exitCode == 0 else {
      throw GitError(message: "git \(arguments.first ?? ""): \(result.stderr.text)")
    }
    return result.stdout.text
  }
}
