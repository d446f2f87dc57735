import Agent
import ArgumentParser
import Foundation
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

  @Option(
    help: ArgumentHelp(
      "Run the script once per profile, each in its own copy of the workspace, and print a table.",
      valueName: "a,b,c"))
  var matrix: String?

  @Option(name: .customShort("j"), help: "With --matrix: run this many profiles at once.")
  var jobs = 1

  @Flag(help: "With --matrix: keep each run's copy of the workspace (its path is printed).")
  var keep = false

  @Flag(help: "With --matrix: one JSON object per run instead of the table.")
  var json = false

  @Argument(help: "The script.")
  var file: String

  @Argument(help: "Arguments for the script ($1..$9, $ARGUMENTS).")
  var arguments: [String] = []

  func validate() throws {
    if jobs < 1 { throw ValidationError("-j must be at least 1") }
    if let matrix {
      let names = matrix.split(separator: ",").map(String.init)
      if names.isEmpty || names.contains(where: \.isEmpty) {
        throw ValidationError("--matrix \(matrix): give profile names separated by commas")
      }
      if script.traffic.record != nil {
        throw ValidationError("--record records one run: use it without --matrix")
      }
    } else if keep || json || jobs != 1 {
      throw ValidationError("-j, --keep and --json go with --matrix")
    }
  }

  func run() async throws {
    if let matrix { return try await runMatrix(matrix.split(separator: ",").map(String.init)) }
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

  /// One run per profile; every profile is checked before anything runs.
  private func runMatrix(_ profiles: [String]) async throws {
    for profile in profiles {
      var overrides = options.overrides
      overrides.profile = profile
      do {
        _ = try ConfigLoader().load(overrides)
      } catch let error as ConfigError {
        throw Failure.report("--matrix: \(error.message)", code: 2)
      }
    }
    let here = FileManager.default.currentDirectoryPath
    let workspace = options.cd.map { $0.hasPrefix("/") ? $0 : here + "/" + $0 } ?? here
    var matrixRun = ScriptMatrix(
      script: file.hasPrefix("/") ? file : here + "/" + file, arguments: arguments,
      profiles: profiles, workspace: workspace)
    matrixRun.parallel = jobs
    matrixRun.keep = keep
    matrixRun.json = json
    matrixRun.junitPath = script.junit
    // Each run works in its own copy of the workspace: the cassette is named absolutely.
    if let replay = script.traffic.replay {
      matrixRun.extra = ["--replay", replay.hasPrefix("/") ? replay : here + "/" + replay]
    }
    // The table carries failure messages from the runs (a provider's words): sanitised.
    let status = try await matrixRun.run(environment: ProcessInfo.processInfo.environment) {
      print(TerminalText.sanitize($0))
    }
    if status != 0 { throw ExitCode(status) }
  }
}
