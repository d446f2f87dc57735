import Agent
import Foundation
import Sandbox
import TestSupport
import Testing

/// What `/undo` restores when a turn's snapshot is taken only before its first command
/// that may write.
@Suite(.timeLimit(.minutes(10))) struct TurnUndoTests {
  /// A patch before the first command that writes: the snapshot comes after the patch,
  /// and undo still puts both back (the patched file from its recorded contents).
  @Test func aPatchThenAWritingCommandAreBothUndone() async throws {
    let workspace = TestDirectory.path("codex-gitdiff-mixed")
    try FileManager.default.createDirectory(atPath: workspace, withIntermediateDirectories: true)
    let env = try await makeRepository(
      workspace, setup: "printf 'one\\n' > kept.txt", tracked: ["kept.txt"])
    let patch = "*** Begin Patch\\n*** Update File: kept.txt\\n-one\\n+patched\\n*** End Patch"
    let server = try ScriptedModelServer(
      responses: #"""
        [{"events": [{"function_call": {"name": "apply_patch", "call_id": "p1", "arguments": {"input": "\#(patch)"}}}]},
         {"events": [{"function_call": {"name": "shell", "call_id": "c1", "arguments": {"command": ["sh", "-c", "printf 'by command\\n' >> kept.txt; printf 'x\\n' > made.txt"]}}}]},
         {"events": [{"text": "done"}]}]
        """#)
    defer { server.stop() }
    let session = try undoSession(
      server, in: workspace, sandbox: .dangerFullAccess, environment: env, keepsSnapshots: true)
    await session.submit("go") { _ in }
    #expect(
      try String(contentsOfFile: workspace + "/kept.txt", encoding: .utf8)
        == "patched\nby command\n")
    #expect(session.lastTurnDiff.gitBase != nil)
    let restored = try await session.lastTurnDiff.undo()
    #expect(Set(restored) == ["kept.txt", "made.txt"])
    #expect(try String(contentsOfFile: workspace + "/kept.txt", encoding: .utf8) == "one\n")
    #expect(!FileManager.default.fileExists(atPath: workspace + "/made.txt"))
  }

  /// A turn that only patches takes no snapshot: its recorded contents suffice.
  @Test func aPatchOnlyTurnTakesNoSnapshot() async throws {
    let workspace = TestDirectory.path("codex-gitdiff-patch")
    try FileManager.default.createDirectory(atPath: workspace, withIntermediateDirectories: true)
    let env = try await makeRepository(
      workspace, setup: "printf 'one\\n' > kept.txt", tracked: ["kept.txt"])
    let patch = "*** Begin Patch\\n*** Update File: kept.txt\\n-one\\n+two\\n*** End Patch"
    let server = try ScriptedModelServer(
      responses: #"""
        [{"events": [{"function_call": {"name": "apply_patch", "call_id": "p1", "arguments": {"input": "\#(patch)"}}}]},
         {"events": [{"text": "done"}]}]
        """#)
    defer { server.stop() }
    let session = try undoSession(
      server, in: workspace, sandbox: .workspaceWrite, environment: env, keepsSnapshots: true)
    await session.submit("go") { _ in }
    #expect(session.lastTurnDiff.gitBase == nil)
    #expect(try await session.lastTurnDiff.undo() == [workspace + "/kept.txt"])
    #expect(try String(contentsOfFile: workspace + "/kept.txt", encoding: .utf8) == "one\n")
  }

  /// Where nothing offers `/undo` (`exec`, the servers), a writing command takes no
  /// snapshot; patches are still recorded.
  @Test func aSessionWithoutUndoTakesNoSnapshot() async throws {
    let workspace = TestDirectory.path("codex-gitdiff-exec")
    try FileManager.default.createDirectory(atPath: workspace, withIntermediateDirectories: true)
    let env = try await makeRepository(
      workspace, setup: "printf 'one\\n' > kept.txt", tracked: ["kept.txt"])
    let server = try ScriptedModelServer(
      responses: #"""
        [{"events": [{"function_call": {"name": "shell", "call_id": "c1", "arguments": {"command": ["sh", "-c", "printf 'x\\n' > made.txt"]}}}]},
         {"events": [{"text": "done"}]}]
        """#)
    defer { server.stop() }
    let session = try undoSession(
      server, in: workspace, sandbox: .dangerFullAccess, environment: env, keepsSnapshots: false)
    await session.submit("go") { _ in }
    #expect(FileManager.default.fileExists(atPath: workspace + "/made.txt"))
    #expect(!session.keepsUndoSnapshots)
    #expect(session.lastTurnDiff.gitBase == nil)
  }
}

/// A session in `workspace` that runs every call unasked under `sandbox`; with
/// `keepsSnapshots`, it keeps what `/undo` needs, as the REPL's sessions do.
func undoSession(
  _ server: ScriptedModelServer, in workspace: String, sandbox: SandboxMode,
  environment: [String: String], keepsSnapshots: Bool
) throws -> Session {
  var overrides = CommandLineOverrides()
  overrides.workingDirectory = workspace
  overrides.sandboxMode = sandbox
  overrides.approvalPolicy = .never
  let session = try makeSession(server, overrides, environment: environment)
  if keepsSnapshots { session.keepUndoSnapshots() }
  return session
}
