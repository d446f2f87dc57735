import Agent
import Foundation
import TestSupport
import Testing

@Suite(.timeLimit(.minutes(10))) struct PatchTests {
  let directory: String

  init() throws {
    directory =
      FileManager.default.temporaryDirectory.appendingPathComponent(
        "codex-patch-\(UUID().uuidString)"
      ).path
    try FileManager.default.createDirectory(
      atPath: directory + "/src", withIntermediateDirectories: true)
    try "def run():\n    old()\n    return 1\n\ndef other():\n    pass\n".write(
      toFile: directory + "/src/app.py", atomically: true, encoding: .utf8)
    try "bye\n".write(toFile: directory + "/old.txt", atomically: true, encoding: .utf8)
  }

  func read(_ path: String) -> String? {
    try? String(contentsOfFile: directory + "/" + path, encoding: .utf8)
  }
  func apply(_ text: String) throws -> [FileChange] {
    try PatchApplier(workingDirectory: directory).apply(try PatchParser.parse(text))
  }

  @Test func addUpdateMoveAndDelete() throws {
    let changes = try apply(
      """
      *** Begin Patch
      *** Add File: docs/new.md
      +# Title
      +text
      *** Update File: src/app.py
      *** Move to: src/main.py
      @@ def run():
      -    old()
      +    new()
           return 1
      *** Delete File: old.txt
      *** End Patch
      """)
    #expect(
      changes.map(\.summary) == ["A docs/new.md", "M src/app.py -> src/main.py", "D old.txt"])
    #expect(read("docs/new.md") == "# Title\ntext\n")
    #expect(
      read("src/main.py") == "def run():\n    new()\n    return 1\n\ndef other():\n    pass\n")
    #expect(read("src/app.py") == nil)
    #expect(read("old.txt") == nil)
    #expect(changes[1].diff.contains("-    old()\n+    new()\n"))
  }

  @Test func aFailingPatchChangesNoFile() throws {
    let before = read("src/app.py")
    #expect(throws: PatchError.self) {
      try apply(
        """
        *** Begin Patch
        *** Add File: created.txt
        +x
        *** Delete File: old.txt
        *** Update File: src/app.py
        @@
        -    this line is not there
        +    new()
        *** End Patch
        """)
    }
    #expect(read("created.txt") == nil)
    #expect(read("old.txt") == "bye\n")
    #expect(read("src/app.py") == before)
  }

  @Test func contextMatchingIsFuzzyInSteps() throws {
    try "say(\u{201C}hi\u{201D})   \n  indented\n".write(
      toFile: directory + "/f.txt", atomically: true, encoding: .utf8)
    _ = try apply(
      """
      *** Begin Patch
      *** Update File: f.txt
      @@
      -say("hi")
      +say("bye")
      -indented
      +still indented
      *** End Patch
      """)
    #expect(read("f.txt") == "say(\"bye\")\nstill indented\n")
  }

  /// A looser comparison is tried only when a stricter one finds nothing anywhere: the
  /// indented line matches (surrounding white space) before the earlier line that only
  /// matches with its typographic quotes read as ASCII.
  @Test func stricterComparisonsWinOverEarlierLooserMatches() throws {
    try "say(\u{201C}hi\u{201D})\n    say(\"hi\")\n".write(
      toFile: directory + "/f.txt", atomically: true, encoding: .utf8)
    _ = try apply(
      """
      *** Begin Patch
      *** Update File: f.txt
      @@
      -say("hi")
      +say("bye")
      *** End Patch
      """)
    #expect(read("f.txt") == "say(\u{201C}hi\u{201D})\nsay(\"bye\")\n")
  }

  /// Context lines matched loosely stay as the file has them, as Codex's applier keeps
  /// them: trailing spaces, typographic quotes.
  @Test func looselyMatchedContextKeepsTheFilesText() throws {
    try "alpha   \nsay(\u{201C}hi\u{201D})\nbeta\n".write(
      toFile: directory + "/f.txt", atomically: true, encoding: .utf8)
    _ = try apply(
      """
      *** Begin Patch
      *** Update File: f.txt
      @@
       alpha
       say("hi")
      -beta
      +gamma
      *** End Patch
      """)
    #expect(read("f.txt") == "alpha   \nsay(\u{201C}hi\u{201D})\ngamma\n")
  }

  @Test func endOfFileAnchorsAtTheEnd() throws {
    try "x\ny\nx\n".write(toFile: directory + "/e.txt", atomically: true, encoding: .utf8)
    _ = try apply(
      "*** Begin Patch\n*** Update File: e.txt\n@@\n-x\n+z\n*** End of File\n*** End Patch\n")
    #expect(read("e.txt") == "x\ny\nz\n")
  }

  @Test func crlfFilesKeepTheirLineEndings() throws {
    try "a\r\nb\r\n".write(toFile: directory + "/w.txt", atomically: true, encoding: .utf8)
    _ = try apply("*** Begin Patch\n*** Update File: w.txt\n a\n-b\n+c\n*** End Patch")
    #expect(read("w.txt") == "a\r\nc\r\n")
  }

  @Test func heredocWrapperIsAccepted() throws {
    _ = try apply("<<'EOF'\n*** Begin Patch\n*** Add File: h.txt\n+h\n*** End Patch\nEOF\n")
    #expect(read("h.txt") == "h\n")
  }

  @Test func parseErrorsSayWhere() {
    let missing = #expect(throws: PatchError.self) { try PatchParser.parse("*** Update File: a\n") }
    #expect(missing?.message.contains("*** Begin Patch") == true)
    let bad = #expect(throws: PatchError.self) {
      try PatchParser.parse("*** Begin Patch\n*** Add File: a\n+x\nnot plus\n*** End Patch")
    }
    #expect(bad?.message == "line 4: in `*** Add File: a`, every line must start with `+`")
    let unknown = #expect(throws: PatchError.self) {
      try PatchParser.parse("*** Begin Patch\n*** Rename: a\n*** End Patch")
    }
    #expect(unknown?.message.hasPrefix("line 2: expected `*** Add File:`") == true)
  }

  @Test func addingAnExistingFileOrUpdatingAMissingOneIsRefused() {
    #expect(
      throws: PatchError("cannot add old.txt: it already exists (use `*** Update File: old.txt`)")
    ) {
      try apply("*** Begin Patch\n*** Add File: old.txt\n+x\n*** End Patch")
    }
    #expect(throws: PatchError("cannot update nope.txt: no such file")) {
      try apply("*** Begin Patch\n*** Update File: nope.txt\n-x\n+y\n*** End Patch")
    }
  }

  @Test func unifiedDiffMatchesGitsShape() {
    let diff = UnifiedDiff.make(
      old: "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", new: "1\n2\n3\n4\nfive\n6\n7\n8\n9\n10\n11\n",
      oldName: "a/f",
      newName: "b/f")
    #expect(
      diff
        == "--- a/f\n+++ b/f\n@@ -2,9 +2,10 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n 9\n 10\n+11\n")
    #expect(UnifiedDiff.make(old: "same\n", new: "same\n", oldName: "a", newName: "b") == "")
    #expect(
      UnifiedDiff.make(old: "", new: "x\n", oldName: "/dev/null", newName: "b/x")
        == "--- /dev/null\n+++ b/x\n@@ -0,0 +1 @@\n+x\n")
  }
}

