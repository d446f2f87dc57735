import Agent

/// Engine events as the `msg` of Codex CLI's `codex/event` notifications, so MCP
/// clients written for Codex CLI follow our sessions unchanged. Events without a
/// Codex counterpart, and raw command output, are not sent.
struct CodexEventMessage {
  private var items = TurnItemTracker(naming: .callIDs)

  /// The messages `event` stands for, in order (none for most events).
  mutating func messages(for event: EngineEvent) -> [JSONValue] {
    let fromItems = items.events(for: event).compactMap(Self.message)
    return fromItems + (Self.message(event).map { [$0] } ?? [])
  }

  /// An item's start or end as Codex's event messages tell it.
  private static func message(_ itemEvent: TurnItemEvent) -> JSONValue? {
    switch itemEvent {
    case .agentMessageDelta(_, let delta):
      return msg("agent_message_delta", ["delta": .string(delta)])
    case .commandOutput:
      return nil
    case .started(let item):
      let callID = JSONValue.string(item.callID ?? item.id)
      switch item.content {
      case .command(let command, let directory, _, _, _):
        return msg(
          "exec_command_begin",
          [
            "call_id": callID, "command": .array(command.map { .string($0) }),
            "cwd": .string(directory),
          ])
      case .fileChange(let changes, _):
        return msg(
          "patch_apply_begin",
          [
            "call_id": callID, "auto_approved": .bool(false),
            "changes": .array(changes.map { .string($0.summary) }),
          ])
      case .mcpToolCall(let server, let tool, _, let arguments, _, _):
        return msg(
          "mcp_tool_call_begin",
          [
            "call_id": callID,
            "invocation": .object([
              "server": .string(server), "tool": .string(tool), "arguments": .string(arguments),
            ]),
          ])
      case .agentMessage, .reasoning, .webSearch:
        return nil
      }
    case .completed(let item):
      let callID = JSONValue.string(item.callID ?? item.id)
      switch item.content {
      case .agentMessage(let text):
        return msg("agent_message", ["message": .string(text)])
      case .reasoning(let text):
        return msg("agent_reasoning", ["text": .string(text)])
      case .webSearch(let search):
        return msg(
          "web_search_end", ["call_id": .string(search.id), "query": .string(search.query)])
      case .command(_, _, let output, let exitCode, let duration):
        return msg(
          "exec_command_end",
          [
            "call_id": callID, "exit_code": .int(Int(exitCode ?? -1)),
            "aggregated_output": .string(output),
            "duration": .string(duration.map { "\($0)" } ?? ""),
          ])
      case .fileChange(let changes, let error):
        if let error {
          return msg(
            "patch_apply_end",
            ["call_id": callID, "success": .bool(false), "stderr": .string(error)])
        }
        return msg(
          "patch_apply_end",
          [
            "call_id": callID, "success": .bool(true),
            "stdout": .string(changes.map(\.summary).joined(separator: "\n")),
          ])
      case .mcpToolCall(let server, let tool, _, _, let result, let duration):
        return msg(
          "mcp_tool_call_end",
          [
            "call_id": callID,
            "invocation": .object(["server": .string(server), "tool": .string(tool)]),
            "result": .string(result?.text ?? ""), "is_error": .bool(result?.isError ?? true),
            "duration": .string(duration.map { "\($0)" } ?? ""),
          ])
      }
    }
  }

  /// Events that are not about an item, as Codex's event messages.
  private static func message(_ event: EngineEvent) -> JSONValue? {
    switch event {
    case .sessionConfigured(let id, let model, _):
      return msg("session_configured", ["session_id": .string(id), "model": .string(model)])
    case .turnStarted:
      return msg("task_started", [:])
    case .unknownTool(let callID, let name):
      return msg(
        "background_event",
        ["call_id": .string(callID), "message": .string("unsupported call: \(name)")])
    case .execRunning(let callID, let command, let processID):
      return msg(
        "background_event",
        [
          "call_id": .string(callID),
          "message": .string("`\(command)` keeps running as session \(processID)"),
        ])
    case .planUpdated(let steps):
      let plan: [JSONValue] = steps.map {
        .object(["step": .string($0.step), "status": .string($0.status.rawValue)])
      }
      return msg("plan_update", ["plan": .array(plan)])
    case .commandRefused(_, let command, let reason):
      return msg(
        "background_event",
        ["message": .string("not run: \(command.joined(separator: " ")) — \(reason)")])
    case .approvalRequested(let callID, let question):
      // Codex's names: the request itself travels as an elicitation.
      if question.kind == .patch {
        return msg(
          "apply_patch_approval_request",
          ["call_id": .string(callID), "reason": .string(question.reason)])
      }
      return msg(
        "exec_approval_request",
        [
          "call_id": .string(callID), "command": .array(question.command.map { .string($0) }),
          "cwd": .string(question.workingDirectory), "reason": .string(question.reason),
        ])
    case .retrying(let notice):
      return msg("stream_error", ["message": .string(notice.summary)])
    case .tokenUsage(let reported, let total, _):
      let turn = reported ?? TokenUsage()
      return msg(
        "token_count",
        [
          "input_tokens": .int(turn.inputTokens),
          "cached_input_tokens": .int(turn.cachedInputTokens),
          "output_tokens": .int(turn.outputTokens),
          "total_tokens": .int(total.inputTokens + total.outputTokens),
        ])
    case .turnCompleted(let last):
      return msg("task_complete", ["last_agent_message": last.map { .string($0) } ?? .null])
    case .compacted:
      return msg("background_event", ["message": .string("conversation compacted")])
    case .turnFailed(let reason):
      return msg("error", ["message": .string(reason)])
    case .turnInterrupted:
      return msg("turn_aborted", ["reason": .string("interrupted")])
    case .warning(let message), .notice(let message):
      return msg("background_event", ["message": .string(message)])
    case .imageViewed(let path):
      return msg("view_image_tool_call", ["path": .string(path)])
    case .reviewStarted(let target):
      return msg("entered_review_mode", ["user_facing_hint": .string(target)])
    case .reviewCompleted(let result):
      return msg("exited_review_mode", ["review_output": result.output.json(root: result.root)])
    default:
      // Item events (rendered from items above) and raw output.
      return nil
    }
  }

  /// A one-line description of a step, for MCP progress notifications.
  static func progressText(_ event: EngineEvent) -> String? {
    switch event {
    case .agentMessage(let text): return text
    case .execBegin(_, let command, _, _): return "$ " + command.joined(separator: " ")
    case .patchApplied(_, let changes): return changes.map(\.summary).joined(separator: ", ")
    case .mcpToolCallBegin(_, let server, let tool, _): return "\(server).\(tool)"
    case .planUpdated(let steps):
      return steps.first { $0.status == .inProgress }.map { "plan: " + $0.step }
    case .turnFailed(let reason): return "error: " + reason
    default: return nil
    }
  }

  private static func msg(_ type: String, _ fields: JSONObject) -> JSONValue {
    var all = fields
    all["type"] = .string(type)
    return .object(all)
  }
}
