import Foundation
import Testing

@testable import Commands

/// Image paths a terminal pastes into a prompt.
struct PastedImagePathsTests {
  @Test func wordsKeepQuotedAndEscapedSpaces() {
    #expect(
      PastedImagePaths.words(of: #"see '/a b/c.png' and /d\ e.png or "x y" z"#) == [
        "see", "/a b/c.png", "and", "/d e.png", "or", "x y", "z",
      ])
  }

  @Test func onlyExistingImageFilesAreFound() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "pasted-\(UUID().uuidString)"
    ).path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try Data([1]).write(to: URL(fileURLWithPath: directory + "/a b.png"))
    try Data([1]).write(to: URL(fileURLWithPath: directory + "/c.jpg"))
    try Data([1]).write(to: URL(fileURLWithPath: directory + "/d.txt"))
    let prompt =
      "compare '\(directory)/a b.png' with ./c.jpg, \(directory)/d.txt and /no/such.png "
      + "and file://\(directory)/c.jpg"
    let found = PastedImagePaths.find(in: prompt, workingDirectory: directory, home: nil)
    #expect(found == [directory + "/a b.png", directory + "/c.jpg"])
  }
}
