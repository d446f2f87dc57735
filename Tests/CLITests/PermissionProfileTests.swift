import Foundation
import TestSupport
import Testing

/// Permission profiles as Codex 0.163 writes them (`default_permissions`,
/// `[permissions.NAME]`, `codex sandbox -P NAME`), enforced by the sandbox here.
@Suite(.timeLimit(.minutes(10))) struct PermissionProfileTests {
  struct Setup {
    let home: String
    let workspace: String
    let extra: String
    let other: String
  }

  func setUp(_ config: (Setup) -> String) throws -> Setup {
    let root = try TestDirectory.make("codex-permissions")
    for folder in ["ws", "extra", "other"] {
      try FileManager.default.createDirectory(
        atPath: root + "/" + folder, withIntermediateDirectories: true)
    }
    let partial = Setup(
      home: "", workspace: root + "/ws", extra: root + "/extra", other: root + "/other")
    let home = try CodexProcess.makeHome(config: Data(config(partial).utf8))
    return Setup(
      home: home, workspace: partial.workspace, extra: partial.extra, other: partial.other)
  }

  /// Which of the three folders a sandboxed command could write.
  func writable(_ setup: Setup, _ arguments: [String] = []) throws -> (Set<String>, String) {
    let script = ["ws", "extra", "other"].map { name in
      let folder = name == "ws" ? setup.workspace : name == "extra" ? setup.extra : setup.other
      return "touch \(folder)/probe 2>/dev/null && echo \(name)"
    }.joined(separator: "; ")
    let result = try CodexProcess.run(
      ["sandbox"] + arguments + ["--", "sh", "-c", script], environment: ["CODEX_HOME": setup.home],
      directory: setup.workspace)
    for folder in [setup.workspace, setup.extra, setup.other] {
      try? FileManager.default.removeItem(atPath: folder + "/probe")
    }
    return (Set(result.stdout.split(separator: "\n").map(String.init)), result.stderr)
  }

  @Test func aProfileExtendingWorkspaceAddsItsFolderAndOnlyThat() throws {
    let setup = try setUp {
      """
      default_permissions = "extra"
      [permissions.extra]
      extends = ":workspace"
      [permissions.extra.filesystem]
      "\($0.extra)" = "write"
      [permissions.extra.network]
      enabled = false
      """
    }
    #expect(try writable(setup).0 == ["ws", "extra"])
    // -P chooses another, built in or not.
    #expect(try writable(setup, ["-P", ":read-only"]).0 == [])
    #expect(try writable(setup, ["-P", ":workspace"]).0 == ["ws"])
    let explained = try CodexProcess.run(
      ["sandbox", "--explain"], environment: ["CODEX_HOME": setup.home],
      directory: setup.workspace)
    #expect(explained.stdout.contains("permission profile: extra"), "\(explained.stdout)")
    let shown = try CodexProcess.run(
      ["config"], environment: ["CODEX_HOME": setup.home], directory: setup.workspace)
    #expect(shown.stdout.contains("sandbox_mode = workspace-write"), "\(shown.stdout)")
    #expect(shown.stdout.contains("(permission profile extra)"), "\(shown.stdout)")
  }

  @Test func aProfileOfOneFolderLeavesTheWorkspaceReadOnlyAndSaysWhatItCannotEnforce() throws {
    let setup = try setUp {
      """
      default_permissions = "narrow"
      [permissions.narrow]
      extends = ":read-only"
      [permissions.narrow.filesystem]
      "\($0.extra)" = "write"
      "\($0.other)" = "none"
      """
    }
    let (folders, stderr) = try writable(setup)
    #expect(folders == ["extra"])
    #expect(stderr.contains("read denials are not enforced here"), "\(stderr)")
  }

  @Test func sandboxModeWinsOverDefaultPermissionsAsInCodex() throws {
    let setup = try setUp { _ in
      """
      sandbox_mode = "read-only"
      default_permissions = ":workspace"
      """
    }
    #expect(try writable(setup).0 == [])
    #expect(try writable(setup, ["-P", ":workspace"]).0 == ["ws"])
  }

  @Test func anUnknownOrCircularProfileIsAnError() throws {
    let setup = try setUp { _ in
      """
      default_permissions = "a"
      [permissions.a]
      extends = "b"
      [permissions.b]
      extends = "a"
      """
    }
    let circular = try CodexProcess.run(
      ["sandbox", "--", "true"], environment: ["CODEX_HOME": setup.home])
    #expect(circular.status == 2)
    #expect(circular.stderr.contains("extends itself"), "\(circular.stderr)")
    let unknown = try CodexProcess.run(
      ["sandbox", "-P", "nope", "--", "true"], environment: ["CODEX_HOME": setup.home])
    #expect(unknown.status == 2)
    #expect(
      unknown.stderr.contains("permission profile `nope` is not defined"), "\(unknown.stderr)")
  }
}
