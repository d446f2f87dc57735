import Agent
import ArgumentParser
import Foundation
import Repl

/// `codex test [DIR | FILE...]`: runs agent workflows kept as `.codex` scripts.
struct TestCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "test",
    abstract: "Run .codex scripts as a test suite, offline with their cassettes.",
    discussion: """
      Finds *.codex under the folders given (default .codex/tests) and runs each in its own
      copy of the workspace, replaying NAME.cassette beside it when there is one. Prints a
      line per script and `N passed, N failed`; exit 0 when all passed, 1 otherwise, 2 for
      bad arguments. Examples:
        codex test                      # .codex/tests, offline
        codex test -j 4 --junit report.xml
        codex test --shard 2/4          # the second of four stable slices (CI matrices)
        codex test --live --update-cassettes
      """)

  @Argument(help: "Scripts or folders of scripts (default .codex/tests).")
  var paths: [String] = []

  @Option(name: .customShort("j"), help: "Run this many scripts at once.")
  var jobs = 1

  @Flag(help: "Call the model instead of replaying cassettes.")
  var live = false

  @Flag(help: "Run live and record each passing script's cassette again.")
  var updateCassettes = false

  @Option(help: ArgumentHelp("Run the K-th of N stable slices.", valueName: "K/N"))
  var shard: String?

  @Option(help: ArgumentHelp("Write one JUnit XML report for all scripts.", valueName: "file"))
  var junit: String?

  @Option(name: [.customShort("C"), .customLong("cd")], help: "Run in this directory.")
  var cd: String?

  func validate() throws {
    if jobs < 1 { throw ValidationError("-j must be at least 1") }
    if let shard, ScriptSuite.Shard(shard) == nil {
      throw ValidationError("--shard \(shard): give K/N with 1 ≤ K ≤ N, such as --shard 2/4")
    }
  }

  func run() async throws {
    let directory =
      cd.map { $0.hasPrefix("/") ? $0 : FileManager.default.currentDirectoryPath + "/" + $0 }
      ?? FileManager.default.currentDirectoryPath
    var suite = ScriptSuite(paths: paths, workingDirectory: directory)
    suite.parallel = jobs
    suite.mode = updateCassettes ? .updateCassettes : live ? .live : .offline
    suite.shard = shard.flatMap(ScriptSuite.Shard.init)
    suite.junitPath = junit
    let status: Int32
    do {
      // Lines carry failure messages from the runs (a provider's words): sanitised.
      status = try await suite.run(environment: ProcessInfo.processInfo.environment) { line in
        print(TerminalText.sanitize(line))
      }
    } catch let error as ConfigError {
      throw Failure.report(error.message, code: 2)
    }
    if status != 0 { throw ExitCode(status) }
  }
}
