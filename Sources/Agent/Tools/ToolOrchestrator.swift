import Foundation
import Sandbox

/// The one path every tool call takes: requirement → approval if needed → first
/// attempt (under the sandbox unless the policy or an escalation says otherwise) → when
/// the sandbox denied it and the policy allows (`untrusted`, `on-failure`), one more
/// question: run it again without the sandbox.
// @unchecked Sendable: its fields are constants; what changes (the session's "always"
// answers) is in ApprovalMemory, behind a lock.
public final class ToolOrchestrator: @unchecked Sendable {
  /// Which tool a call goes to.
  public let router: ToolRouter
  let approvals: ApprovalHandler
  let memory: ApprovalMemory

  /// The user chose to abort the turn.
  public struct TurnAborted: Error {}

  /// An orchestrator for one turn, with the session's approval handler and memory.
  public init(router: ToolRouter, approvals: ApprovalHandler, memory: ApprovalMemory) {
    self.router = router
    self.approvals = approvals
    self.memory = memory
  }

  /// Runs the call and returns what the model is told.
  public func handle(_ call: ToolCall, context: ToolContext) async throws -> String {
    guard let (tool, routed) = router.route(call) else {
      let names = router.specs.map(\.name).joined(separator: ", ")
      let name = (call.namespace ?? "") + call.name
      context.emit(.unknownTool(callID: call.id, name: name))
      return "error: unknown tool `\(name)`; the tools are \(names)"
    }
    return try await handle(tool, routed, context: context)
  }

  private func handle<T: Tool>(_ tool: T, _ call: ToolCall, context: ToolContext) async throws
    -> String
  {
    let arguments: T.Arguments
    do {
      arguments = try tool.decode(call.arguments)
    } catch {
      return "error: \(error) (tool `\(tool.name)`)"
    }
    let view = tool.hookView(arguments)
    if let view, let blocked = await preToolUse(view, context) { return blocked }
    // The working tree is captured before a call whose changes nothing else records.
    let mayWrite = !tool.isReadOnly(arguments) && !tool.recordsItsChanges(arguments)
    if mayWrite { await context.beforeWrite() }
    let output = try await attempt(tool, arguments, view: view, context: context)
    if mayWrite { context.afterWrite() }
    guard let view, let ran = output.ran else { return output.text }
    return await postToolUse(view, response: ran, context) ?? output.text
  }

  /// The call's requirement, question and sandboxed attempt (and the retry without the
  /// sandbox); `ran` is nil when it did not run.
  private func attempt<T: Tool>(
    _ tool: T, _ arguments: T.Arguments, view: HookToolView?, context: ToolContext
  ) async throws -> (text: String, ran: String?) {
    let sandboxed: Bool
    switch await tool.requirement(for: arguments, in: context) {
    case .answered(let result):
      return (result.output, nil)
    case .forbidden(let reason):
      return (tool.declined(arguments, reason: reason, in: context), nil)
    case .run(let inSandbox):
      sandboxed = inSandbox
    case .ask(let reason, let inSandbox):
      let question = tool.question(for: arguments, reason: reason, in: context)
      if let refusal = try await ask(question, view, context) {
        return (tool.declined(arguments, reason: refusal, in: context), nil)
      }
      sandboxed = inSandbox
    }

    let attempt = SandboxAttempt(policy: context.policy, sandboxed: sandboxed)
    let first = try await tool.run(arguments, attempt: attempt, in: context)
    guard attempt.sandboxed, let denial = first.sandboxDenial,
      ExecApproval.offersRetryWithoutSandbox(context.approvalPolicy)
    else { return (first.output, first.hookResponse ?? first.output) }
    var question = tool.question(
      for: arguments, reason: "the sandbox denied it: \(denial)", in: context)
    question.retryWithoutSandbox = true
    if try await ask(question, view, context) != nil {
      return (first.output, first.hookResponse ?? first.output)
    }
    let escalated = SandboxAttempt(policy: context.policy, sandboxed: false)
    let second = try await tool.run(arguments, attempt: escalated, in: context)
    return (second.output, second.hookResponse ?? second.output)
  }

  /// Nil when approved (now or earlier for the session), else why not.
  private func ask(_ question: ApprovalQuestion, _ view: HookToolView?, _ context: ToolContext)
    async throws -> String?
  {
    if memory.approved(question) { return nil }
    if let view, let decided = await permissionRequest(view, context) {
      return decided ? nil : "a PermissionRequest hook denied it"
    }
    context.emit(.approvalRequested(callID: context.callID, question: question))
    switch await approvals.answer(question) {
    case .approve: return nil
    case .approveForSession:
      memory.remember(question)
      return nil
    case .approveRule:
      guard let prefix = question.proposedRule else { return nil }
      let configuration = context.configuration
      do {
        try configuration.execPolicy.allowAlways(prefix, writingTo: configuration.defaultRulesFile)
      } catch {
        context.emit(
          .warning("could not write the rule to \(configuration.defaultRulesFile): \(error)"))
      }
      return nil
    case .deny: return "the user declined"
    case .abort: throw TurnAborted()
    }
  }
}
