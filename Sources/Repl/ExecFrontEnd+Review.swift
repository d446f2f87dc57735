import Agent
import Commands
import Foundation

/// `codex exec review` / `codex review`: what to review and how to report it.
public struct ReviewJob: Sendable {
  /// How the report is written on stdout (and to `-o`).
  public enum Format: String, Sendable, CaseIterable {
    /// The findings as text (stdout), as the interactive session shows them.
    case text
    /// Codex's review shape as JSON.
    case json
    /// A SARIF 2.1.0 log, for code-scanning services.
    case sarif
  }

  /// What to review.
  public var target: ReviewTarget
  /// Extra words on what to look at.
  public var focus: String?
  /// The report's format.
  public var format: Format
  /// Exit 1 when a finding at this priority or a more urgent one exists (`--fail-on P1`).
  public var failOn: Int?

  /// A review job.
  public init(target: ReviewTarget, focus: String?, format: Format, failOn: Int?) {
    self.target = target
    self.focus = focus
    self.format = format
    self.failOn = failOn
  }
}

extension ExecFrontEnd {
  /// Writes a finished review's report and returns the exit status `--fail-on` asks for.
  func finish(_ job: ReviewJob, result: ReviewResult, console: ExecConsole, live: Bool) -> Int32 {
    let report: String
    switch job.format {
    case .text: report = TerminalText.sanitize(result.plainText) + "\n"
    case .json: report = result.output.json(root: result.root).prettyText + "\n"
    case .sarif:
      report = SARIFReport.log(result, toolVersion: CodexVersion.current).prettyText + "\n"
    }
    // The live view already showed the findings on this same terminal.
    let shownLive = live && ExecConsole.sameTerminal(1, 2) && job.format == .text
    if !json && !shownLive { console.stdout(report) }
    if let outputFile {
      // -o keeps a machine-readable report: JSON, or SARIF when that is the format.
      let file =
        job.format == .sarif
        ? report : result.output.json(root: result.root).prettyText + "\n"
      guard write(file, to: outputFile, console: console) else { return 1 }
    }
    guard let failOn = job.failOn else { return 0 }
    guard result.output.isStructured else {
      console.stderr(
        console.style.red("error: ")
          + "the reviewer did not answer in the review format; --fail-on cannot be checked\n")
      return 1
    }
    let failing = result.output.findings(atOrAbove: failOn)
    guard !failing.isEmpty else { return 0 }
    console.stderr(
      console.style.red("review failed: ")
        + "\(failing.count) finding\(failing.count == 1 ? "" : "s") at P\(failOn) or above "
        + "(--fail-on P\(failOn))\n")
    return 1
  }
}
