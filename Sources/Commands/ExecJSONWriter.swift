import Agent
import Foundation
import Sandbox

/// `codex exec --json`: one JSON object per line, in Codex CLI's event schema, so the
/// tools that already read it work unchanged. The first line is always `thread.started`.
// @unchecked Sendable: its counters change only in `handle`, which its owner calls under a
// lock (ExecConsole) or from one task.
public final class ExecJSONWriter: @unchecked Sendable {
  private var items = TurnItemTracker(naming: .sequential)
  private var usage = TokenUsage()
  private let workingDirectory: String?
  private let write: (String) -> Void

  /// A writer that hands each finished line (without its newline) to `write`; file
  /// paths are given from `workingDirectory` (absolute, as Codex gives them).
  public init(workingDirectory: String? = nil, write: @escaping (String) -> Void) {
    self.workingDirectory = workingDirectory
    self.write = write
  }

  /// A changed file as Codex's `file_change` item lists it.
  private func fileChange(_ change: FileChange) -> JSONValue {
    let kind = change.kind == .added ? "add" : change.kind == .deleted ? "delete" : "update"
    var path = change.movedTo ?? change.path
    if let workingDirectory, !path.hasPrefix("/") {
      path = (workingDirectory as NSString).appendingPathComponent(path)
    }
    return ["path": .string(path), "kind": .string(kind)]
  }

  func threadStarted(_ sessionID: String) {
    line(["type": .string("thread.started"), "thread_id": .string(sessionID)])
  }

  func turnFailed(_ message: String) {
    line(["type": .string("turn.failed"), "error": .object(["message": .string(message)])])
  }

  /// Writes the lines an engine event stands for in Codex's schema (some events write
  /// none).
  public func handle(_ event: EngineEvent) {
    for itemEvent in items.events(for: event) {
      switch itemEvent {
      // Codex's exec reports only lasting items (commands, patches, tool calls) as
      // started; messages and the rest appear when complete.
      case .started(let item) where item.isLasting:
        self.item("item.started", id: item.id, fields(of: item))
      case .completed(let item):
        self.item("item.completed", id: item.id, fields(of: item))
      case .started, .agentMessageDelta, .commandOutput:
        break
      }
    }
    switch event {
    case .sessionConfigured(let id, _, _):
      threadStarted(id)
    case .turnStarted:
      line(["type": .string("turn.started")])
    case .planUpdated(let steps):
      let list: [JSONValue] = steps.map {
        .object(["text": .string($0.step), "completed": .bool($0.status == .completed)])
      }
      item("item.completed", id: newID(), ["type": .string("todo_list"), "items": .array(list)])
    case .tokenUsage(let turn, _, _):
      // Codex's shape has no way to say "not reported": zeros, as before.
      usage = turn ?? TokenUsage()
    case .turnCompleted:
      line([
        "type": .string("turn.completed"),
        "usage": .object([
          "input_tokens": .int(usage.inputTokens),
          "cached_input_tokens": .int(usage.cachedInputTokens),
          "cache_write_input_tokens": .int(usage.cacheWriteInputTokens),
          "output_tokens": .int(usage.outputTokens),
          "reasoning_output_tokens": .int(usage.reasoningOutputTokens),
        ]),
      ])
    case .turnFailed(let reason):
      turnFailed(reason)
    case .turnInterrupted:
      turnFailed("interrupted")
    case .commandRefused(_, _, let message):
      line(["type": .string("error"), "message": .string(message)])
    case .warning(let message), .notice(let message):
      // Codex CLI reports problems beside the turn as error items.
      item("item.completed", id: newID(), ["type": .string("error"), "message": .string(message)])
    case .reviewCompleted(let result):
      var fields: JSONObject = ["type": "review", "target": .string(result.target)]
      for (key, value) in result.output.json(root: result.root).object ?? [:] {
        fields[key] = value
      }
      item("item.completed", id: newID(), fields)
      // The review as text too, as the turn's final message (what `-o` and tools that
      // read the last agent_message expect).
      item(
        "item.completed", id: newID(),
        ["type": .string("agent_message"), "text": .string(result.plainText)])
    case .retrying(let notice):
      line(["type": .string("error"), "message": .string(notice.summary)])
    default:
      break
    }
  }

  /// An item's fields in Codex's exec schema.
  private func fields(of item: TurnItem) -> JSONObject {
    let status: JSONValue =
      switch item.status {
      case .inProgress: "in_progress"
      case .completed: "completed"
      case .failed: "failed"
      }
    switch item.content {
    case .agentMessage(let text):
      return ["type": "agent_message", "text": .string(text)]
    case .reasoning(let text):
      return ["type": "reasoning", "text": .string(text)]
    case .webSearch(let search):
      return [
        "type": "web_search", "query": .string(search.query),
        "sources": .array(search.sources.map { .string($0) }),
      ]
    case .command(let command, _, let output, let exitCode, _):
      return [
        "type": "command_execution", "command": .string(CommandText.join(command)),
        "aggregated_output": .string(output),
        "exit_code": exitCode.map { .int(Int($0)) } ?? .null, "status": status,
      ]
    case .fileChange(let changes, let error):
      var fields: JSONObject = [
        "type": "file_change", "changes": .array(changes.map(fileChange)), "status": status,
      ]
      if let error { fields["error"] = .string(error) }
      return fields
    case .mcpToolCall(let server, let tool, let arguments, _, let result, _):
      // Codex's shape: the server's own content blocks and structured content when it
      // answered; the reason as `error` when it failed.
      let answer: JSONValue =
        result.map {
          $0.answered
            ? ["content": .array($0.content), "structured_content": $0.structuredContent ?? .null]
            : .null
        } ?? .null
      let failure: JSONValue =
        result.map { $0.isError ? ["message": .string($0.text)] : .null } ?? .null
      return [
        "type": "mcp_tool_call", "server": .string(server), "tool": .string(tool),
        "arguments": arguments, "result": answer, "error": failure, "status": status,
      ]
    }
  }

  private func newID() -> String {
    items.newID(callID: nil, prefix: "item")
  }

  /// `{"type": TYPE, "item": {"id": ID, ...fields}}`.
  private func item(_ type: String, id: String, _ fields: JSONObject) {
    var object: JSONObject = ["id": .string(id)]
    for (key, value) in fields { object[key] = value }
    line(["type": .string(type), "item": .object(object)])
  }

  private func line(_ fields: JSONObject) {
    write(JSONValue.object(fields).text)
  }
}
