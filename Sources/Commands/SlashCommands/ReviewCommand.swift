import Agent
import Foundation

/// `/review [uncommitted | base BRANCH | commit SHA | "INSTRUCTIONS"]`: a code review of
/// the working tree's changes, a branch, a commit, or what the instructions say.
struct ReviewCommand: SlashCommandDefinition {
  let spec = SlashCommand(
    "review",
    "review changes: uncommitted | base BRANCH | commit SHA | \"INSTRUCTIONS\"",
    arguments: [
      .configured(name: "TARGET", kind: .reviewTargets),
      .configured(name: "BRANCH|SHA", kind: .revisions),
    ], variadic: true)

  func check(_ use: SlashCommandUse) throws(InputError) {
    _ = try Self.target(use.arguments, column: use.column)
  }

  func run(_ use: SlashCommandUse, in interpreter: Interpreter) async throws
    -> Interpreter.Outcome
  {
    guard let (target, focus) = try Self.target(use.arguments, column: use.column) else {
      offer(to: interpreter.console)
      return .done
    }
    return await interpreter.review(target, focus: focus)
  }

  /// The target and extra focus words of a use; nil for a bare `/review`.
  static func target(_ arguments: [String], column: (Int) -> Int) throws(InputError) -> (
    ReviewTarget, String?
  )? {
    guard let first = arguments.first else { return nil }
    func focus(after count: Int) -> String? {
      arguments.count > count ? arguments.dropFirst(count).joined(separator: " ") : nil
    }
    switch first {
    case "uncommitted":
      return (.uncommitted, focus(after: 1))
    case "base", "commit":
      guard arguments.count >= 2, !arguments[1].isEmpty else {
        throw InputError(
          message: "/review \(first) needs a \(first == "base" ? "branch" : "commit"): "
            + "/review \(first) \(first == "base" ? "main" : "HEAD~1")",
          column: column(0))
      }
      return first == "base"
        ? (.baseBranch(arguments[1]), focus(after: 2))
        : (.commit(arguments[1], title: nil), focus(after: 2))
    default:
      return (.custom(arguments.joined(separator: " ")), nil)
    }
  }

  private func offer(to console: Console) {
    console.line("review what?")
    console.line("  /review uncommitted         staged, unstaged and untracked changes")
    console.line("  /review base BRANCH         the changes since BRANCH (its merge base)")
    console.line("  /review commit SHA          the changes one commit made")
    console.line("  /review \"INSTRUCTIONS\"      what you ask the reviewer to look at")
  }
}
