import Foundation
import Testing

/// The scripts in examples/ replay from their cassettes with no server and no key, as
/// the README tells a new user to run them.
@Suite(.serialized) struct ExampleScriptTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().path

  @Test(arguments: ["fix-failing-test", "review-diff", "rename-function"])
  func replaysOffline(_ name: String) throws {
    let result = try CodexProcess.run(
      ["run", "examples/\(name).codex", "--replay", "examples/\(name).cassette"],
      environment: ["CODEX_HOME": try CodexProcess.makeHome(), "OPENAI_API_KEY": ""],
      directory: Self.root)
    #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    #expect(result.stdout.contains("0 failed, exit 0"))
  }
}
