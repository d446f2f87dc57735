import Agent
import Commands
import Foundation

/// `codex test`: agent workflows kept as `.codex` scripts, each run in its own copy of
/// the workspace with the cassette beside it (offline), one line per script, a count,
/// and one JUnit report for all.
public struct ScriptSuite {
  /// Which of N stable slices to run (`--shard K/N`).
  public struct Shard: Sendable, Equatable {
    /// K, from 1.
    public var index: Int
    /// N.
    public var count: Int

    /// `K/N` with 1 ≤ K ≤ N; nil otherwise.
    public init?(_ text: String) {
      let parts = text.split(separator: "/").map { Int($0) }
      guard parts.count == 2, let k = parts[0], let n = parts[1], n >= 1, k >= 1, k <= n else {
        return nil
      }
      index = k
      count = n
    }

    /// Whether `path` (relative to where the suite runs) falls in this slice: by a hash
    /// of the path, the same on every machine.
    public func contains(_ path: String) -> Bool {
      let digest = SHA256Digest.hex(path).prefix(12)
      return Int(UInt64(digest, radix: 16)! % UInt64(count)) == index - 1
    }
  }

  /// How the suite talks to the model.
  public enum Mode: Sendable { case offline, live, updateCassettes }

  /// Scripts and folders as given (none: `.codex/tests`).
  public var paths: [String]
  /// The workspace each script gets a copy of.
  public var workingDirectory: String
  /// Scripts at once (`-j`).
  public var parallel = 1
  /// Offline, live, or live recording cassettes anew.
  public var mode = Mode.offline
  /// The slice to run (`--shard K/N`).
  public var shard: Shard?
  /// Where to write one JUnit report for all scripts.
  public var junitPath: String?

  /// A suite of `paths` run from `workingDirectory`.
  public init(paths: [String], workingDirectory: String) {
    self.paths = paths
    self.workingDirectory = workingDirectory
  }

  /// The scripts to run, sorted; a path that is neither a script nor a folder is an
  /// error naming it.
  public func scripts() throws -> [String] {
    let manager = FileManager.default
    let given = paths.isEmpty ? [".codex/tests"] : paths
    var found: [String] = []
    for path in given {
      let absolute = path.hasPrefix("/") ? path : workingDirectory + "/" + path
      var isDirectory: ObjCBool = false
      guard manager.fileExists(atPath: absolute, isDirectory: &isDirectory) else {
        throw ConfigError(
          "\(path): no such file or folder"
            + (paths.isEmpty
              ? " (codex test looks in .codex/tests by default; name a folder or scripts)" : ""))
      }
      if !isDirectory.boolValue {
        found.append(absolute)
        continue
      }
      let files = manager.enumerator(atPath: absolute)?.compactMap { $0 as? String } ?? []
      found += files.filter { $0.hasSuffix(".codex") }.map { absolute + "/" + $0 }
    }
    let unique = Array(Set(found)).sorted()
    guard let shard else { return unique }
    return unique.filter { shard.contains(relative($0)) }
  }

  /// `path` relative to the working directory, as shards and reports name it.
  func relative(_ path: String) -> String {
    path.hasPrefix(workingDirectory + "/")
      ? String(path.dropFirst(workingDirectory.count + 1)) : path
  }

  /// Runs the scripts; returns the exit status (0 all passed, 1 one failed).
  public func run(
    environment: [String: String], say: @Sendable @escaping (String) -> Void
  ) async throws -> Int32 {
    let scripts = try scripts()
    guard !scripts.isEmpty else {
      say("no scripts to run" + (shard.map { " in shard \($0.index)/\($0.count)" } ?? ""))
      return 0
    }
    let empty = FileManager.default.temporaryDirectory.appendingPathComponent(
      "codex-empty-\(UUID().uuidString.prefix(8)).cassette"
    ).path
    _ = FileManager.default.createFile(atPath: empty, contents: Data())
    defer { try? FileManager.default.removeItem(atPath: empty) }
    let jobs = scripts.map { script -> ScriptJob in
      // Inside the workspace, the copy's own script runs, named as the user names it.
      var job = ScriptJob(script: relative(script), workspace: workingDirectory)
      let cassette = String(script.dropLast(".codex".count)) + ".cassette"
      switch mode {
      case .live: break
      case .updateCassettes: job.extra = ["--record", cassette + ".new"]
      case .offline:
        job.extra = [
          "--replay", FileManager.default.fileExists(atPath: cassette) ? cassette : empty,
        ]
      }
      return job
    }
    let names = scripts.map(relative)
    let outcomes = await ScriptJob.runAll(jobs, parallel: parallel, environment: environment) {
      index, outcome in
      say(Self.line(names[index], outcome))
    }
    var failed = 0
    for (script, outcome) in zip(scripts, outcomes) {
      let cassette = String(script.dropLast(".codex".count)) + ".cassette"
      if outcome.status != 0 { failed += 1 }
      guard mode == .updateCassettes else { continue }
      if outcome.status == 0 {
        try? FileManager.default.removeItem(atPath: cassette)
        try? FileManager.default.moveItem(atPath: cassette + ".new", toPath: cassette)
      } else {
        try? FileManager.default.removeItem(atPath: cassette + ".new")
      }
    }
    say("\(scripts.count - failed) passed, \(failed) failed")
    if let junitPath {
      try JUnitMerge.suites(outcomes.compactMap(\.junit)).write(
        toFile: junitPath, atomically: true, encoding: .utf8)
    }
    return failed == 0 ? 0 : 1
  }

  /// `PASS a.codex (3 steps, 0.4s)` or `FAIL a.codex: a.codex:7 failed: why`.
  static func line(_ name: String, _ outcome: ScriptJob.Outcome) -> String {
    guard let summary = outcome.summary else {
      let last = outcome.log.split(separator: "\n").last.map(String.init) ?? "no output"
      return "FAIL \(name): exit \(outcome.status): \(last)"
    }
    let steps = summary.steps.filter { $0.status != "skipped" }.count
    let time = String(format: "%.1fs", summary.seconds)
    if outcome.status == 0 { return "PASS \(name) (\(steps) steps, \(time))" }
    if let failure = summary.firstFailure {
      return "FAIL \(name): \(failure.location) \(failure.text): \(failure.message ?? "failed")"
    }
    return "FAIL \(name): exit \(outcome.status)"
  }
}

/// Several JUnit reports as one: their `<testsuite>` elements under one `<testsuites>`.
enum JUnitMerge {
  static func suites(_ reports: [String], renaming names: [String]? = nil) -> String {
    var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>"
    for (index, report) in reports.enumerated() {
      guard let start = report.range(of: "<testsuite "),
        let end = report.range(of: "</testsuite>", options: .backwards)
      else { continue }
      var suite = String(report[start.lowerBound..<end.upperBound])
      if let names, index < names.count,
        let nameStart = suite.range(of: "name=\""),
        let nameEnd = suite.range(of: "\"", range: nameStart.upperBound..<suite.endIndex)
      {
        suite.replaceSubrange(
          nameStart.upperBound..<nameEnd.lowerBound, with: JUnitReport.escape(names[index]))
      }
      out += "\n" + suite
    }
    return out + "\n</testsuites>\n"
  }
}
