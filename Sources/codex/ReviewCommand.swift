import Agent
import ArgumentParser
import Foundation
import Repl

/// `codex review` and `codex exec review`: a code review run to the end without a
/// terminal, for people and CI.
struct ReviewCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "review",
    abstract: "Review code changes: uncommitted ones, a branch against its base, or one commit.",
    discussion: """
      Without a target flag, PROMPT says what to review; with one, PROMPT adds a focus. \
      The review runs read-only, with review_model when it is set (-m overrides it).

      The findings go to stdout as text, JSON (--format json, Codex's review shape) or \
      SARIF 2.1.0 (--format sarif); -o also writes them to a file.

      Exit status: 0 done, 1 the review failed or --fail-on found a finding at that \
      priority or above, 2 usage.
      """)

  @OptionGroup var options: ConfigOptions

  @OptionGroup var traffic: TrafficOptions

  @Flag(help: "Review the staged, unstaged and untracked changes.")
  var uncommitted = false

  @Option(help: "Review the changes against this base branch (from its merge base).")
  var base: String?

  @Option(help: "Review the changes one commit made.")
  var commit: String?

  @Option(help: "With --commit: the commit's title, shown with the review.")
  var title: String?

  @Option(help: "The report on stdout: text, json or sarif.")
  var format: ReviewFormatChoice = .text

  @Option(
    help: ArgumentHelp(
      "Exit 1 when a finding at this priority or above exists (P0, P1, P2 or P3).",
      valueName: "priority"))
  var failOn: String?

  @Flag(help: "Print events as JSON lines on stdout (the findings as a review item).")
  var json = false

  @Option(
    name: [.customShort("o"), .customLong("output-last-message")],
    help: "Also write the findings to FILE as JSON (SARIF with --format sarif).")
  var outputFile: String?

  @Flag(help: "Run even outside a git repository (custom instructions only).")
  var skipGitRepoCheck = false

  @Option(help: "Colours on stderr: always, never or auto (a terminal and no NO_COLOR).")
  var color: ColorChoice = .auto

  @Argument(help: "What to review (without a target flag), or a focus; - reads it from stdin.")
  var prompt: String?

  func validate() throws {
    let targets = [uncommitted, base != nil, commit != nil].filter { $0 }.count
    if targets > 1 {
      throw ValidationError("give one of --uncommitted, --base BRANCH and --commit SHA")
    }
    if title != nil && commit == nil {
      throw ValidationError("--title goes with --commit SHA")
    }
    if let failOn, ReviewPriority.parse(failOn) == nil {
      throw ValidationError("--fail-on takes P0, P1, P2 or P3, not \"\(failOn)\"")
    }
    if json && format != .text {
      throw ValidationError(
        "--json and --format \(format.rawValue) both write stdout; use -o FILE for the report")
    }
  }

  func run() async throws {
    var focus = prompt
    if prompt == "-" {
      focus = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
    }
    focus = focus?.trimmingCharacters(in: .whitespacesAndNewlines)
    if focus?.isEmpty == true { focus = nil }
    let target: ReviewTarget
    if let base {
      target = .baseBranch(base)
    } else if let commit {
      target = .commit(commit, title: title)
    } else if uncommitted {
      target = .uncommitted
    } else if let instructions = focus {
      target = .custom(instructions)
      focus = nil
    } else {
      throw Failure.report(
        "say what to review: --uncommitted, --base BRANCH, --commit SHA, or instructions "
          + "(codex review \"look at the error handling in src/\")", code: 2)
    }
    var overrides = options.overrides
    // A model named on this command line is the one to review with.
    if let model = overrides.model {
      overrides.settings.append("review_model=" + JSONText.string(model))
    }
    var exec = ExecFrontEnd(
      overrides: overrides, prompt: "", images: [], json: json, outputFile: outputFile,
      skipGitRepoCheck: skipGitRepoCheck, traffic: try traffic.modelTraffic())
    exec.colors = color.colors
    exec.review = ReviewJob(
      target: target, focus: focus, format: format.job,
      failOn: failOn.flatMap(ReviewPriority.parse))
    let status: Int32
    do {
      status = try await exec.run()
    } catch let refusal as ExecFrontEnd.Refusal {
      throw Failure.report(refusal.message, code: refusal.status)
    }
    if status != 0 { throw ExitCode(status) }
  }
}

/// `--format`: text, json or sarif.
enum ReviewFormatChoice: String, ExpressibleByArgument, CaseIterable {
  case text, json, sarif

  var job: ReviewJob.Format { ReviewJob.Format(rawValue: rawValue) ?? .text }
}
