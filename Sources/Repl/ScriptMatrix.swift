import Agent
import Commands
import Foundation

/// `codex run FILE --matrix a,b,c`: one script run once per profile, each in its own
/// copy of the workspace (the original is never changed), side by side with `-j`. The
/// result is a table (a row per profile, a column per step), JUnit with a suite per
/// profile, or JSON lines.
public struct ScriptMatrix {
  /// The script (absolute path).
  public var script: String
  /// The script's arguments.
  public var arguments: [String]
  /// The profiles, one run each.
  public var profiles: [String]
  /// The workspace each run gets a copy of.
  public var workspace: String
  /// Runs at once (`-j`).
  public var parallel = 1
  /// Keep the copies (`--keep`).
  public var keep = false
  /// Where to write the JUnit report, a suite per profile.
  public var junitPath: String?
  /// JSON lines instead of the table (`--json`).
  public var json = false
  /// Arguments every run gets after the script (`--replay C`).
  public var extra: [String] = []

  /// A matrix of `script` over `profiles`.
  public init(script: String, arguments: [String], profiles: [String], workspace: String) {
    self.script = script
    self.arguments = arguments
    self.profiles = profiles
    self.workspace = workspace
  }

  /// Runs every profile; 0 when every one passed, 1 otherwise.
  public func run(environment: [String: String], say: @Sendable @escaping (String) -> Void)
    async throws -> Int32
  {
    let jobs = profiles.map { profile -> ScriptJob in
      var job = ScriptJob(script: script, workspace: workspace)
      job.global = ["-p", profile]
      job.extra = extra + (arguments.isEmpty ? [] : ["--"] + arguments)
      job.keep = keep
      return job
    }
    let outcomes = await ScriptJob.runAll(jobs, parallel: parallel, environment: environment)
    if json {
      for (profile, outcome) in zip(profiles, outcomes) {
        var object: JSONObject = ["profile": .string(profile), "status": .int(Int(outcome.status))]
        for (key, value) in outcome.summary?.json.object ?? [:] where key != "status" {
          object[key] = value
        }
        if outcome.summary == nil { object["error"] = .string(Self.lastLine(outcome.log)) }
        if let copy = outcome.copy { object["workspace"] = .string(copy) }
        say(JSONValue.object(object).text)
      }
    } else {
      table(outcomes).forEach(say)
      for (profile, outcome) in zip(profiles, outcomes) {
        if let copy = outcome.copy { say("\(profile): workspace kept at \(copy)") }
      }
    }
    if let junitPath {
      try JUnitMerge.suites(outcomes.map { $0.junit ?? "" }, renaming: profiles).write(
        toFile: junitPath, atomically: true, encoding: .utf8)
    }
    return outcomes.allSatisfy { $0.status == 0 } ? 0 : 1
  }

  /// The rows: profile, one column per step, tokens, cost, time; then the steps named.
  func table(_ outcomes: [ScriptJob.Outcome]) -> [String] {
    let steps = outcomes.lazy.compactMap(\.summary).first?.steps ?? []
    let headers =
      ["profile"] + steps.map { "L" + ($0.location.split(separator: ":").last ?? "") }
      + ["tokens", "cost", "time", "exit"]
    var rows: [[String]] = [headers]
    for (profile, outcome) in zip(profiles, outcomes) {
      guard let summary = outcome.summary else {
        rows.append(
          [profile] + steps.map { _ in "-" } + ["-", "-", "-", "\(outcome.status)"])
        continue
      }
      let cells = steps.indices.map { index -> String in
        guard index < summary.steps.count else { return "-" }
        switch summary.steps[index].status {
        case "passed": return "pass"
        case "failed": return "FAIL"
        default: return "skip"
        }
      }
      rows.append(
        [profile] + cells + [
          "\(summary.tokens)", summary.cost.map { String(format: "$%.4f", $0) } ?? "-",
          String(format: "%.1fs", summary.seconds), "\(outcome.status)",
        ])
    }
    let widths = headers.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
    var lines = rows.map { row in
      zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }
        .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
    }
    for step in steps {
      lines.append("  L\(step.location.split(separator: ":").last ?? ""): \(step.text)")
    }
    for (profile, outcome) in zip(profiles, outcomes) where outcome.status != 0 {
      if let failure = outcome.summary?.firstFailure {
        lines.append("\(profile): \(failure.location) failed: \(failure.message ?? "")")
      } else if outcome.summary == nil {
        lines.append("\(profile): \(Self.lastLine(outcome.log))")
      }
    }
    return lines
  }

  static func lastLine(_ log: String) -> String {
    log.split(separator: "\n").last.map(String.init) ?? "no output"
  }
}
