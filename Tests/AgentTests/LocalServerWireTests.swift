import Foundation
import Testing

@testable import Agent

/// What local servers send, read the way a user needs it: thinking apart from the
/// answer, whole responses as events, usage only when reported.
@Suite struct LocalServerWireTests {
  func run(_ chunks: [String]) -> (reasoning: String, answer: String) {
    var splitter = ThinkSplitter()
    var reasoning = ""
    var answer = ""
    for piece in chunks.flatMap({ splitter.feed($0) }) + splitter.finish() {
      switch piece {
      case .reasoning(let text): reasoning += text
      case .answer(let text): answer += text
      }
    }
    return (reasoning, answer)
  }

  @Test func aThinkBlockSplitAnywhereIsReasoning() {
    let text = "\n<think>step one\nstep two</think>\n\nThe answer is 4."
    // Every way of cutting the text in two gives the same split.
    for cut in 0...text.count {
      let index = text.index(text.startIndex, offsetBy: cut)
      let result = run([String(text[..<index]), String(text[index...])])
      #expect(result.reasoning == "step one\nstep two", "cut at \(cut)")
      #expect(result.answer == "The answer is 4.", "cut at \(cut)")
    }
  }

  @Test func textThatOnlyLooksLikeATagIsAnswer() {
    #expect(run(["<thi", "s is not a tag"]) == ("", "<this is not a tag"))
    #expect(run(["Plain answer <think>late</think>"]) == ("", "Plain answer <think>late</think>"))
    #expect(run(["<think>never closed"]) == ("never closed", ""))
    #expect(run(["<th"]) == ("", "<th"))
  }

  @Test func aWholeChatResponseBecomesTheEventsOfAStream() throws {
    let object = try #require(
      JSONValue.parseObject(
        #"""
        {"choices": [{"message": {"role": "assistant", "content": "<think>hmm</think>Listing.",
          "reasoning_content": "First. ",
          "tool_calls": [{"id": "call_7", "type": "function",
                          "function": {"name": "shell", "arguments": "{\"command\":[\"ls\"]}"}}]}}],
         "usage": {"prompt_tokens": 12, "completion_tokens": 3}}
        """#))
    let events = try ChatWire.events(ofWhole: object)
    #expect(
      events == [
        .reasoningDelta("First. hmm"), .item(.reasoning("First. hmm", encryptedContent: nil)),
        .textDelta("Listing."), .item(.assistant("Listing.")),
        .item(.functionCall(callID: "call_7", name: "shell", arguments: #"{"command":["ls"]}"#)),
        .completed(TokenUsage(inputTokens: 12, outputTokens: 3)),
      ])
  }

  @Test func usageIsNilWhenNotReported() throws {
    let object = try #require(
      JSONValue.parseObject(#"{"choices": [{"message": {"content": "hi"}}], "usage": null}"#))
    #expect(try ChatWire.events(ofWhole: object).last == .completed(nil))
    #expect(ResponsesWire.tokenUsage(.null) == nil)
  }

  @Test func aStreamedRequestAsksForUsageUnlessWhole() throws {
    let request = ModelRequest(model: "m", instructions: "i", items: [], tools: [], sessionID: "s")
    let streamed = try #require(
      JSONValue.parse(String(decoding: try ChatWire.body(request), as: UTF8.self)))
    #expect(streamed["stream"] == .bool(true))
    #expect(streamed["stream_options"]?["include_usage"] == .bool(true))
    let whole = try #require(
      JSONValue.parse(
        String(
          decoding: try ChatWire.body(request, delivery: .init(stream: false)), as: UTF8.self)))
    #expect(whole["stream"] == .bool(false))
    #expect(whole["stream_options"] == nil)
  }
}

/// Session and log timestamps, written without Foundation's date formatters.
@Suite struct ClockTextTests {
  @Test func rfc3339InUTCWithMilliseconds() {
    #expect(ClockText.rfc3339(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
    #expect(
      ClockText.rfc3339(Date(timeIntervalSince1970: 1_767_323_045.678))
        == "2026-01-02T03:04:05.678Z")
  }
}
