import Foundation

/// The hooks around a tool call: PreToolUse may block it, PermissionRequest may answer
/// its question, PostToolUse sees its output and may replace it with feedback.
extension ToolOrchestrator {
  /// What the model reads when a PreToolUse hook blocked the call; nil to go on.
  func preToolUse(_ view: HookToolView, _ context: ToolContext) async -> String? {
    guard let verdict = await run(.preToolUse, view, [:], context) else { return nil }
    guard let reason = verdict.block ?? verdict.stop else { return nil }
    if let command = view.command {
      context.emit(
        .commandRefused(
          callID: context.callID, command: [command],
          reason: "blocked by a PreToolUse hook: \(reason)"))
      return "Command blocked by PreToolUse hook: \(reason). Command: \(command)"
    }
    context.emit(.warning("\(view.name) call blocked by a PreToolUse hook: \(reason)"))
    return "Tool call blocked by PreToolUse hook: \(reason)"
  }

  /// A PermissionRequest hook's answer to the call's question: true approves, false
  /// refuses, nil leaves it to the user.
  func permissionRequest(_ view: HookToolView, _ context: ToolContext) async -> Bool? {
    await run(.permissionRequest, view, [:], context)?.permission
  }

  /// What the model reads instead of the call's output when a PostToolUse hook, shown
  /// `response`, blocked it (its reason); nil keeps the output.
  func postToolUse(_ view: HookToolView, response: String, _ context: ToolContext) async -> String?
  {
    await run(.postToolUse, view, ["tool_response": .string(response)], context)?.block
  }

  /// Runs `event`'s hooks for the call when any watches it; their contexts go to the
  /// model after the call's output, their warnings to the user.
  private func run(
    _ event: HookEvent, _ view: HookToolView, _ extra: JSONObject, _ context: ToolContext
  ) async -> HookVerdict? {
    let hooks = context.configuration.hooks
    guard let hookContext = context.hookContext, hooks.watches(event, view.name) else {
      return nil
    }
    var fields: JSONObject = ["tool_name": .string(view.name), "tool_input": view.input]
    for (key, value) in extra { fields[key] = value }
    fields["tool_use_id"] = .string(context.callID)
    let verdict = await hooks.run(event, matching: view.name, context: hookContext, fields: fields)
    verdict.warnings.forEach { context.emit(.warning($0)) }
    verdict.contexts.forEach { context.addContext($0) }
    return verdict
  }
}
