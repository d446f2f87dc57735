import Foundation

/// `/expect reply /RE/ | file PATH [/RE/] | shell COMMAND`: a check in a script.
struct ExpectCommand: SlashCommandDefinition {
  let spec = SlashCommand(
    "expect",
    "check the last reply, a file, a command or a review: reply /RE/ | file PATH [/RE/] | "
      + "shell COMMAND | review no-findings[-above PN]",
    arguments: [
      .choice(name: "WHAT", values: ["reply", "file", "shell", "review"]), .text(name: "ARGUMENT"),
    ], required: 2, variadic: true, scriptOnly: true)

  func check(_ use: SlashCommandUse) throws(InputError) {
    _ = try Expectation.parse(use.raw)
  }

  func run(_ use: SlashCommandUse, in interpreter: Interpreter) async throws
    -> Interpreter.Outcome
  {
    await interpreter.check(try Expectation.parse(use.raw))
  }
}

extension Interpreter {
  /// Carries out an `/expect` check.
  func check(_ expectation: Expectation) async -> Outcome {
    let failure: String?
    switch expectation {
    case .reply(let pattern):
      if let reply = lastReply {
        failure =
          Expectation.matches(pattern, reply) ? nil : "the last reply does not match /\(pattern)/"
      } else {
        failure = "there is no reply to check (the last turn gave none)"
      }
    case .file(let path, let pattern):
      let absolute =
        path.hasPrefix("/") ? path : session.configuration.workingDirectory + "/" + path
      if let data = FileManager.default.contents(atPath: absolute) {
        let text = String(decoding: data, as: UTF8.self)
        failure =
          pattern.map { Expectation.matches($0, text) ? nil : "\(path) does not match /\($0)/" }
          ?? nil
      } else {
        failure = "\(path) does not exist"
      }
    case .review(let allowed, let correct):
      failure = reviewFailure(allowed: allowed, correct: correct)
    case .shell(let command):
      let status = await shell(command, addToConversation: false)
      if status == nil && Task.isCancelled { return .interrupted }
      failure =
        status == 0 ? nil : "`\(command)` exited with \(status.map(String.init) ?? "an error")"
    }
    if let failure {
      console.line("expectation failed: " + failure)
      return .failed(failure)
    }
    console.line("expectation met")
    return .done
  }
}

extension Interpreter {
  /// Why the last review does not meet `/expect review ...`, or nil when it does.
  func reviewFailure(allowed: Int?, correct: Bool) -> String? {
    guard let review = lastReview else {
      return "there is no review to check (run /review first; the last one gave no result)"
    }
    let output = review.output
    guard output.isStructured else {
      return "the last review's answer was not in the review format, so its findings are unknown"
    }
    if correct {
      return output.isCorrect == true
        ? nil : "the review's verdict is \"\(output.overallCorrectness)\", not \"patch is correct\""
    }
    let offending = output.findings.filter { finding in
      guard let allowed else { return true }
      return (finding.priority ?? Int.max) < allowed
    }
    guard let first = offending.first else { return nil }
    let limit = allowed.map { "above P\($0)" } ?? "at all"
    return "the review has \(offending.count) finding\(offending.count == 1 ? "" : "s") \(limit): "
      + "[\(first.priorityLabel ?? "P?")] \(first.plainTitle) (\(review.location(of: first)))"
  }
}
