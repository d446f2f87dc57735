import Foundation
import Testing

@Suite(.timeLimit(.minutes(10))) struct ApplyPatchCommandTests {
  func workspace() throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "codex-ap-\(UUID().uuidString)"
    ).path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    try "one\ntwo\n".write(toFile: path + "/a.txt", atomically: true, encoding: .utf8)
    return path
  }

  @Test func appliesFromStdinAndReportsEachFile() throws {
    let directory = try workspace()
    let patch =
      "*** Begin Patch\n*** Update File: a.txt\n one\n-two\n+2\n*** Add File: b.txt\n+b\n*** End Patch\n"
    let result = try CodexProcess.run(
      ["apply-patch"], stdin: Data(patch.utf8), directory: directory)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout == "M a.txt\nA b.txt\n")
    #expect(try String(contentsOfFile: directory + "/a.txt", encoding: .utf8) == "one\n2\n")
  }

  @Test func aPatchThatDoesNotApplyExitsOneAndChangesNothing() throws {
    let directory = try workspace()
    let patch =
      "*** Begin Patch\n*** Add File: c.txt\n+c\n*** Update File: a.txt\n-three\n+3\n*** End Patch"
    let result = try CodexProcess.run(["apply-patch", patch], directory: directory)
    #expect(result.status == 1)
    #expect(
      result.stderr.contains(
        "patch not applied, no file changed: a.txt: the lines of the change at patch line 5"))
    #expect(!FileManager.default.fileExists(atPath: directory + "/c.txt"))
    #expect(try String(contentsOfFile: directory + "/a.txt", encoding: .utf8) == "one\ntwo\n")
  }
}
