import Foundation

/// A code review run as its own turn: a separate conversation under the review
/// instructions, read-only, with `review_model` when set. The model's answer (JSON)
/// is not shown as text; the findings are, through `reviewCompleted`.
public enum ReviewRun {
  /// The settings a review runs with: read-only sandbox, never asking (nothing it needs
  /// may write), the review model when configured, no output schema, no web search,
  /// no MCP servers, not saved as a session of its own.
  public static func configuration(from base: Configuration) -> Configuration {
    var configuration = base
    if let model = base.reviewModel, !model.isEmpty { configuration.model = model }
    configuration.sandboxMode = .readOnly
    configuration.approvalPolicy = .never
    configuration.outputSchema = nil
    configuration.webSearch = .disabled
    configuration.mcpServers = []
    configuration.ephemeral = true
    configuration.readOnlyTools = true
    configuration.developerInstructions = nil
    configuration.autoCompactTokenLimit = nil
    configuration.notify = nil
    return configuration
  }

  /// Runs the review of `material` in `reviewer` (a session made from `configuration(from:)`
  /// with `ReviewPrompt.instructions`), reporting tool use through `emit`. Ends like a
  /// turn; a completed one carries the result.
  public static func run(
    _ material: ReviewMaterial, focus: String?, reviewer: Session,
    emit: @escaping @Sendable (EngineEvent) -> Void
  ) async -> (TurnEnd, ReviewResult?) {
    emit(.reviewStarted(target: material.target.description))
    let usage = HeldEvent()
    let ending = await reviewer.submit(ReviewPrompt.request(for: material, focus: focus)) {
      event in
      switch event {
      // The answer is JSON for us to read, not text for the user; the session the user
      // continues is the one that asked for the review, which announces itself.
      case .sessionConfigured, .agentMessageDelta, .agentMessage, .turnCompleted: break
      // Usage closes the turn's output, after the findings.
      case .tokenUsage: usage.hold(event)
      default: emit(event)
      }
    }
    guard case .completed(let answer) = ending else { return (ending, nil) }
    guard let answer, !answer.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
      let failed = TurnEnd.failed(reason: "the reviewer gave no answer")
      usage.release(to: emit)
      emit(failed.event)
      return (failed, nil)
    }
    let result = ReviewResult(
      target: material.target.description, root: material.root, diff: material.diff,
      output: ReviewOutput.parse(answer))
    emit(.reviewCompleted(result))
    usage.release(to: emit)
    emit(.turnCompleted(lastMessage: result.plainText))
    return (.completed(lastMessage: result.plainText), result)
  }
}

/// An event kept back to be sent later (a review's token usage, after its findings).
private final class HeldEvent: @unchecked Sendable {
  // @unchecked Sendable: the event is read and written under `lock` only.
  private let lock = NSLock()
  private var event: EngineEvent?

  func hold(_ event: EngineEvent) { lock.withLock { self.event = event } }

  func release(to emit: (EngineEvent) -> Void) {
    if let event = lock.withLock({ self.event }) { emit(event) }
  }
}