@Suite(.timeLimit(.minutes(10))) struct PatchEdgeTests {
  func workspace() throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "codex-patch-\(UUID().uuidString)"
    ).path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    try "a\nb\n".write(toFile: path + "/one.txt", atomically: true, encoding: .utf8)
    try "c\nd\n".write(toFile: path + "/two.txt", atomically: true, encoding: .utf8)
    return path
  }

  @Test func whitespacePaddedMarkersAreAccepted() throws {
    let directory = try workspace()
    let patch =
      "  *** Begin Patch  \n*** Update File: one.txt   \n@@   \n a\n-b\n+B\n*** End of File \n*** End Patch   \n"
    _ = try PatchApplier(workingDirectory: directory).apply(try PatchParser.parse(patch))
    #expect(try String(contentsOfFile: directory + "/one.txt", encoding: .utf8) == "a\nB\n")
  }

  @Test func aFailingSecondFileLeavesTheFirstUnchanged() throws {
    let directory = try workspace()
    let patch =
      "*** Begin Patch\n*** Update File: one.txt\n-a\n+A\n*** Update File: two.txt\n-zzz\n+Z\n*** End Patch"
    #expect(throws: PatchError.self) {
      try PatchApplier(workingDirectory: directory).apply(try PatchParser.parse(patch))
    }
    #expect(try String(contentsOfFile: directory + "/one.txt", encoding: .utf8) == "a\nb\n")
    #expect(try String(contentsOfFile: directory + "/two.txt", encoding: .utf8) == "c\nd\n")
  }

  @Test func deletingAMissingFileIsAnError() throws {
    let directory = try workspace()
    #expect(throws: PatchError("cannot delete gone.txt: no such file")) {
      try PatchApplier(workingDirectory: directory).apply(
        try PatchParser.parse("*** Begin Patch\n*** Delete File: gone.txt\n*** End Patch"))
    }
  }
}

