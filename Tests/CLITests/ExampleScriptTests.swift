import Foundation
import TestSupport
import Testing

/// The scripts in examples/ replay from their cassettes with no server and no key, as
/// the README tells a new user to run them, each in its own empty folder.
@Suite(.serialized, .timeLimit(.minutes(10))) struct ExampleScriptTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().path

  @Test(arguments: ["fix-failing-test", "review-diff", "rename-function"])
  func replaysOffline(_ name: String) throws {
    let folder = try TestDirectory.make("codex-example")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let result = try CodexProcess.run(
      ["run", "-C", folder, "examples/\(name).codex", "--replay", "examples/\(name).cassette"],
      environment: ["CODEX_HOME": try CodexProcess.makeHome(), "OPENAI_API_KEY": ""],
      directory: Self.root)
    #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    #expect(result.stdout.contains("0 failed, exit 0"))
    // Every recorded tool call ran again, whichever tools the recording run had.
    #expect(!result.stdout.contains("is not offered"), "\(result.stdout)")
  }
}

extension ExampleScriptTests {
  /// Run from the repository root without `-C`, an example stops at its first step
  /// instead of copying its project into the checkout.
  @Test func refusesToWorkInAFolderThatIsNotEmpty() throws {
    let result = try CodexProcess.run(
      ["run", "examples/fix-failing-test.codex", "--replay", "examples/fix-failing-test.cassette"],
      environment: ["CODEX_HOME": try CodexProcess.makeHome(), "OPENAI_API_KEY": ""],
      directory: Self.root)
    #expect(result.status == 1)
    #expect(result.stdout.contains("this example works in an empty folder"))
    #expect(!FileManager.default.fileExists(atPath: Self.root + "/wordcount"))
  }
}
