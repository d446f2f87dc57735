import Foundation

/// Branch and tag names for completion (`/review base <Tab>`).
enum GitRevisions {
  /// Local branches, remote branches and tags of the repository holding `directory`;
  /// empty outside git or when git is missing.
  static func names(in directory: String) -> [String] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [
      "git", "-C", directory, "for-each-ref", "--format=%(refname:short)", "refs/heads",
      "refs/remotes", "refs/tags",
    ]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    do { try process.run() } catch { return [] }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return [] }
    return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
      .filter { !$0.hasSuffix("/HEAD") }
  }
}
