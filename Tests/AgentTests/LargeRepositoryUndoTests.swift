import Foundation
import Sandbox
import TestSupport
import Testing

@testable import Agent

/// `/undo` and `/diff` in a repository of 50 000 files, where snapshots after the first
/// read only what changed.
@Suite(.timeLimit(.minutes(10))) struct LargeRepositoryUndoTests {
  @Test func turnsInFiftyThousandFilesAreDiffedAndUndone() async throws {
    let workspace = TestDirectory.path("codex-large-undo")
    try FileManager.default.createDirectory(atPath: workspace, withIntermediateDirectories: true)
    // 100 folders of 500 files, written by the shell's builtins (no process per file).
    let env = try await makeRepository(
      workspace,
      setup:
        "for d in $(seq 0 99); do mkdir d$d; for f in $(seq 0 499); do echo \"file $d $f\" > d$d/f$f.txt; done; done",
      tracked: ["."])
    let first =
      "printf 'edited\\n' > d7/f3.txt; rm d8/f1.txt; echo new > d9/new.txt; mkdir -p made/deep && echo x > made/deep/x.txt"
    let second = "printf 'again\\n' >> d1/f1.txt; rm -r d2"
    let server = try ScriptedModelServer(
      responses: #"""
        [{"events": [{"function_call": {"name": "shell", "call_id": "c1", "arguments": {"command": ["sh", "-c", "\#(first)"]}}}]},
         {"events": [{"text": "done"}]},
         {"events": [{"function_call": {"name": "shell", "call_id": "c2", "arguments": {"command": ["sh", "-c", "\#(second)"]}}}]},
         {"events": [{"text": "done"}]}]
        """#)
    defer { server.stop() }
    let session = try undoSession(
      server, in: workspace, sandbox: .dangerFullAccess, environment: env, keepsSnapshots: true)

    await session.submit("one") { _ in }
    let firstDiff = try await session.lastTurnDiff.unifiedDiff()
    for path in ["d7/f3.txt", "d8/f1.txt", "d9/new.txt", "made/deep/x.txt"] {
      #expect(firstDiff.contains("b/\(path)") || firstDiff.contains("a/\(path)"), "\(path)")
    }
    #expect(!firstDiff.contains("d1/f1.txt"))

    await session.submit("two") { _ in }
    let secondDiff = try await session.lastTurnDiff.unifiedDiff()
    #expect(secondDiff.contains("a/d1/f1.txt") && secondDiff.contains("a/d2/f499.txt"))
    #expect(!secondDiff.contains("d7/f3.txt"))
    let restored = try await session.lastTurnDiff.undo()
    #expect(restored.count == 501 && restored.contains("d1/f1.txt"))
    #expect(try String(contentsOfFile: workspace + "/d1/f1.txt", encoding: .utf8) == "file 1 1\n")
    #expect(try String(contentsOfFile: workspace + "/d2/f42.txt", encoding: .utf8) == "file 2 42\n")
    // The first turn's changes stay: only the last turn was undone.
    #expect(try String(contentsOfFile: workspace + "/d7/f3.txt", encoding: .utf8) == "edited\n")
    #expect(FileManager.default.fileExists(atPath: workspace + "/made/deep/x.txt"))

    let root = try #require(session.lastTurnDiff.gitBase?.root)
    let index = try #require(await WorkingTreeIndex.of(root: root, environment: env))
    // Read in full once (when undo was offered); then only the changes each diff met
    // (the snapshots before each turn found nothing new).
    let reads = (await index.fullReads, await index.partialReads)
    #expect(reads.0 == 1, "\(reads)")
    #expect(reads.1 == 2, "\(reads)")
  }
}
