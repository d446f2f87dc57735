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

  @OptionGroup var traffic: TrafficOptions
}
