import Agent
import Foundation

extension Interpreter {
  /// Runs a code review of `target` beside the conversation (its own turn, read-only,
  /// `review_model` when set); its findings are rendered through the console and kept
  /// in the conversation so the user can ask for fixes.
  public func review(_ target: ReviewTarget, focus: String? = nil) async -> Outcome {
    let console = self.console
    let base = session.configuration
    session.announce { console.event($0) }
    lastReply = nil
    lastReview = nil
    let material: ReviewMaterial
    do {
      material = try await ReviewMaterial.gather(
        target, in: base.workingDirectory, environment: environment)
    } catch let problem as ReviewMaterial.Problem where problem.nothingToReview {
      // No changes is a finished review with nothing found (so CI gates pass and a
      // SARIF log is still written), said plainly and without asking the model.
      let result = ReviewResult(
        target: target.description, root: base.workingDirectory, diff: "",
        output: ReviewOutput(
          findings: [], overallCorrectness: "", overallExplanation: problem.message,
          overallConfidence: nil))
      // The same shape of events as a review the model did (`--json` readers see a
      // whole turn).
      console.event(.turnStarted)
      console.event(.reviewCompleted(result))
      console.event(.turnCompleted(lastMessage: result.plainText))
      lastReview = result
      lastReply = result.plainText
      return .done
    } catch {
      let message = (error as? ReviewMaterial.Problem)?.message ?? "\(error)"
      console.line("error: " + TerminalText.sanitize(message))
      return .failed(message)
    }
    let reviewer: Session
    do {
      reviewer = try Session.start(
        configuration: ReviewRun.configuration(from: base), traffic: traffic,
        approvals: session.approvals, environment: environment,
        baseInstructions: ReviewPrompt.instructions, notice: console.line)
    } catch {
      console.line("error: " + TerminalText.sanitize("\(error)"))
      return .failed("\(error)")
    }
    let (ending, result) = await ReviewRun.run(material, focus: focus, reviewer: reviewer) {
      console.event($0)
    }
    switch ending {
    case .completed:
      guard let result else { return .failed("the review gave no result") }
      lastReview = result
      lastReply = result.plainText
      session.addReview(result)
      return .done
    case .failed(let reason): return .failed(reason)
    case .interrupted: return .interrupted
    }
  }
}
