import Foundation
import Sandbox

/// Branch and tag names for completion (`/review base <Tab>`).
enum GitRevisions {
  /// Local branches, remote branches and tags of the repository holding `directory`;
  /// empty outside git or when git is missing. git runs confined, as codex's own git
  /// always does (the repository may be one a model planted).
  static func names(in directory: String) -> [String] {
    let request = ConfinedProgram.request(
      [
        "git", "for-each-ref", "--format=%(refname:short)", "refs/heads", "refs/remotes",
        "refs/tags",
      ], workingDirectory: directory, environment: ProcessInfo.processInfo.environment,
      outputLimit: 4 << 20)
    guard let result = try? ProcessExecutor.runBlocking(request), result.exitCode == 0 else {
      return []
    }
    return result.stdout.text.split(separator: "\n").map(String.init)
      .filter { !$0.hasSuffix("/HEAD") }
  }
}
