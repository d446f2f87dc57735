import Agent
import Foundation
import Sandbox

/// Turns one turn's engine events into the app-server's notifications, in order: items
/// started and completed in Codex's shapes, message and output deltas, token usage.
struct AppServerEvents {
  let threadID: String
  let turnID: String
  let workingDirectory: String
  private var items = TurnItemTracker(naming: .callIDs)
  /// The turn's last answer, for `turn/completed`.
  private(set) var lastMessage: JSONValue?

  init(threadID: String, turnID: String, workingDirectory: String) {
    self.threadID = threadID
    self.turnID = turnID
    self.workingDirectory = workingDirectory
  }

  /// The notifications `event` stands for (method and params), none for most events.
  mutating func notifications(for event: EngineEvent) -> [(String, JSONValue)] {
    let base: JSONObject = ["threadId": .string(threadID), "turnId": .string(turnID)]
    var out: [(String, JSONValue)] = []
    for itemEvent in items.events(for: event) {
      switch itemEvent {
      case .started(let item):
        var params = base
        params["item"] = shape(item)
        params["startedAtMs"] = AppServerShapes.milliseconds()
        out.append(("item/started", .object(params)))
      case .completed(let item):
        var params = base
        let shaped = shape(item)
        if case .agentMessage = item.content { lastMessage = shaped }
        params["item"] = shaped
        params["completedAtMs"] = AppServerShapes.milliseconds()
        out.append(("item/completed", .object(params)))
      case .agentMessageDelta(let itemID, let delta):
        var params = base
        params["itemId"] = .string(itemID)
        params["delta"] = .string(delta)
        out.append(("item/agentMessage/delta", .object(params)))
      case .commandOutput(let itemID, _, let bytes):
        var params = base
        params["itemId"] = .string(itemID)
        params["delta"] = .string(String(decoding: bytes, as: UTF8.self))
        out.append(("item/commandExecution/outputDelta", .object(params)))
      }
    }
    switch event {
    case .planUpdated(let steps):
      var params = base
      params["explanation"] = .null
      params["plan"] = .array(
        steps.map { step in
          let status =
            switch step.status {
            case .pending: "pending"
            case .inProgress: "inProgress"
            case .completed: "completed"
            }
          return ["step": .string(step.step), "status": .string(status)]
        })
      out.append(("turn/plan/updated", .object(params)))
    case .tokenUsage(let turn, let total, _):
      var params = base
      params["tokenUsage"] = [
        "total": AppServerShapes.usage(total),
        "last": AppServerShapes.usage(turn ?? TokenUsage()), "modelContextWindow": .null,
      ]
      out.append(("thread/tokenUsage/updated", .object(params)))
    default:
      break
    }
    return out
  }

  /// An item in the app-server's shape.
  private func shape(_ item: TurnItem) -> JSONValue {
    let status =
      switch item.status {
      case .inProgress: "inProgress"
      case .completed: "completed"
      case .failed: "failed"
      }
    switch item.content {
    case .agentMessage(let text):
      return AppServerShapes.agentMessage(id: item.id, text: text)
    case .reasoning(let text):
      return [
        "type": "reasoning", "id": .string(item.id), "summary": [.string(text)], "content": [],
      ]
    case .webSearch(let search):
      return ["type": "webSearch", "id": .string(item.id), "query": .string(search.query)]
    case .command(let command, let directory, let output, let exitCode, let duration):
      let done = item.status != .inProgress
      return AppServerShapes.commandExecution(
        id: item.id, command: CommandText.join(command),
        cwd: directory.isEmpty ? workingDirectory : directory, status: status,
        output: done ? output : nil, exitCode: exitCode.map { Int($0) },
        duration: duration.map { Int($0.inSeconds * 1000) })
    case .fileChange(let changes, _):
      return AppServerShapes.fileChange(
        id: item.id, changes: changes, cwd: workingDirectory, status: status)
    case .mcpToolCall(let server, let tool, let arguments, _, let result, _):
      return AppServerShapes.mcpToolCall(
        id: item.id, server: server, tool: tool, arguments: arguments, status: status,
        result: result)
    }
  }
}
