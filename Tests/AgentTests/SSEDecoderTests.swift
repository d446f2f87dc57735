import Agent
import Testing

@Suite(.timeLimit(.minutes(10))) struct SSEDecoderTests {
  /// A Responses API stream as the service sends it, with a multi-byte character.
  static let responsesStream = """
    event: response.created\r
    data: {"type":"response.created","response":{"id":"resp_1"}}\r
    \r
    : keep-alive comment\r
    event: response.output_text.delta\r
    data: {"type":"response.output_text.delta","delta":"Grüße, 世界 🌍"}\r
    \r
    event: response.completed\r
    data: {"type":"response.completed",\r
    data: "usage":{"input_tokens":12}}\r
    \r

    """

  static let expected = [
    ServerSentEvent(
      event: "response.created", data: #"{"type":"response.created","response":{"id":"resp_1"}}"#),
    ServerSentEvent(
      event: "response.output_text.delta",
      data: #"{"type":"response.output_text.delta","delta":"Grüße, 世界 🌍"}"#),
    ServerSentEvent(
      event: "response.completed",
      data: "{\"type\":\"response.completed\",\n\"usage\":{\"input_tokens\":12}}"),
  ]

  func decode(_ chunks: [[UInt8]]) -> [ServerSentEvent] {
    var decoder = SSEDecoder()
    return chunks.flatMap { decoder.feed($0) }
  }

  @Test func wholeStream() {
    #expect(decode([Array(Self.responsesStream.utf8)]) == Self.expected)
  }

  @Test func everySplitPointGivesTheSameEvents() {
    let bytes = Array(Self.responsesStream.utf8)
    for cut in 0...bytes.count {
      #expect(
        decode([Array(bytes[..<cut]), Array(bytes[cut...])]) == Self.expected, "split at \(cut)")
    }
    for cut in stride(from: 0, to: bytes.count, by: 7) {
      let third = min(bytes.count, cut + 5)
      #expect(
        decode([Array(bytes[..<cut]), Array(bytes[cut..<third]), Array(bytes[third...])])
          == Self.expected)
    }
    #expect(decode(bytes.map { [$0] }) == Self.expected)
  }

  @Test func lineEndingsCanBeLFCROrCRLF() {
    for ending in ["\n", "\r", "\r\n"] {
      let text = ["data: a", "data: b", "", "event: x", "data", "", ""].joined(separator: ending)
      #expect(
        decode([Array(text.utf8)]) == [
          ServerSentEvent(data: "a\nb"), ServerSentEvent(event: "x", data: ""),
        ])
    }
  }

  @Test func fieldsFollowTheStandard() {
    let text =
      "id: 7\ndata:no space\nretry: 1500\n\nid\ndata:  two spaces\nretry: 1x\n\nevent: only\n\ndata: x\n"
    #expect(
      decode([Array(text.utf8)]) == [
        ServerSentEvent(data: "no space", id: "7", retry: 1500),
        ServerSentEvent(data: " two spaces", id: ""),
      ])
  }

  @Test func byteOrderMarkIsSkippedOnlyAtTheStart() {
    #expect(
      decode([[0xEF, 0xBB], [0xBF] + Array("data: a\n\n".utf8)]) == [ServerSentEvent(data: "a")])
    #expect(decode([Array("data: \u{FEFF}a\n\n".utf8)]) == [ServerSentEvent(data: "\u{FEFF}a")])
  }
}
