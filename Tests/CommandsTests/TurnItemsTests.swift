import Agent
import Testing

@testable import Commands

/// `exec --json`, the app-server and the MCP server's `codex/event` render one item
/// mapping: for the same events they report the same items, ids and outcomes.
@Suite(.timeLimit(.minutes(10))) struct TurnItemsTests {
  /// A turn: a streamed answer, a failing command with output, a patch, an MCP call
  /// that fails, a web search.
  static let turn: [EngineEvent] = [
    .turnStarted,
    .agentMessageDelta("Look"),
    .agentMessageDelta("ing."),
    .agentMessage("Looking."),
    .execBegin(
      callID: "call_1", command: ["ls", "-x"], workingDirectory: "/w/sub", sandboxed: true),
    .execOutput(callID: "call_1", stream: .stdout, bytes: Array("no such\n".utf8)),
    .execEnd(
      callID: "call_1", command: ["ls", "-x"], exitCode: 2, duration: .milliseconds(1500),
      output: "no such\n"),
    .patchBegin(
      callID: "call_2", changes: [FileChange(kind: .added, path: "a.txt", newText: "a\n")]),
    .patchApplied(
      callID: "call_2", changes: [FileChange(kind: .added, path: "a.txt", newText: "a\n")]),
    .mcpToolCallBegin(callID: "call_3", server: "docs", tool: "find", arguments: #"{"q":"x"}"#),
    .mcpToolCallEnd(
      callID: "call_3", server: "docs", tool: "find",
      result: MCPToolResult(text: "down", isError: true), duration: .milliseconds(5)),
    .webSearch(WebSearchCall(id: "ws_9", query: "swift", sources: [])),
  ]

  @Test func trackerKeepsIDsAndWhatTheStartKnew() {
    var tracker = TurnItemTracker(naming: .sequential)
    let events = Self.turn.flatMap { tracker.events(for: $0) }
    var started: [String: TurnItem] = [:]
    var completed: [TurnItem] = []
    for event in events {
      if case .started(let item) = event { started[item.id] = item }
      if case .completed(let item) = event { completed.append(item) }
    }
    #expect(completed.map(\.id) == ["item_0", "item_1", "item_2", "item_3", "item_4"])
    // Every completed item was started under the same id.
    #expect(completed.allSatisfy { started[$0.id] != nil })
    // The command's directory, known at its start, is kept for its completion.
    guard case .command(_, let directory, let output, let exitCode, _) = completed[1].content
    else {
      Issue.record("second item is not the command: \(completed[1])")
      return
    }
    #expect(directory == "/w/sub")
    #expect(output == "no such\n")
    #expect(exitCode == 2)
    #expect(completed[1].status == .failed)
    // The MCP call's arguments, given at its start, come back parsed at its end.
    guard case .mcpToolCall(_, _, let arguments, _, _, _) = completed[3].content else {
      Issue.record("fourth item is not the MCP call: \(completed[3])")
      return
    }
    #expect(arguments == ["q": "x"])
    #expect(completed[3].status == .failed)
  }

  @Test func threeProtocolsReportTheSameItems() {
    var lines: [String] = []
    let exec = ExecJSONWriter(workingDirectory: "/w") { lines.append($0) }
    var app = AppServerEvents(threadID: "t", turnID: "u", workingDirectory: "/w")
    var mcp = CodexEventMessage()
    var notifications: [(String, JSONValue)] = []
    var messages: [JSONValue] = []
    for event in Self.turn {
      exec.handle(event)
      notifications += app.notifications(for: event)
      messages += mcp.messages(for: event)
    }
    let execItems = lines.compactMap { JSONValue.parse($0)?.object }
      .filter { $0["type"]?.string == "item.completed" }
      .compactMap { $0["item"]?.object }
    #expect(
      execItems.map { $0["type"]?.string }
        == ["agent_message", "command_execution", "file_change", "mcp_tool_call", "web_search"])
    #expect(execItems.map { $0["status"]?.string } == [nil, "failed", "completed", "failed", nil])

    let appItems = notifications.filter { $0.0 == "item/completed" }
      .compactMap { $0.1.object?["item"]?.object }
    #expect(
      appItems.map { $0["type"]?.string }
        == ["agentMessage", "commandExecution", "fileChange", "mcpToolCall", "webSearch"])
    #expect(appItems.map { $0["status"]?.string } == [nil, "failed", "completed", "failed", nil])
    #expect(appItems[1]["id"] == "call_1")
    #expect(appItems[1]["cwd"] == "/w/sub")
    #expect(appItems[1]["exitCode"] == 2)
    #expect(appItems[1]["durationMs"] == 1500)
    // The streamed message's deltas name the item that completes.
    let deltaIDs = notifications.filter { $0.0 == "item/agentMessage/delta" }
      .compactMap { $0.1.object?["itemId"] }
    #expect(deltaIDs.count == 2 && deltaIDs.allSatisfy { $0 == appItems[0]["id"] })
    #expect(app.lastMessage?.object?["text"] == "Looking.")

    let types = messages.compactMap { $0.object?["type"]?.string }
    #expect(
      types == [
        "task_started", "agent_message_delta", "agent_message_delta", "agent_message",
        "exec_command_begin", "exec_command_end", "patch_apply_begin", "patch_apply_end",
        "mcp_tool_call_begin", "mcp_tool_call_end", "web_search_end",
      ])
    let end = messages.first { $0.object?["type"] == "exec_command_end" }?.object
    #expect(end?["call_id"] == "call_1")
    #expect(end?["exit_code"] == 2)
    let mcpEnd = messages.first { $0.object?["type"] == "mcp_tool_call_end" }?.object
    #expect(mcpEnd?["is_error"] == true)
  }
}
