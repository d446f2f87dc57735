import Foundation
import Testing

@testable import Agent

/// Reading a session log back from its end: compactions end the scan, a log too large
/// for any request keeps its newest part, starting at a user message.
struct SavedSessionReadTests {
  static func line(_ type: String, _ payload: String) -> String {
    #"{"timestamp":"2026-01-02T03:04:05.000Z","type":"\#(type)","payload":\#(payload)}"# + "\n"
  }

  static func user(_ text: String) -> String {
    line(
      "response_item",
      #"{"type":"message","role":"user","content":[{"type":"input_text","text":"\#(text)"}]}"#)
  }

  static func call(_ id: String) -> String {
    line(
      "response_item",
      #"{"type":"function_call","call_id":"\#(id)","name":"shell","arguments":"{}"}"#)
      + line(
        "response_item",
        #"{"type":"function_call_output","call_id":"\#(id)","output":"\#(String(repeating: "x", count: 200))"}"#
      )
  }

  static func write(_ text: String) throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "rollout-\(UUID().uuidString).jsonl"
    ).path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  static let head =
    line("session_meta", #"{"id":"s1","cwd":"/w","timestamp":"2026-01-02T03:04:05.000Z"}"#)
    + user("<environment_context>old</environment_context>")

  @Test func aSmallLogIsReadWholeInOrderAndAPartialLastLineIsSkipped() throws {
    let path = try Self.write(
      Self.head + Self.user("first") + Self.call("c1") + Self.user("second")
        + #"{"timestamp":"2026","type":"response_item","payload":{"type":"mess"#)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let saved = try SavedSession.read(path: path)
    #expect(saved.id == "s1" && saved.workingDirectory == "/w")
    #expect(saved.omittedBytes == 0)
    #expect(saved.items.count == 5)
    #expect(saved.items[1] == .user("first"))
    #expect(saved.items[2] == .functionCall(callID: "c1", name: "shell", arguments: "{}"))
    #expect(saved.items.last == .user("second"))
  }

  @Test func theScanStopsAtTheLastCompaction() throws {
    let path = try Self.write(
      Self.head + Self.user("before") + Self.line("compacted", #"{"message":"SUMMARY"}"#)
        + Self.user("after"))
    defer { try? FileManager.default.removeItem(atPath: path) }
    let saved = try SavedSession.read(path: path)
    #expect(
      saved.items.dropFirst().map { $0 } == [
        .user("Summary of the conversation so far:\nSUMMARY"), .user("after"),
      ])
  }

  @Test func aHugeLogKeepsItsNewestPartFromAUserMessage() throws {
    var text = Self.head
    for index in 0..<200 { text += Self.user("prompt \(index)") + Self.call("c\(index)") }
    let path = try Self.write(text)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let saved = try SavedSession.read(path: path, keep: 20_000)
    #expect(saved.items.first == .user("<environment_context>old</environment_context>"))
    guard case .user(let note) = saved.items[1] else {
      Issue.record("no note in \(saved.items[1])")
      return
    }
    #expect(note.contains("The earlier part of this session is not loaded"))
    guard case .user(let next) = saved.items[2] else {
      Issue.record("the kept part does not start with a user message: \(saved.items[2])")
      return
    }
    #expect(next.hasPrefix("prompt "))
    #expect(
      saved.items.last
        == .functionOutput(callID: "c199", output: String(repeating: "x", count: 200)))
    #expect(saved.omittedBytes > 0)
    #expect(saved.items.count < 200)
    // Every kept output has its call.
    let calls = Set(
      saved.items.compactMap { item -> String? in
        if case .functionCall(let id, _, _, _) = item { return id }
        return nil
      })
    for item in saved.items {
      if case .functionOutput(let id, _) = item { #expect(calls.contains(id)) }
    }
  }

  @Test func aListReadsOnlyTheHeadUpToTheFirstPrompt() throws {
    var text = Self.head + Self.user("the first prompt")
    for index in 0..<500 { text += Self.call("c\(index)") }
    let path = try Self.write(text)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let head = try #require(SavedSession.head(path: path))
    #expect(head.id == "s1")
    #expect(head.firstPrompt == "the first prompt")
    #expect(head.items.count == 2)
  }
}
