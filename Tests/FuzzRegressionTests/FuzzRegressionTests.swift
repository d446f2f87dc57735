import Foundation
import TestSupport
import Testing

/// Every input kept under Tests/Fixtures/fuzz/TARGET (the seeds scripts/fuzz starts
/// from, and each input that once crashed a target) runs through its target again, in
/// `codex-fuzz` as a child process: a crash is this test's failure, naming the input.
@Suite(.timeLimit(.minutes(10))) struct FuzzRegressionTests {
  static let root = RepositoryPaths.root.appendingPathComponent("Tests/Fixtures/fuzz").path
  static let targets = ["toml", "sse", "patch", "script", "chat-stream", "responses-stream"]

  /// `codex-fuzz`, built beside the test bundle.
  static var binary: String {
    var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for _ in 0..<4 {
      let candidate = directory.appendingPathComponent("codex-fuzz")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate.path }
      directory.deleteLastPathComponent()
    }
    return RepositoryPaths.root.appendingPathComponent(".build/debug/codex-fuzz").path
  }

  static func inputs(_ target: String) -> [String] {
    let folder = root + "/" + target
    let files = FileManager.default.enumerator(atPath: folder)?.allObjects as? [String] ?? []
    return files.sorted().map { folder + "/" + $0 }.filter {
      var isDirectory: ObjCBool = false
      return FileManager.default.fileExists(atPath: $0, isDirectory: &isDirectory)
        && !isDirectory.boolValue
    }
  }

  @Test(arguments: targets)
  func keptInputsRunCleanly(_ target: String) throws {
    let inputs = Self.inputs(target)
    #expect(inputs.count >= 3, "too few inputs under Tests/Fixtures/fuzz/\(target)")
    var environment = ProcessInfo.processInfo.environment
    environment["SWIFT_BACKTRACE"] = "enable=no"
    let result = try Spawn.run([Self.binary, target] + inputs, environment: environment)
    let lastInput = result.output.split(separator: "\n").last { $0.hasPrefix("/") } ?? "?"
    #expect(
      result.status == 0,
      "codex-fuzz \(target) failed on \(lastInput):\n\(result.output.suffix(2000))")
    // Each input was run: the replay names them all, in order.
    #expect(result.output.split(separator: "\n").filter { $0.hasPrefix("/") }.count == inputs.count)
  }

  @Test func everyTargetIsReplayed() throws {
    let result = try Spawn.run([Self.binary])
    // A raw wait status: exit code 2 in the high byte.
    #expect(result.status == 2 << 8)
    let listed = result.output.components(separatedBy: "targets: ").last?
      .trimmingCharacters(in: .whitespacesAndNewlines).components(separatedBy: ", ")
    #expect(listed == Self.targets)
  }
}
