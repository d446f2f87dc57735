import Agent
import Foundation

/// Follows one conversation's engine events and says what they mean for its items:
/// which item started, streamed or completed, with its id and everything known of it
/// by then (a command's directory at completion, an MCP call's arguments). The one
/// place where engine events become items; protocols only render them.
struct TurnItemTracker {
  /// How items are named: Codex's `exec --json` numbers them (`item_0`, `item_1`, ...);
  /// the app-server uses the tool call's id and a random id for messages.
  enum Naming: Sendable { case sequential, callIDs }

  private let naming: Naming
  private var next = 0
  /// The message being streamed.
  private var message: String?
  /// Items started and not yet completed, by call id.
  private var open: [String: TurnItem] = [:]

  init(naming: Naming) {
    self.naming = naming
  }

  /// The item events `event` stands for (none for events that are not about items).
  mutating func events(for event: EngineEvent) -> [TurnItemEvent] {
    switch event {
    case .agentMessageDelta(let delta):
      var out: [TurnItemEvent] = []
      if message == nil {
        let id = newID(callID: nil, prefix: "msg")
        message = id
        out.append(.started(item(id, nil, .inProgress, .agentMessage(text: ""))))
      }
      return out + [.agentMessageDelta(itemID: message!, delta: delta)]
    case .agentMessage(let text):
      let id = message ?? newID(callID: nil, prefix: "msg")
      var out: [TurnItemEvent] = []
      if message == nil {
        out.append(.started(item(id, nil, .inProgress, .agentMessage(text: text))))
      }
      message = nil
      return out + [.completed(item(id, nil, .completed, .agentMessage(text: text)))]
    case .reasoning(let text):
      let whole = item(newID(callID: nil, prefix: "rs"), nil, .completed, .reasoning(text: text))
      return [.started(whole), .completed(whole)]
    case .webSearch(let search):
      let whole = item(newID(callID: search.id, prefix: "ws"), nil, .completed, .webSearch(search))
      return [.started(whole), .completed(whole)]
    case .execBegin(let callID, let command, let directory, _):
      return [
        start(
          callID,
          .command(
            command: command, workingDirectory: directory, output: "", exitCode: nil,
            duration: nil))
      ]
    case .execOutput(let callID, _, let bytes):
      guard let started = open[callID] else { return [] }
      return [.commandOutput(itemID: started.id, callID: callID, bytes: bytes)]
    case .execEnd(let callID, let command, let exitCode, let duration, let output):
      var directory = ""
      if case .command(_, let started, _, _, _)? = open[callID]?.content { directory = started }
      return [
        finish(
          callID, exitCode == 0 ? .completed : .failed,
          .command(
            command: command, workingDirectory: directory, output: output, exitCode: exitCode,
            duration: duration))
      ]
    case .patchBegin(let callID, let changes):
      return [start(callID, .fileChange(changes: changes, error: nil))]
    case .patchApplied(let callID, let changes):
      return [finish(callID, .completed, .fileChange(changes: changes, error: nil))]
    case .patchFailed(let callID, let message):
      return [finish(callID, .failed, .fileChange(changes: [], error: message))]
    case .mcpToolCallBegin(let callID, let server, let tool, let arguments):
      return [
        start(
          callID,
          .mcpToolCall(
            server: server, tool: tool, arguments: JSONValue.parse(arguments) ?? .string(arguments),
            rawArguments: arguments, result: nil, duration: nil))
      ]
    case .mcpToolCallEnd(let callID, let server, let tool, let result, let duration):
      var arguments: JSONValue = [:]
      var raw = ""
      if case .mcpToolCall(_, _, let parsed, let text, _, _)? = open[callID]?.content {
        arguments = parsed
        raw = text
      }
      return [
        finish(
          callID, result.isError ? .failed : .completed,
          .mcpToolCall(
            server: server, tool: tool, arguments: arguments, rawArguments: raw, result: result,
            duration: duration))
      ]
    default:
      return []
    }
  }

  private mutating func start(_ callID: String, _ content: TurnItem.Content) -> TurnItemEvent {
    let started = item(newID(callID: callID, prefix: "item"), callID, .inProgress, content)
    open[callID] = started
    return .started(started)
  }

  /// Completes the item of `callID` (an item never seen started gets a new id).
  private mutating func finish(
    _ callID: String, _ status: TurnItem.Status, _ content: TurnItem.Content
  ) -> TurnItemEvent {
    let id = open.removeValue(forKey: callID)?.id ?? newID(callID: callID, prefix: "item")
    return .completed(item(id, callID, status, content))
  }

  private func item(
    _ id: String, _ callID: String?, _ status: TurnItem.Status, _ content: TurnItem.Content
  ) -> TurnItem {
    TurnItem(id: id, callID: callID, status: status, content: content)
  }

  /// A new item id in this tracker's naming, for items a protocol adds of its own (a
  /// plan, an error); `callID` is used where the naming takes call ids.
  mutating func newID(callID: String?, prefix: String) -> String {
    switch naming {
    case .sequential:
      defer { next += 1 }
      return "item_\(next)"
    case .callIDs:
      return callID ?? prefix + "_" + UUID().uuidString.lowercased()
    }
  }
}
