import TOML
import Testing

/// The parser reads short strings through a cache keyed by their bytes, counts columns
/// a word at a time and builds tables in an arena: these cases pin the edges of each.
@Suite struct TOMLReaderFastPathTests {
  let parser = TOMLParser(sourceName: "fast.toml")

  @Test func shortStringsOfEveryLengthStayDistinct() throws {
    // Keys and values of 0 to 20 bytes, sharing prefixes, some at the very end of the
    // text (where whole-word reads would run past it) and some in the middle.
    var text = ""
    for length in 0...20 {
      let word = String(repeating: "k", count: length)
      text += "\"\(word)\" = \"\(word)\"\n"
      text += "\"\(word)x\" = '\(word)y'\n"
    }
    text += "last = \"abc\""
    let table = try parser.parse(text)
    for length in 0...20 {
      let word = String(repeating: "k", count: length)
      #expect(table[word] == .string(word))
      #expect(table[word + "x"] == .string(word + "y"))
    }
    #expect(table["last"] == .string("abc"))
    #expect(table.count == 43)
  }

  @Test func sameBytesInDifferentPlacesGiveEqualStrings() throws {
    let table = try parser.parse("[a]\nname = \"x\"\n[b]\nname = \"x\"\n[c]\nnamf = \"y\"\n")
    #expect(table[path: ["a", "name"]] == .string("x"))
    #expect(table[path: ["b", "name"]] == .string("x"))
    #expect(table[path: ["c", "namf"]] == .string("y"))
    #expect(table[path: ["c", "name"]] == nil)
  }

  @Test func columnsAfterManyMultibyteCharacters() throws {
    // More than eight bytes of continuation bytes before the value, and a value that
    // starts right after them.
    let text = "k = \"ééééééééé\"\nl = [\"日本語のテキスト\", 1]\n"
    let table = try parser.parse(text)
    #expect(table.entry("k")?.value.position?.column == 5)
    let list = try #require(table["l"]?.arrayValue)
    #expect(list[1].position?.column == 18)
    #expect(list[1].position?.line == 2)
  }

  @Test func integersAtTheEdgesOfSixtyFourBits() throws {
    let table = try parser.parse(
      "max = 9_223_372_036_854_775_807\nmin = -9223372036854775808\nhex = 0x7fff_FFFF_ffff_ffff\n"
        + "zero = -0\noct = 0o777\nbin = 0b1010\n")
    #expect(table["max"] == .integer(.max))
    #expect(table["min"] == .integer(.min))
    #expect(table["hex"] == .integer(.max))
    #expect(table["zero"] == .integer(0))
    #expect(table["oct"] == .integer(511))
    #expect(table["bin"] == .integer(10))
    for bad in [
      "a = 9223372036854775808", "a = -9223372036854775809", "a = 0x8000000000000000",
    ] {
      let error = #expect(throws: TOMLError.self) { try parser.parse(bad) }
      #expect(error?.message.contains("64 bits") == true, "\(bad)")
    }
  }

  @Test func escapedStringsDecodeAroundRunsOfPlainText() throws {
    let table = try parser.parse(
      #"a = "plain \"quoted\" and \u00e9 then \t tab and more plain text""# + "\n"
        + #"b = "\\""# + "\n")
    #expect(table["a"] == .string("plain \"quoted\" and é then \t tab and more plain text"))
    #expect(table["b"] == .string("\\"))
  }

  @Test func tablesReopenedThroughHeadersAndDottedKeys() throws {
    let text = """
      [x.y]
      a = 1
      [x]
      b.c = 2
      [[x.list]]
      n = 1
      [[x.list]]
      n = 2
      [x.list.sub]
      z = true
      [x.b.d]
      """
    // `x.b` was made by a dotted key inside [x]: a header may add a table under it
    // ([x.b.d]) but not define it again.
    let error = #expect(throws: TOMLError.self) { try parser.parse(text + "\n[x.b]\n") }
    #expect(error?.position.line == 12)
    let table = try parser.parse(text)
    #expect(table[path: ["x", "b", "d"]]?.tableValue?.isEmpty == true)
    #expect(table[path: ["x", "y", "a"]] == .integer(1))
    #expect(table[path: ["x", "b", "c"]] == .integer(2))
    let list = try #require(table[path: ["x", "list"]]?.arrayValue)
    #expect(list.count == 2)
    #expect(list[1].tableValue?[path: ["sub", "z"]] == .boolean(true))
    #expect(list[0].tableValue?["sub"] == nil)
    #expect(list[0].position?.line == 5)
    #expect(table[path: ["x"]]?.position?.line == 3)
  }
}
