import Agent
import Foundation
import Sandbox

/// Turns one turn's engine events into the app-server's notifications, in order: items
/// started and completed in Codex's shapes, message and output deltas, token usage.
struct AppServerEvents {
  let threadID: String
  let turnID: String
  let workingDirectory: String
  /// The message being streamed, by its item id.
  private var messageID: String?
  private var commandStarts: [String: Date] = [:]
  private var mcpArguments: [String: JSONValue] = [:]
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
    func item(_ method: String, _ item: JSONValue, started: Bool) -> (String, JSONValue) {
      var params = base
      params["item"] = item
      params[started ? "startedAtMs" : "completedAtMs"] = AppServerShapes.milliseconds()
      return (method, .object(params))
    }
    switch event {
    case .agentMessageDelta(let delta):
      var out: [(String, JSONValue)] = []
      if messageID == nil {
        let id = "msg_" + UUID().uuidString.lowercased()
        messageID = id
        out.append(
          item("item/started", AppServerShapes.agentMessage(id: id, text: ""), started: true))
      }
      var params = base
      params["itemId"] = .string(messageID!)
      params["delta"] = .string(delta)
      return out + [("item/agentMessage/delta", .object(params))]
    case .agentMessage(let text):
      var out: [(String, JSONValue)] = []
      let id = messageID ?? "msg_" + UUID().uuidString.lowercased()
      if messageID == nil {
        out.append(
          item("item/started", AppServerShapes.agentMessage(id: id, text: text), started: true))
      }
      messageID = nil
      let message = AppServerShapes.agentMessage(id: id, text: text)
      lastMessage = message
      return out + [item("item/completed", message, started: false)]
    case .execBegin(let callID, let command, let directory, _):
      commandStarts[callID] = Date()
      return [
        item(
          "item/started",
          AppServerShapes.commandExecution(
            id: callID, command: CommandText.join(command), cwd: directory, status: "inProgress"),
          started: true)
      ]
    case .execOutput(let callID, _, let bytes):
      var params = base
      params["itemId"] = .string(callID)
      params["delta"] = .string(String(decoding: bytes, as: UTF8.self))
      return [("item/commandExecution/outputDelta", .object(params))]
    case .execEnd(let callID, let command, let exitCode, let duration, let output):
      commandStarts[callID] = nil
      return [
        item(
          "item/completed",
          AppServerShapes.commandExecution(
            id: callID, command: CommandText.join(command), cwd: workingDirectory,
            status: exitCode == 0 ? "completed" : "failed", output: output,
            exitCode: Int(exitCode), duration: Int(duration.inSeconds * 1000)),
          started: false)
      ]
    case .patchBegin(let callID, let changes):
      return [
        item(
          "item/started",
          AppServerShapes.fileChange(
            id: callID, changes: changes, cwd: workingDirectory, status: "inProgress"),
          started: true)
      ]
    case .patchApplied(let callID, let changes):
      return [
        item(
          "item/completed",
          AppServerShapes.fileChange(
            id: callID, changes: changes, cwd: workingDirectory, status: "completed"),
          started: false)
      ]
    case .patchFailed(let callID, _):
      return [
        item(
          "item/completed",
          AppServerShapes.fileChange(
            id: callID, changes: [], cwd: workingDirectory, status: "failed"),
          started: false)
      ]
    case .mcpToolCallBegin(let callID, let server, let tool, let arguments):
      let parsed = JSONValue.parse(arguments) ?? .string(arguments)
      mcpArguments[callID] = parsed
      return [
        item(
          "item/started",
          AppServerShapes.mcpToolCall(
            id: callID, server: server, tool: tool, arguments: parsed, status: "inProgress"),
          started: true)
      ]
    case .mcpToolCallEnd(let callID, let server, let tool, let result, _):
      return [
        item(
          "item/completed",
          AppServerShapes.mcpToolCall(
            id: callID, server: server, tool: tool,
            arguments: mcpArguments.removeValue(forKey: callID) ?? [:],
            status: result.isError ? "failed" : "completed", result: result),
          started: false)
      ]
    case .reasoning(let text):
      let reasoning: JSONValue = [
        "type": "reasoning", "id": .string("rs_" + UUID().uuidString.lowercased()),
        "summary": [.string(text)], "content": [],
      ]
      return [
        item("item/started", reasoning, started: true),
        item("item/completed", reasoning, started: false),
      ]
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
      return [("turn/plan/updated", .object(params))]
    case .webSearch(let search):
      let searched: JSONValue = [
        "type": "webSearch", "id": .string(search.id), "query": .string(search.query),
      ]
      return [
        item("item/started", searched, started: true),
        item("item/completed", searched, started: false),
      ]
    case .tokenUsage(let turn, let total, _):
      var params = base
      params["tokenUsage"] = [
        "total": AppServerShapes.usage(total),
        "last": AppServerShapes.usage(turn ?? TokenUsage()), "modelContextWindow": .null,
      ]
      return [("thread/tokenUsage/updated", .object(params))]
    default:
      return []
    }
  }
}
