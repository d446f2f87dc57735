import Foundation

/// A review's result: its findings and the overall verdict, read from the model's answer.
public struct ReviewOutput: Sendable, Equatable {
  /// The problems found, most urgent first.
  public var findings: [ReviewFinding]
  /// `patch is correct` or `patch is incorrect`, as the model said; empty when it did not.
  public var overallCorrectness: String
  /// Why, in a few sentences.
  public var overallExplanation: String
  /// How sure the reviewer is of the verdict, when it said.
  public var overallConfidence: Double?
  /// Whether the answer was in the review shape; when not, the whole answer is the
  /// explanation and there are no findings to trust.
  public var isStructured = true

  /// A result.
  public init(
    findings: [ReviewFinding], overallCorrectness: String, overallExplanation: String,
    overallConfidence: Double?
  ) {
    self.findings = findings
    self.overallCorrectness = overallCorrectness
    self.overallExplanation = overallExplanation
    self.overallConfidence = overallConfidence
  }

  /// Whether the verdict says the change is correct.
  public var isCorrect: Bool? {
    let verdict = overallCorrectness.lowercased()
    if verdict.contains("incorrect") { return false }
    if verdict.contains("correct") { return true }
    return nil
  }

  /// The findings at `priority` or more urgent (a lower number); those without a
  /// priority never count.
  public func findings(atOrAbove priority: Int) -> [ReviewFinding] {
    findings.filter { ($0.priority ?? Int.max) <= priority }
  }

  /// Reads the model's answer: a JSON object in Codex's review shape, alone or inside a
  /// code fence or prose. An answer that holds no such object is kept whole as the
  /// explanation, with no findings, so nothing the reviewer said is lost.
  public static func parse(_ answer: String) -> ReviewOutput {
    for candidate in jsonCandidates(in: answer) {
      if let value = JSONValue.parse(candidate), let object = value.object,
        object["findings"] != nil || object["overall_correctness"] != nil
      {
        return from(object)
      }
    }
    var output = ReviewOutput(
      findings: [], overallCorrectness: "",
      overallExplanation: answer.trimmingCharacters(in: .whitespacesAndNewlines),
      overallConfidence: nil)
    output.isStructured = false
    return output
  }

  /// The whole answer, then the text between its first `{` and last `}`.
  private static func jsonCandidates(in answer: String) -> [String] {
    let trimmed = answer.trimmingCharacters(in: .whitespacesAndNewlines)
    var candidates = [trimmed]
    if let open = trimmed.firstIndex(of: "{"), let close = trimmed.lastIndex(of: "}"),
      open < close
    {
      candidates.append(String(trimmed[open...close]))
    }
    return candidates
  }

  private static func from(_ object: JSONObject) -> ReviewOutput {
    let findings = (object["findings"]?.array ?? []).compactMap { value -> ReviewFinding? in
      guard let finding = value.object else { return nil }
      let title = finding["title"]?.string ?? ""
      let body = finding["body"]?.string ?? ""
      guard !title.isEmpty || !body.isEmpty else { return nil }
      let location = finding["code_location"]?.object
      let path =
        location?["absolute_file_path"]?.string ?? location?["file_path"]?.string
        ?? location?["path"]?.string ?? ""
      let range = location?["line_range"]?.object
      let start = max(1, number(range?["start"]).map { Int($0) } ?? 1)
      let end = max(start, number(range?["end"]).map { Int($0) } ?? start)
      var priority = number(finding["priority"]).map { Int($0) }
      if priority == nil, let tagged = finding["priority"]?.string {
        priority = ReviewPriority.parse(tagged)
      }
      if priority == nil, title.hasPrefix("[P"), let close = title.firstIndex(of: "]") {
        priority = ReviewPriority.parse(String(title[title.index(after: title.startIndex)..<close]))
      }
      if let known = priority, !(0...3).contains(known) { priority = nil }
      return ReviewFinding(
        title: title, body: body,
        confidence: number(finding["confidence_score"]).map { min(1, max(0, $0)) },
        priority: priority, path: path, lines: start...end)
    }
    return ReviewOutput(
      findings: findings.enumerated().sorted {
        ($0.element.priority ?? 4, $0.offset) < ($1.element.priority ?? 4, $1.offset)
      }.map(\.element),
      overallCorrectness: object["overall_correctness"]?.string ?? "",
      overallExplanation: object["overall_explanation"]?.string ?? "",
      overallConfidence: number(object["overall_confidence_score"]))
  }

  /// A JSON number, or a number written as a string.
  private static func number(_ value: JSONValue?) -> Double? {
    guard let value else { return nil }
    if let double = value.double { return double }
    if let text = value.string { return Double(text) }
    return nil
  }
}
