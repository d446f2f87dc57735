import Agent
import ArgumentParser
import Repl

/// `codex run FILE [ARGS...]`: a `.codex` script, checked whole, then run.
struct RunCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Run a .codex script: prompts, /commands, !shell steps and /expect checks.",
    discussion: """
      The whole script is checked before the first step runs. Exit status: 0 every step
      passed, 1 a step failed, 2 the script or command line is invalid, 130 interrupted.
      `codex FILE.codex ARGS...` does the same, so a script can start with
      #!/usr/bin/env codex.
      """)

  @OptionGroup var options: ConfigOptions
  @OptionGroup var script: ScriptOptions
  @OptionGroup var limits: BudgetOptions

  @Argument(help: "The script.")
  var file: String

  @Argument(help: "Arguments for the script ($1..$9, $ARGUMENTS).")
  var arguments: [String] = []

  func run() async throws {
    let status = try await Self.runScript(
      file: file, arguments: arguments, options: options, script: script, budget: limits.budget)
    if status != 0 { throw ExitCode(status) }
  }

  static func runScript(
    file: String, arguments: [String], options: ConfigOptions, script: ScriptOptions,
    budget: Budget? = nil
  ) async throws -> Int32 {
    do {
      var frontEnd = ScriptFrontEnd(
        path: file, arguments: arguments, overrides: options.overrides,
        junitPath: script.junit, traffic: try script.traffic.modelTraffic())
      frontEnd.budget = budget
      frontEnd.summaryPath = script.summary
      return try await frontEnd.run()
    } catch let error as ConfigError {
      throw Failure.report(error.message, code: 2)
    }
  }
}
