import Foundation
import Testing

@testable import Agent

/// The request body built from cached item encodings is the body built whole, byte for
/// byte, through every change a conversation goes through; and JSON read from the
/// stream means what Foundation's parser made of it.
@Suite(.timeLimit(.minutes(10))) struct WireEncodingTests {
  static let awkward =
    "quote \" backslash \\ tab \t nl \n cr \r nul \u{0} del \u{7F} bell \u{7} é 漢字 🎉 </tag> /slash"

  @Test func cachedBodiesAreTheSameBytes() throws {
    let cache = EncodedItemCache()
    var items: [ConversationItem] = [
      .user("<environment_context>cwd</environment_context>"), .developer(Self.awkward),
      .user("fix it"),
    ]
    func check(_ items: [ConversationItem]) throws {
      var request = ModelRequest(
        model: "gpt-5.5", instructions: Self.awkward, items: items,
        tools: [ToolSpec(name: "t", description: "d", parameters: #"{"type":"object"}"#)],
        reasoningEffort: .medium, sessionID: "s")
      let whole = try ResponsesWire.body(request)
      request.itemCache = cache
      let cached = try ResponsesWire.body(request)
      #expect(cached == whole)
      // And it is JSON that reads back.
      #expect(JSONValue.parse(bytes: cached)?["input"]?.array?.count ?? -1 >= 0)
    }
    try check(items)
    items.append(.functionCall(callID: "c1", name: "shell", arguments: #"{"command":["ls"]}"#))
    items.append(
      .functionOutput(callID: "c1", output: Self.awkward + String(repeating: "x", count: 5000)))
    try check(items)
    items.append(.reasoning("thinking", encryptedContent: "enc"))
    items.append(.assistant("done " + Self.awkward))
    try check(items)
    // A replaced first item, and a compaction, are encoded anew.
    items[0] = .user("<environment_context>other</environment_context>")
    try check(items)
    items = [items[0], .user("Summary of the conversation so far:\nshort")]
    try check(items)
  }

  @Test func writerMatchesText() {
    let values: [JSONValue] = [
      .string(Self.awkward),
      ["a": [.int(1), .double(2.5), .null, .bool(true)], "b": .string(Self.awkward)],
      .double(1e300), .double(.nan), .int(-7), [],
    ]
    for value in values {
      var writer = JSONWriter()
      writer.write(value)
      #expect(writer.bytes == Array(value.text.utf8), "\(value)")
    }
  }

  @Test func parserAgreesWithFoundation() {
    let texts = [
      #"{"type":"response.output_text.delta","delta":"he said \"hi\"\n","z":1,"a":[1.5,-2,3e2,true,null]}"#,
      #"{"b":{"y":"\u00e9\ud83c\udf89","x":"\/"},"a":"A","b2":[]}"#, #"  [1, 2 , {"k": "v"} ]  "#,
      #""fragment""#, "42", "-0.5", "true", #"{"dup":1,"dup":2}"#,
    ]
    for text in texts {
      let ours = JSONValue.parse(text)
      let foundation =
        (try? JSONSerialization.jsonObject(
          with: Data(text.utf8), options: [.fragmentsAllowed])).map(JSONValue.init(foundation:))
      #expect(ours == foundation, "\(text)")
    }
    // A whole number past Int's range is a double (Foundation's conversion wrapped it).
    #expect(
      JSONValue.parse(#"{"big":12345678901234567890}"#)?["big"]
        == .double(Double("12345678901234567890")!))
    for bad in [
      #"{"a":}"#, "[1,]", "01", #""unterminated"#, "{\"a\":\"x\u{1}\"}", "tru", "1.", "[", "",
    ] {
      #expect(JSONValue.parse(bad) == nil, "\(bad)")
    }
  }
}
