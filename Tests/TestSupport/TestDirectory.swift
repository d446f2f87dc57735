import Foundation

/// Folders for tests, under one root per run so that a run cleans up by removing one
/// folder and two runs on one machine never meet.
///
/// The root is `CODEX_TEST_ROOT` (`scripts/test` makes a fresh one and removes it when
/// the run passes), else `codex-tests-UID` under `/var/tmp`. It is deliberately not
/// under `/tmp` or `TMPDIR`: both are writable roots of the workspace-write sandbox, so
/// a workspace there could not show what the sandbox refuses outside it.
public enum TestDirectory {
  public static var root: String {
    if let root = ProcessInfo.processInfo.environment["CODEX_TEST_ROOT"], !root.isEmpty {
      return root
    }
    return "/var/tmp/codex-tests-\(getuid())"
  }

  /// A new, empty folder `ROOT/NAME-UUID`, created with its parents.
  public static func make(_ name: String) throws -> String {
    let path = "\(root)/\(name)-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  /// A fresh path `ROOT/NAME-UUID` that does not exist yet (its parent does, unless it
  /// cannot be made, which the caller's own creation then reports).
  public static func path(_ name: String) -> String {
    try? FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    return "\(root)/\(name)-\(UUID().uuidString)"
  }
}
