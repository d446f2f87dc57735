import Agent
import Foundation

/// One thing a turn did, as every machine-readable front-end reports it: a message, a
/// command, a patch, a tool call. `codex exec --json`, the app-server and the MCP
/// server's `codex/event` notifications each render the same items in their own
/// protocol's shape, so they cannot disagree about what happened.
struct TurnItem: Sendable {
  enum Status: Sendable { case inProgress, completed, failed }

  enum Content: Sendable {
    case agentMessage(text: String)
    case reasoning(text: String)
    /// `output` and `exitCode` are known once the command ended.
    case command(
      command: [String], workingDirectory: String, output: String, exitCode: Int32?,
      duration: Duration?)
    case fileChange(changes: [FileChange], error: String?)
    /// `arguments` parsed when the model's JSON parses, its text otherwise.
    case mcpToolCall(
      server: String, tool: String, arguments: JSONValue, rawArguments: String,
      result: MCPToolResult?, duration: Duration?)
    case webSearch(WebSearchCall)
  }

  /// The item's id in the protocol (stable from start to completion).
  var id: String
  /// The tool call the item stands for, when there is one.
  var callID: String?
  var status: Status
  var content: Content

  /// Whether the item has a duration worth a start event (a command, a patch, a tool
  /// call); the others are whole when they are reported.
  var isLasting: Bool {
    switch content {
    case .command, .fileChange, .mcpToolCall: true
    case .agentMessage, .reasoning, .webSearch: false
    }
  }
}

/// What happened to an item: started, a piece streamed, or completed.
enum TurnItemEvent: Sendable {
  case started(TurnItem)
  case agentMessageDelta(itemID: String, delta: String)
  case commandOutput(itemID: String, callID: String, bytes: [UInt8])
  case completed(TurnItem)
}
