import Agent
import Foundation

/// How one script run went, in a form another process reads back: each step's result,
/// what the run spent, how long it took and its exit status.
public struct RunSummary: Sendable {
  /// One step: where, as written, and how it went.
  public struct Step: Sendable, Equatable {
    public var location: String
    public var text: String
    /// `passed`, `failed` or `skipped`.
    public var status: String
    public var message: String?
  }

  public var script: String
  public var steps: [Step]
  public var tokens: Int
  public var cost: Double?
  public var seconds: Double
  public var status: Int32

  /// The summary of a finished run.
  public init(
    script: String, results: [ScriptRunner.StepResult], spending: Spending, duration: Duration,
    status: Int32
  ) {
    self.script = script
    steps = results.map { result in
      let (status, message): (String, String?) =
        switch result.status {
        case .passed: ("passed", nil)
        case .failed(let why): ("failed", why)
        case .skipped: ("skipped", nil)
        }
      return Step(
        location: "\(result.step.location.file):\(result.step.location.line)",
        text: result.step.text, status: status, message: message)
    }
    tokens = spending.tokens
    cost = spending.cost
    seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    self.status = status
  }

  /// A summary read back from `json`; nil when it is not one.
  public init?(json: JSONValue) {
    guard let script = json["script"]?.string, let steps = json["steps"]?.array,
      let status = json["status"]?.int
    else { return nil }
    self.script = script
    self.steps = steps.map {
      Step(
        location: $0["location"]?.string ?? "", text: $0["text"]?.string ?? "",
        status: $0["status"]?.string ?? "failed", message: $0["message"]?.string)
    }
    tokens = json["tokens"]?.int ?? 0
    cost = json["cost"]?.double
    seconds = json["seconds"]?.double ?? 0
    self.status = Int32(status)
  }

  public var json: JSONValue {
    [
      "script": .string(script),
      "steps": .array(
        steps.map {
          [
            "location": .string($0.location), "text": .string($0.text),
            "status": .string($0.status), "message": $0.message.map { .string($0) } ?? .null,
          ]
        }),
      "tokens": .int(tokens), "cost": cost.map { .double($0) } ?? .null,
      "seconds": .double(seconds), "status": .int(Int(status)),
    ]
  }

  /// The first failed step: where and why.
  public var firstFailure: Step? { steps.first { $0.status == "failed" } }
}