@Suite(.timeLimit(.minutes(10))) struct InstructionsTests {
  /// An empty `.git` with the sandbox placeholder's mode (left by a codex killed while a
  /// command ran) marks no project; an empty `.git` of any other mode does, as in Codex.
  @Test func aLeftoverPlaceholderIsNoProjectRoot() throws {
    let base = TestDirectory.path("codex-placeholder-root")
    try FileManager.default.createDirectory(
      atPath: base + "/top/.git", withIntermediateDirectories: true)
    try FileManager.default.createDirectory(
      atPath: base + "/top/work/.git", withIntermediateDirectories: true)
    #expect(Instructions.gitRoot(from: base + "/top/work") == base + "/top/work")
    #expect(chmod(base + "/top/work/.git", 0o555) == 0)
    #expect(Instructions.gitRoot(from: base + "/top/work") == base + "/top")
  }

  @Test func agentsFilesMergeFromGlobalToRootToSubfolderWithinTheCap() throws {
    let base = TestDirectory.path("codex-agents")
    let home = base + "/home"
    let repo = base + "/repo"
    for directory in [home, repo + "/.git", repo + "/sub/deeper"] {
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }
    try "GLOBAL\n".write(toFile: home + "/AGENTS.md", atomically: true, encoding: .utf8)
    try "ROOT\n".write(toFile: repo + "/AGENTS.md", atomically: true, encoding: .utf8)
    try "SUB\n".write(toFile: repo + "/sub/AGENTS.md", atomically: true, encoding: .utf8)
    try "OUTSIDE\n".write(toFile: base + "/AGENTS.md", atomically: true, encoding: .utf8)

    let docs = Instructions.projectDocs(
      codexHome: home, workingDirectory: repo + "/sub/deeper", maxBytes: 1000)
    #expect(docs.map(\.text) == ["GLOBAL\n", "ROOT\n", "SUB\n"])
    let text = Instructions.text(docs: docs, base: Instructions.base(for: .shell))
    #expect(text.range(of: "GLOBAL")!.lowerBound < text.range(of: "ROOT")!.lowerBound)
    #expect(text.range(of: "ROOT")!.lowerBound < text.range(of: "SUB")!.lowerBound)

    let capped = Instructions.projectDocs(
      codexHome: home, workingDirectory: repo + "/sub", maxBytes: 10)
    #expect(capped.map(\.text) == ["GLOBAL\n", "ROO"])

    // An override wins over AGENTS.md at its level; fallback names fill levels without
    // either.
    try "GLOBAL OVERRIDE\n".write(
      toFile: home + "/AGENTS.override.md", atomically: true, encoding: .utf8)
    try "SUB OVERRIDE\n".write(
      toFile: repo + "/sub/AGENTS.override.md", atomically: true, encoding: .utf8)
    try "DEEPER CLAUDE\n".write(
      toFile: repo + "/sub/deeper/CLAUDE.md", atomically: true, encoding: .utf8)
    let overridden = Instructions.projectDocs(
      codexHome: home, workingDirectory: repo + "/sub/deeper", maxBytes: 1000,
      fallbackFilenames: ["CLAUDE.md"])
    #expect(
      overridden.map(\.text) == [
        "GLOBAL OVERRIDE\n", "ROOT\n", "SUB OVERRIDE\n", "DEEPER CLAUDE\n",
      ])
  }
}
