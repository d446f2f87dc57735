import TOML
import Testing

@Suite(.timeLimit(.minutes(10))) struct TOMLEncoderTests {
  @Test func encodedTextParsesBackToTheSameValues() throws {
    let source = """
      title = "x \\"quoted\\" \\u0001"
      n = -7
      f = inf
      d = 1979-05-27T07:32:00.5-07:00
      mixed = [1, "a", { b = 2 }]
      [owner]
      name = "Tom"
      [servers.alpha]
      ip = "10.0.0.1"
      [[products]]
      name = "Hammer"
      [[products]]
      [weird."key with space"]
      empty = {}
      """
    let table = try TOMLParser().parse(source)
    let text = TOMLEncoder.encode(table)
    #expect(try TOMLParser().parse(text) == table)
    #expect(text.contains("[[products]]"))
    #expect(text.contains("[weird.\"key with space\".empty]"))
  }

  @Test func keysAreQuotedOnlyWhenNeeded() {
    #expect(TOMLEncoder.key("model_provider") == "model_provider")
    #expect(TOMLEncoder.key("/home/a b") == "\"/home/a b\"")
    #expect(TOMLEncoder.key("") == "\"\"")
  }
}
