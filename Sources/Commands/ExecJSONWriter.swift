import Agent
import Foundation
import Sandbox

/// `codex exec --json`: one JSON object per line, in Codex CLI's event schema, so the
/// tools that already read it work unchanged. The first line is always `thread.started`.
// @unchecked Sendable: its counters change only in `handle`, which its owner calls under a
// lock (ExecConsole) or from one task.
public final class ExecJSONWriter: @unchecked Sendable {
  private var nextItem = 0
  private var itemIDs: [String: String] = [:]
  private var callArguments: [String: JSONValue] = [:]
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
    switch event {
    case .sessionConfigured(let id, _, _):
      threadStarted(id)
    case .turnStarted:
      line(["type": .string("turn.started")])
    case .agentMessage(let text):
      item(
        "item.completed", id: newID(), ["type": .string("agent_message"), "text": .string(text)])
    case .reasoning(let text):
      item("item.completed", id: newID(), ["type": .string("reasoning"), "text": .string(text)])
    case .execBegin(let callID, let command, _, _):
      let id = newID()
      itemIDs[callID] = id
      item(
        "item.started", id: id,
        [
          "type": .string("command_execution"), "command": .string(CommandText.join(command)),
          "aggregated_output": .string(""),
          "exit_code": .null, "status": .string("in_progress"),
        ])
    case .execEnd(let callID, let command, let exitCode, _, let output):
      item(
        "item.completed", id: itemIDs[callID] ?? newID(),
        [
          "type": .string("command_execution"), "command": .string(CommandText.join(command)),
          "aggregated_output": .string(output),
          "exit_code": .int(Int(exitCode)),
          "status": .string(exitCode == 0 ? "completed" : "failed"),
        ])
    case .patchBegin(let callID, let changes):
      let id = newID()
      itemIDs[callID] = id
      item(
        "item.started", id: id,
        [
          "type": "file_change", "changes": .array(changes.map(fileChange)),
          "status": "in_progress",
        ])
    case .patchApplied(let callID, let changes):
      item(
        "item.completed", id: itemIDs[callID] ?? newID(),
        ["type": "file_change", "changes": .array(changes.map(fileChange)), "status": "completed"])
    case .patchFailed(let callID, let message):
      item(
        "item.completed", id: itemIDs[callID] ?? newID(),
        [
          "type": .string("file_change"), "changes": .array([]), "status": .string("failed"),
          "error": .string(message),
        ])
    case .mcpToolCallBegin(let callID, let server, let tool, let arguments):
      let id = newID()
      itemIDs[callID] = id
      let parsed = JSONValue.parse(arguments)
      callArguments[callID] = parsed ?? .string(arguments)
      item(
        "item.started", id: id,
        [
          "type": "mcp_tool_call", "server": .string(server), "tool": .string(tool),
          "arguments": parsed ?? .string(arguments), "result": .null, "error": .null,
          "status": "in_progress",
        ])
    case .mcpToolCallEnd(let callID, let server, let tool, let result, _):
      // Codex's shape: the server's own content blocks and structured content when it
      // answered; the reason as `error` when it failed.
      let answer: JSONValue =
        result.answered
        ? [
          "content": .array(result.content),
          "structured_content": result.structuredContent ?? .null,
        ] : .null
      item(
        "item.completed", id: itemIDs[callID] ?? newID(),
        [
          "type": "mcp_tool_call", "server": .string(server), "tool": .string(tool),
          "arguments": callArguments.removeValue(forKey: callID) ?? .object([:]),
          "result": answer,
          "error": result.isError ? ["message": .string(result.text)] : .null,
          "status": result.isError ? "failed" : "completed",
        ])
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
    case .webSearch(let search):
      item(
        "item.completed", id: newID(),
        [
          "type": "web_search", "query": .string(search.query),
          "sources": .array(search.sources.map { .string($0) }),
        ])
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

  private func newID() -> String {
    defer { nextItem += 1 }
    return "item_\(nextItem)"
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
