import Agent
import Sandbox

/// Human-readable progress of a turn, one line per step, for `codex exec` (on stderr).
public struct ProgressRenderer: Sendable {
  /// Colours on or off.
  public var style: TerminalStyle
  /// Leave reasoning summaries out (`hide_agent_reasoning`).
  public var hideReasoning: Bool
  /// The last lines of a command's output that are shown.
  public var outputLines = 10
  /// The lines of a patch's diff that are shown.
  public var diffLines = 40
  /// File paths as hyperlinks to an editor (`file_opener`), when set.
  public var fileLinks: FileLinks?

  /// A renderer with the default caps on output and diff lines.
  public init(style: TerminalStyle, hideReasoning: Bool) {
    self.style = style
    self.hideReasoning = hideReasoning
  }

  /// `M path` (`-> new path` when moved), the paths linked when `fileLinks` is set.
  func summary(_ change: FileChange) -> String {
    func shown(_ path: String) -> String {
      let safe = TerminalText.sanitize(path)
      return fileLinks?.link(path, shown: safe) ?? safe
    }
    return change.kind.rawValue + " " + shown(change.path)
      + (change.movedTo.map { " -> " + shown($0) } ?? "")
  }

  /// The lines to print for an event; empty for events shown elsewhere (text deltas).
  public func lines(_ event: EngineEvent) -> [String] {
    switch event {
    case .sessionConfigured(let id, let model, let provider):
      return [style.dim("codex · \(model) via \(provider) · session \(id)")]
    case .reasoning(let text):
      return hideReasoning
        ? [] : TerminalText.sanitize(text).split(separator: "\n").map { style.dim("  " + $0) }
    case .execBegin(_, let command, _, let sandboxed):
      return [
        style.bold("$ " + TerminalText.sanitize(CommandText.join(command)))
          + (sandboxed ? "" : style.yellow("  (no sandbox)"))
      ]
    case .execEnd(_, _, let exitCode, let duration, let output):
      var all = TerminalText.sanitize(output).split(
        separator: "\n", omittingEmptySubsequences: false)
      if all.last?.isEmpty == true { all.removeLast() }
      var out = all.suffix(outputLines).map { style.dim("  " + $0) }
      if all.count > outputLines {
        out.insert(style.dim("  … \(all.count - outputLines) earlier lines"), at: 0)
      }
      let seconds = duration.inSeconds
      let status = "  exit \(exitCode) · " + String(format: "%.1fs", seconds)
      return out + [exitCode == 0 ? style.dim(status) : style.red(status)]
    case .patchApplied(_, let changes):
      return changes.flatMap { change in
        [style.bold("  " + summary(change))]
          + DiffRenderer.lines(change.diff, style: style, limit: diffLines)
      }
    case .patchFailed(_, let message):
      return [style.red("  patch not applied: " + TerminalText.sanitize(message))]
    case .mcpToolCallBegin(_, let server, let tool, let arguments):
      let shown = TerminalText.sanitize(
        arguments.count > 200 ? arguments.prefix(200) + "…" : arguments)
      return [
        style.bold("⚙ " + TerminalText.sanitize("\(server).\(tool)")) + style.dim(" " + shown)
      ]
    case .mcpToolCallEnd(_, _, _, let result, let duration):
      let isError = result.isError
      var all = TerminalText.sanitize(result.text).split(
        separator: "\n", omittingEmptySubsequences: false)
      if all.last?.isEmpty == true { all.removeLast() }
      var out = all.suffix(outputLines).map { style.dim("  " + $0) }
      if all.count > outputLines {
        out.insert(style.dim("  … \(all.count - outputLines) earlier lines"), at: 0)
      }
      let seconds = duration.inSeconds
      let status = (isError ? "  failed · " : "  done · ") + String(format: "%.1fs", seconds)
      return out + [isError ? style.red(status) : style.dim(status)]
    case .planUpdated(let steps):
      return steps.map { step in
        switch step.status {
        case .completed: return "  [x] " + TerminalText.sanitize(step.step)
        case .inProgress: return "  [>] " + TerminalText.sanitize(step.step)
        case .pending: return "  [ ] " + TerminalText.sanitize(step.step)
        }
      }
    case .commandRefused(_, let command, let reason):
      return [
        style.yellow(
          "  not run: " + TerminalText.sanitize(CommandText.join(command) + " — " + reason))
      ]
    case .retrying(let notice):
      // A broken stream's text was shown; the marker says it is void.
      let line = "  ↻ " + TerminalText.sanitize(notice.summary)
      return [notice.discardedCharacters > 0 ? style.dim(line) : style.yellow(line)]
    case .webSearch(let search):
      let query = search.query.isEmpty ? "the web" : search.query
      return [style.bold("⌕ searched: " + TerminalText.sanitize(query))]
        + search.sources.prefix(8).map { style.dim("  · " + TerminalText.sanitize($0)) }
        + (search.sources.count > 8 ? [style.dim("  … \(search.sources.count - 8) more")] : [])
    case .notice(let message):
      return [style.yellow("  " + TerminalText.sanitize(message))]
    case .unknownTool(_, let name):
      return [
        style.yellow(
          "  the model called `\(TerminalText.sanitize(name))`, which is not offered; it was told the tools it has"
        )
      ]
    case .execRunning(_, let command, let processID):
      return [
        style.yellow(
          "  " + TerminalText.sanitize("`\(command)` keeps running as session \(processID)")
            + " (/ps lists it)")
      ]
    case .imageViewed(let path):
      let safe = TerminalText.sanitize(path)
      return [style.bold("▣ viewed image ") + (fileLinks?.link(path, shown: safe) ?? safe)]
    case .reviewStarted(let target):
      return [style.bold(">> code review: " + TerminalText.sanitize(target))]
    case .reviewCompleted(let result):
      return ReviewRenderer(style: style, fileLinks: fileLinks).lines(result)
    case .tokenUsage(let reported, _, let contextLeft):
      let context = contextLeft.map { String(format: " · %.0f%% context left", $0 * 100) } ?? ""
      guard let turn = reported else { return [style.dim("  usage not reported" + context)] }
      let counts =
        "  tokens: \(turn.inputTokens) in (\(turn.cachedInputTokens) cached), \(turn.outputTokens) out"
      return [style.dim(counts + context)]
    case .turnFailed(let reason):
      return [style.red("error: " + TerminalText.sanitize(reason))]
    case .turnInterrupted:
      return [style.yellow("interrupted; the conversation keeps what was said so far")]
    case .warning(let message):
      return [style.yellow("warning: " + TerminalText.sanitize(message))]
    default:
      return []
    }
  }
}
