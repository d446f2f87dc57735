import Agent
import ArgumentParser

/// `--record` / `--replay`: where a session's model traffic goes. Taken by `run`,
/// `exec`, `resume` and the interactive session alike.
struct TrafficOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "Record every model response to a JSONL cassette.", valueName: "cassette"))
  var record: String?

  @Option(
    help: ArgumentHelp(
      "Serve model responses from a cassette instead of the provider (no network, no key).",
      valueName: "cassette"))
  var replay: String?

  /// The traffic the flags ask for.
  func modelTraffic() throws -> ModelTraffic {
    if record != nil && replay != nil {
      throw Failure.report("--record and --replay cannot be used together", code: 2)
    }
    do {
      if let record { return .record(try CassetteRecorder(path: record)) }
      if let replay { return .replay(try CassettePlayer(path: replay)) }
    } catch let error as ModelError {
      throw Failure.report(error.message, code: 2)
    }
    return .live
  }
}

/// The flags of script runs: the traffic flags and a JUnit report.
struct ScriptOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp("Write a JUnit XML report, one test case per step.", valueName: "file"))
  var junit: String?

  /// How the run went, as JSON, for `codex test` and `--matrix` (which run scripts as
  /// child processes and read this back).
  @Option(help: .hidden)
  var summary: String?

  @OptionGroup var traffic: TrafficOptions
}

/// `--max-tokens`, `--max-turns`, `--timeout`: a budget for the whole run.
struct BudgetOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "Stop when the run has used this many tokens (input + output).", valueName: "n"))
  var maxTokens: Int?

  @Option(help: ArgumentHelp("Stop after this many model requests.", valueName: "n"))
  var maxTurns: Int?

  @Option(
    help: ArgumentHelp(
      "Stop the run's turns after this long (90s, 5m, 1h30m).", valueName: "duration"))
  var timeout: String?

  func validate() throws {
    if let maxTokens, maxTokens <= 0 { throw ValidationError("--max-tokens must be positive") }
    if let maxTurns, maxTurns <= 0 { throw ValidationError("--max-turns must be positive") }
    if let timeout, Budget.duration(timeout) == nil {
      throw ValidationError("--timeout \(timeout): not a duration (90s, 5m, 1h30m, 250ms)")
    }
  }

  /// The run's budget, nil when no flag was given.
  var budget: Budget? {
    let budget = Budget(
      tokens: maxTokens, turns: maxTurns, time: timeout.flatMap(Budget.duration))
    return budget.isEmpty ? nil : budget
  }
}
