import Agent
import Foundation

/// The JSON shapes of Codex's app-server protocol (v2) for threads, turns and items, as
/// the real CLI 0.163 sends them.
enum AppServerShapes {
  static func seconds(_ date: Date = Date()) -> JSONValue { .int(Int(date.timeIntervalSince1970)) }
  static func milliseconds(_ date: Date = Date()) -> JSONValue {
    .int(Int(date.timeIntervalSince1970 * 1000))
  }

  /// A thread: a saved session, its settings and state.
  static func thread(
    id: String, path: String?, cwd: String, model: String, provider: String, preview: String,
    created: Int, updated: Int, active: Bool, name: String? = nil, turns: [JSONValue] = []
  ) -> JSONValue {
    [
      "id": .string(id), "sessionId": .string(id), "forkedFromId": .null,
      "parentThreadId": .null, "preview": .string(preview), "ephemeral": .bool(path == nil),
      "section": .null, "sectionEnteredAt": .null, "projectId": .null,
      "historyMode": "paginated", "modelProvider": .string(provider), "model": .string(model),
      "reasoningEffort": .null, "createdAt": .int(created), "updatedAt": .int(updated),
      "recencyAt": .int(updated),
      "status": active ? ["type": "active", "activeFlags": []] : ["type": "idle"],
      "path": path.map { .string($0) } ?? .null, "cwd": .string(cwd),
      "cliVersion": .string(CodexVersion.current), "originator": "codex",
      "source": "vscode", "threadSource": .null, "agentNickname": .null, "agentRole": .null,
      "gitInfo": .null, "name": name.map { .string($0) } ?? .null, "turns": .array(turns),
      "environments": [
        ["environmentId": "local", "cwd": .string(cwd), "runtimeWorkspaceRoots": [.string(cwd)]]
      ],
      "extra": .null,
    ]
  }

  /// A turn: its id, status and (when done) its last items.
  static func turn(
    id: String, status: String, items: [JSONValue] = [], error: String? = nil,
    started: Int? = nil, completed: Int? = nil, duration: Int? = nil
  ) -> JSONValue {
    [
      "id": .string(id), "rootTurnId": .string(id), "items": .array(items),
      "itemsView": items.isEmpty ? "notLoaded" : "summary", "status": .string(status),
      "error": error.map { ["message": .string($0)] } ?? .null,
      "startedAt": started.map { .int($0) } ?? .null,
      "completedAt": completed.map { .int($0) } ?? .null,
      "durationMs": duration.map { .int($0) } ?? .null,
    ]
  }

  static func userMessage(id: String, text: String) -> JSONValue {
    [
      "type": "userMessage", "id": .string(id), "clientId": .null,
      "content": [["type": "text", "text": .string(text), "text_elements": []]],
    ]
  }

  static func agentMessage(id: String, text: String) -> JSONValue {
    [
      "type": "agentMessage", "id": .string(id), "text": .string(text), "phase": .null,
      "memoryCitation": .null, "delivery": .null, "questions": .null,
    ]
  }

  static func commandExecution(
    id: String, command: String, cwd: String, status: String, output: String? = nil,
    exitCode: Int? = nil, duration: Int? = nil
  ) -> JSONValue {
    [
      "type": "commandExecution", "id": .string(id), "pluginId": .null, "scriptPath": .null,
      "command": .string(command), "cwd": .string(cwd), "processId": .null, "source": "agent",
      "status": .string(status),
      "commandActions": [["type": "unknown", "command": .string(command)]],
      "aggregatedOutput": output.map { .string($0) } ?? .null,
      "exitCode": exitCode.map { .int($0) } ?? .null,
      "durationMs": duration.map { .int($0) } ?? .null,
    ]
  }

  static func fileChange(id: String, changes: [FileChange], cwd: String, status: String)
    -> JSONValue
  {
    let list: [JSONValue] = changes.map { change in
      let kind = change.kind == .added ? "add" : change.kind == .deleted ? "delete" : "update"
      let path =
        (change.movedTo ?? change.path).hasPrefix("/")
        ? change.movedTo ?? change.path
        : (cwd as NSString).appendingPathComponent(change.movedTo ?? change.path)
      return ["path": .string(path), "kind": ["type": .string(kind)], "diff": .string(change.diff)]
    }
    return [
      "type": "fileChange", "id": .string(id), "changes": .array(list), "status": .string(status),
    ]
  }

  static func mcpToolCall(
    id: String, server: String, tool: String, arguments: JSONValue, status: String,
    result: MCPToolResult? = nil
  ) -> JSONValue {
    var item: JSONObject = [
      "type": "mcpToolCall", "id": .string(id), "server": .string(server), "tool": .string(tool),
      "status": .string(status), "arguments": arguments, "result": .null, "error": .null,
      "durationMs": .null,
    ]
    if let result {
      if result.isError {
        item["error"] = ["message": .string(result.text)]
      } else {
        item["result"] = [
          "content": .array(result.content), "structuredContent": result.structuredContent ?? .null,
        ]
      }
    }
    return .object(item)
  }

  static func usage(_ usage: TokenUsage) -> JSONValue {
    [
      "totalTokens": .int(usage.inputTokens + usage.outputTokens),
      "inputTokens": .int(usage.inputTokens), "cachedInputTokens": .int(usage.cachedInputTokens),
      "cacheWriteInputTokens": .int(usage.cacheWriteInputTokens),
      "outputTokens": .int(usage.outputTokens),
      "reasoningOutputTokens": .int(usage.reasoningOutputTokens),
    ]
  }

  /// The sandbox as `thread/start` answers it.
  static func sandbox(_ configuration: Configuration) -> JSONValue {
    switch configuration.sandboxMode {
    case .readOnly: return ["type": "readOnly", "networkAccess": false]
    case .dangerFullAccess: return ["type": "dangerFullAccess"]
    case .workspaceWrite:
      return [
        "type": "workspaceWrite",
        "writableRoots": .array(configuration.workspaceWrite.writableRoots.map { .string($0) }),
        "networkAccess": .bool(configuration.workspaceWrite.networkAccess),
        "excludeTmpdirEnvVar": .bool(configuration.workspaceWrite.excludeTmpdirEnvVar),
        "excludeSlashTmp": .bool(configuration.workspaceWrite.excludeSlashTmp),
      ]
    }
  }
}
