/// A finished review: what was reviewed, the diff it saw, and what the reviewer found.
public struct ReviewResult: Sendable, Equatable {
  /// The target, described for people (`changes against main`).
  public var target: String
  /// The repository's top directory.
  public var root: String
  /// The diff the review was given (empty for custom instructions).
  public var diff: String
  /// The findings and the verdict.
  public var output: ReviewOutput

  /// A result.
  public init(target: String, root: String, diff: String, output: ReviewOutput) {
    self.target = target
    self.root = root
    self.diff = diff
    self.output = output
  }

  /// The review as plain text: each finding with `path:start-end`, then the verdict.
  /// What `codex exec review` prints and what the conversation keeps of it.
  public var plainText: String {
    var lines: [String] = []
    let count = output.findings.count
    lines.append(
      "Review of \(target): "
        + (!output.isStructured
          ? "the reviewer did not answer in the review format; its answer:"
          : count == 0 ? "no findings" : count == 1 ? "1 finding" : "\(count) findings"))
    for finding in output.findings {
      lines.append("")
      lines.append(
        "- [\(finding.priorityLabel ?? "P?")] \(finding.plainTitle) — \(location(of: finding))")
      for line in finding.body.split(separator: "\n", omittingEmptySubsequences: false) {
        lines.append("  " + line)
      }
    }
    if !output.overallCorrectness.isEmpty || !output.overallExplanation.isEmpty {
      lines.append("")
      let verdict = output.overallCorrectness.isEmpty ? "" : output.overallCorrectness + ": "
      lines.append("Verdict: " + verdict + output.overallExplanation)
    }
    return lines.joined(separator: "\n")
  }

  /// `path:10` or `path:10-12`, the path relative to the repository.
  public func location(of finding: ReviewFinding) -> String {
    let lines = finding.lines
    return finding.relativePath(root: root) + ":" + String(lines.lowerBound)
      + (lines.count > 1 ? "-\(lines.upperBound)" : "")
  }
}
