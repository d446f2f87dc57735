import Agent
import Foundation
import Sandbox

/// A private copy of the workspace for one script run, so that runs side by side (and
/// the original) never see each other's changes. In a git repository: a clone sharing
/// the repository's objects, at the same commit, with the uncommitted and untracked
/// files copied over; elsewhere a plain copy. The original is only read.
public struct WorkspaceCopy: Sendable {
  /// Where the copy of the working directory is.
  public let path: String
  /// The folder to remove afterwards (the whole clone).
  public let top: String

  /// A copy of `source` under a new temporary folder.
  public static func make(of source: String, environment: [String: String]) async throws
    -> WorkspaceCopy
  {
    let top = FileManager.default.temporaryDirectory.appendingPathComponent(
      "codex-workspace-\(UUID().uuidString.prefix(8))"
    ).path
    try FileManager.default.createDirectory(atPath: top, withIntermediateDirectories: true)
    do {
      if let root = await gitRoot(source, environment) {
        try await cloneRepository(root, into: top + "/repo", environment: environment)
        let relative = String(source.dropFirst(root.count))
        return WorkspaceCopy(path: top + "/repo" + relative, top: top)
      }
      try FileManager.default.copyItem(atPath: source, toPath: top + "/work")
      return WorkspaceCopy(path: top + "/work", top: top)
    } catch {
      try? FileManager.default.removeItem(atPath: top)
      throw error
    }
  }

  /// Removes the copy.
  public func remove() {
    try? FileManager.default.removeItem(atPath: top)
  }

  private static func gitRoot(_ directory: String, _ environment: [String: String]) async
    -> String?
  {
    let root = try? await git(["rev-parse", "--show-toplevel"], in: directory, environment)
    return root.flatMap { $0.isEmpty ? nil : $0 }
  }

  /// `git clone --shared` at HEAD, then the working tree's changes copied over.
  private static func cloneRepository(
    _ root: String, into target: String, environment: [String: String]
  ) async throws {
    // The confined git may write only where a folder already is.
    try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
    _ = try await git(
      ["clone", "--quiet", "--shared", "--no-checkout", root, target], in: root, environment,
      writable: [target])
    if let head = try? await git(["rev-parse", "--verify", "-q", "HEAD"], in: root, environment),
      !head.isEmpty
    {
      _ = try await git(
        ["checkout", "--quiet", "--detach", head], in: target, environment, writable: [target])
    }
    let status = try await git(
      ["status", "--porcelain=v1", "-z", "--untracked-files=all", "--no-renames"], in: root,
      environment, trim: false)
    let manager = FileManager.default
    for entry in status.split(separator: "\0") where entry.count > 3 {
      let code = entry.prefix(2)
      let path = String(entry.dropFirst(3))
      let destination = target + "/" + path
      try? manager.removeItem(atPath: destination)
      if code.contains("D") { continue }
      try manager.createDirectory(
        atPath: (destination as NSString).deletingLastPathComponent,
        withIntermediateDirectories: true)
      try manager.copyItem(atPath: root + "/" + path, toPath: destination)
    }
  }

  private static func git(
    _ arguments: [String], in directory: String, _ environment: [String: String],
    writable: [String] = [], trim: Bool = true
  ) async throws -> String {
    let result = try await ProcessExecutor.run(
      ConfinedProgram.request(
        ["git"] + arguments, workingDirectory: directory, environment: environment,
        writable: writable))
    guard result.exitCode == 0 else {
      throw ConfigError("git \(arguments[0]) failed: \(result.stderr.text)")
    }
    return trim
      ? result.stdout.text.trimmingCharacters(in: .whitespacesAndNewlines) : result.stdout.text
  }
}
