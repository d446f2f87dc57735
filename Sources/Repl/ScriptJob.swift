import Agent
import Commands
import Foundation
import Sandbox

/// One run of a script by a child `codex run`, in its own copy of the workspace: what
/// `codex test` and `codex run --matrix` do for each script or profile. The child's
/// output is kept, its summary and JUnit report read back.
public struct ScriptJob: Sendable {
  /// The script (absolute path).
  public var script: String
  /// Arguments before `run` (`-p PROFILE`).
  public var global: [String] = []
  /// Arguments after the script (`--replay C`, `--record C`).
  public var extra: [String] = []
  /// The workspace the copy is made of.
  public var workspace: String
  /// Keep the copy afterwards (`--keep`).
  public var keep = false

  /// A run of `script` in a copy of `workspace`.
  public init(script: String, workspace: String) {
    self.script = script
    self.workspace = workspace
  }

  /// How the run went.
  public struct Outcome: Sendable {
    /// The child's exit status.
    public var status: Int32
    /// Its steps, spending and time, when it got as far as running the script.
    public var summary: RunSummary?
    /// What the child printed (stdout and stderr).
    public var log: String
    /// The child's JUnit report, when it wrote one.
    public var junit: String?
    /// Where the copy is, when kept.
    public var copy: String?
  }

  /// Copies the workspace, runs the script there, reads back what it wrote.
  public func run(environment: [String: String]) async -> Outcome {
    let copy: WorkspaceCopy
    do {
      copy = try await WorkspaceCopy.make(of: workspace, environment: environment)
    } catch {
      return Outcome(status: 2, log: "the workspace could not be copied: \(error)")
    }
    defer { if !keep { copy.remove() } }
    let reports = copy.top + "/.reports"
    try? FileManager.default.createDirectory(atPath: reports, withIntermediateDirectories: true)
    let summaryPath = reports + "/summary.json"
    let junitPath = reports + "/junit.xml"
    let executable =
      (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
      ?? CommandLine.arguments[0]
    let command =
      [executable] + global + [
        "run", "-C", copy.path, script, "--summary", summaryPath, "--junit", junitPath,
      ] + extra
    var request = ExecRequest(
      command: command, workingDirectory: copy.path, environment: environment,
      outputLimit: 4 << 20)
    request.killGrace = .seconds(5)
    let result: ExecResult
    do {
      result = try await ProcessExecutor.run(request)
    } catch {
      return Outcome(status: 2, log: "could not run: \(error)")
    }
    let log = result.stdout.text + result.stderr.text
    let summary = FileManager.default.contents(atPath: summaryPath)
      .flatMap { JSONValue.parse($0) }.flatMap(RunSummary.init(json:))
    let junit = FileManager.default.contents(atPath: junitPath).map {
      String(decoding: $0, as: UTF8.self)
    }
    return Outcome(
      status: result.status, summary: summary, log: log, junit: junit,
      copy: keep ? copy.path : nil)
  }

  /// Runs `jobs` at most `parallel` at a time; outcomes in the jobs' order.
  public static func runAll(
    _ jobs: [ScriptJob], parallel: Int, environment: [String: String],
    finished: @Sendable @escaping (Int, Outcome) -> Void = { _, _ in }
  ) async -> [Outcome] {
    var outcomes = [Outcome?](repeating: nil, count: jobs.count)
    await withTaskGroup(of: (Int, Outcome).self) { group in
      var next = 0
      func start() {
        guard next < jobs.count else { return }
        let index = next
        next += 1
        group.addTask { (index, await jobs[index].run(environment: environment)) }
      }
      for _ in 0..<max(1, parallel) { start() }
      while let (index, outcome) = await group.next() {
        outcomes[index] = outcome
        finished(index, outcome)
        start()
      }
    }
    return outcomes.map { $0! }
  }
}
