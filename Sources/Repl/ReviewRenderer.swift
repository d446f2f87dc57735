import Agent

/// A review's findings for the terminal: each with its priority, title and `file:line`
/// (a hyperlink with `file_opener`), its explanation, and the diff lines it is about;
/// then the verdict.
struct ReviewRenderer {
  var style: TerminalStyle
  var fileLinks: FileLinks?

  func lines(_ result: ReviewResult) -> [String] {
    let output = result.output
    let count = output.findings.count
    // An answer not in the review format has no findings to count: it is said so, and
    // the answer shown (below, as the explanation).
    var out = [
      style.bold(
        "review of " + TerminalText.sanitize(result.target) + ": "
          + (!output.isStructured
            ? "the reviewer did not answer in the review format; its answer:"
            : count == 0 ? "no findings" : count == 1 ? "1 finding" : "\(count) findings"))
    ]
    for finding in output.findings {
      let location = TerminalText.sanitize(result.location(of: finding))
      let absolute = finding.absolutePath(root: result.root)
      let shown = fileLinks?.link(absolute, shown: location) ?? location
      let label = finding.priorityLabel ?? "P?"
      out.append("")
      out.append(
        colour(label, priority: finding.priority) + " "
          + style.bold(TerminalText.sanitize(finding.plainTitle)) + "  " + shown
          + (finding.confidence.map { style.dim(String(format: "  (confidence %.2f)", $0)) } ?? ""))
      for line in TerminalText.sanitize(finding.body).split(
        separator: "\n", omittingEmptySubsequences: false)
      {
        out.append("    " + line)
      }
      if let hunk = DiffHunkLookup.excerpt(
        in: result.diff, path: finding.relativePath(root: result.root), lines: finding.lines)
      {
        out += DiffRenderer.lines(hunk.joined(separator: "\n"), style: style, limit: 16).map {
          "    " + $0
        }
      }
    }
    if !output.overallCorrectness.isEmpty || !output.overallExplanation.isEmpty {
      out.append("")
      let verdict = TerminalText.sanitize(output.overallCorrectness)
      let coloured =
        output.isCorrect == true
        ? style.green(verdict) : output.isCorrect == false ? style.red(verdict) : verdict
      out.append(
        (verdict.isEmpty ? "" : coloured + ": ")
          + TerminalText.sanitize(output.overallExplanation))
    }
    return out
  }

  private func colour(_ label: String, priority: Int?) -> String {
    switch priority {
    case 0, 1: return style.red(style.bold("[" + label + "]"))
    case 2: return style.yellow("[" + label + "]")
    default: return style.dim("[" + label + "]")
    }
  }
}
