/// What a code review looks at: the working tree's changes, a branch's changes since it
/// left a base branch, one commit, or whatever the user's instructions say.
public enum ReviewTarget: Sendable, Equatable {
  /// Staged, unstaged and untracked changes against `HEAD`.
  case uncommitted
  /// The changes since the merge base with `branch` (working tree included).
  case baseBranch(String)
  /// The changes one commit made; `title` names it in the output when given.
  case commit(String, title: String?)
  /// No diff of our own: the model follows these instructions.
  case custom(String)

  /// A short description for the user: `current changes`, `changes against main`.
  public var description: String {
    switch self {
    case .uncommitted: return "current changes (staged, unstaged and untracked)"
    case .baseBranch(let branch): return "changes against \(branch)"
    case .commit(let sha, let title):
      return "commit \(sha.prefix(12))" + (title.map { " (\($0))" } ?? "")
    case .custom(let instructions):
      let line = instructions.split(separator: "\n").first.map(String.init) ?? ""
      return line.count > 60 ? String(line.prefix(59)) + "…" : line
    }
  }
}
