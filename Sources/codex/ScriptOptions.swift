import Agent
import ArgumentParser

/// Flags of script runs (and of sessions generally): reports and model traffic capture.
struct ScriptOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp("Write a JUnit XML report, one test case per step.", valueName: "file"))
  var junit: String?

  @Option(
    help: ArgumentHelp(
      "Record every model response to a JSONL cassette.", valueName: "cassette"))
  var record: String?

  @Option(
    help: ArgumentHelp(
      "Serve model responses from a cassette instead of the provider (no network, no key).",
      valueName: "cassette"))
  var replay: String?

  init() {}

  init(record: String?, replay: String?) {
    self.record = record
    self.replay = replay
  }

  /// The traffic the flags ask for.
  func traffic() throws -> ModelTraffic {
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
