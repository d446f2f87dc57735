import Foundation

/// What a review is given up front: the diff of its target and the files it touches,
/// taken from git without changing the user's index, branches or stash.
public struct ReviewMaterial: Sendable {
  /// The target it was taken for.
  public var target: ReviewTarget
  /// The repository's top directory (finding paths are shown relative to it).
  public var root: String
  /// `git diff` of the target; empty for custom instructions.
  public var diff: String
  /// The changed files with git's status letter (`M`, `A`, `D`, `R100`), in diff order.
  public var files: [(status: String, path: String)]
  /// The merge base, for a base-branch review.
  public var mergeBase: String?

  /// Why a review cannot start: not a repository, an unknown branch or commit, nothing
  /// to review.
  public struct Problem: Error, CustomStringConvertible {
    /// What is wrong and what to do.
    public var message: String
    /// The target has no changes: not an error of the user's, just nothing to look at.
    public var nothingToReview = false
    /// The message.
    public var description: String { message }
  }

  /// Takes the diff of `target` in the repository holding `directory`.
  public static func gather(
    _ target: ReviewTarget, in directory: String, environment: [String: String]
  ) async throws -> ReviewMaterial {
    guard let now = await GitSnapshot.take(in: directory, environment: environment) else {
      if case .custom = target {
        return ReviewMaterial(target: target, root: directory, diff: "", files: [])
      }
      throw Problem(
        message: "\(directory) is not inside a git repository: a review of changes needs one "
          + "(give instructions instead: /review \"what to look at\")")
    }
    let root = now.root
    func git(_ arguments: [String]) async throws -> String {
      try await GitSnapshot.git(arguments, in: root, environment: environment)
    }
    func resolve(_ revision: String, what: String) async throws -> String {
      // A name starting with a dash would be read by git as an option.
      guard !revision.hasPrefix("-") else {
        throw Problem(message: "\"\(revision)\" is not a \(what) name")
      }
      guard
        let sha = try? await git(["rev-parse", "--verify", "-q", revision + "^{commit}"])
          .trimmingCharacters(in: .whitespacesAndNewlines), !sha.isEmpty
      else {
        throw Problem(message: "no \(what) \"\(revision)\" in \(root) (git rev-parse finds none)")
      }
      return sha
    }
    let head =
      (try? await git(["rev-parse", "--verify", "-q", "HEAD^{tree}"]))?
      .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
    var from: String
    var to = now.tree
    var mergeBase: String?
    var target = target
    switch target {
    case .custom:
      return ReviewMaterial(target: target, root: root, diff: "", files: [])
    case .uncommitted:
      from = head.isEmpty ? GitSnapshot.emptyTree : head
    case .baseBranch(let branch):
      let base = try await resolve(branch, what: "branch")
      guard
        let found = try? await git(["merge-base", "HEAD", base]).trimmingCharacters(
          in: .whitespacesAndNewlines), !found.isEmpty
      else {
        throw Problem(message: "\(branch) and HEAD have no common ancestor to review against")
      }
      mergeBase = found
      from = found
    case .commit(let revision, let title):
      let sha = try await resolve(revision, what: "commit")
      // Named by its hash and subject, whatever revision the user typed (`HEAD~1`).
      let subject = try? await git(["log", "-1", "--format=%s", sha])
      target = .commit(
        sha, title: title ?? subject?.trimmingCharacters(in: .whitespacesAndNewlines))
      to = sha
      let parent = try? await git(["rev-parse", "--verify", "-q", sha + "^"])
      from = parent?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
      if from.isEmpty { from = GitSnapshot.emptyTree }
    }
    let diff = try await git(["diff", "--no-color", "--no-ext-diff", "-M", from, to])
    let listing = try await git(["diff", "--name-status", "-M", "-z", from, to])
    let files = Self.parseNameStatus(listing)
    guard !files.isEmpty else {
      let what: String
      switch target {
      case .uncommitted: what = "the working tree has no changes against HEAD"
      case .baseBranch(let branch): what = "there are no changes against \(branch)"
      default: what = "the commit changes no files"
      }
      throw Problem(message: "nothing to review: \(what)", nothingToReview: true)
    }
    return ReviewMaterial(
      target: target, root: root, diff: diff, files: files, mergeBase: mergeBase)
  }

  /// `git diff --name-status -z` output as (status, path); a rename's path is the new one.
  static func parseNameStatus(_ listing: String) -> [(status: String, path: String)] {
    let fields = listing.split(separator: "\0", omittingEmptySubsequences: true).map(String.init)
    var files: [(status: String, path: String)] = []
    var index = 0
    while index + 1 < fields.count {
      let status = fields[index]
      // Renames and copies carry the old and the new path.
      let paired = status.hasPrefix("R") || status.hasPrefix("C")
      let path = paired && index + 2 < fields.count ? fields[index + 2] : fields[index + 1]
      files.append((status, path))
      index += paired ? 3 : 2
    }
    return files
  }
}
