import TOML
import Testing

@Suite(.timeLimit(.minutes(10))) struct TOMLParserTests {
  let parser = TOMLParser(sourceName: "config.toml")

  @Test func keepsPositionsOfKeysAndValues() throws {
    let table = try parser.parse(
      "# top\nmodel = \"o3\"\n\n[profiles.fast]\n  model_provider = 'oss'\n")
    let model = try #require(table.entry("model"))
    #expect(model.keyPosition == SourcePosition(line: 2, column: 1, offset: 6))
    #expect(model.value.position?.line == 2)
    #expect(model.value.position?.column == 9)
    let provider = try #require(
      table[path: ["profiles", "fast"]]?.tableValue?.entry("model_provider"))
    #expect(provider.keyPosition?.line == 5)
    #expect(provider.keyPosition?.column == 3)
    #expect(provider.value.position?.column == 20)
  }

  /// Days past the end of their month, leap years included: toml-test has no 31st of a
  /// 30-day month.
  @Test(arguments: [
    ("2023-11-31", false), ("2023-11-30", true), ("2023-04-31", false), ("2023-06-31", false),
    ("2023-09-31", false), ("2023-12-31", true), ("2023-02-29", false), ("2024-02-29", true),
    ("1900-02-29", false), ("2000-02-29", true), ("2023-01-32", false), ("2023-00-10", false),
    ("2023-13-01", false), ("2023-07-00", false),
  ])
  func datesPastTheEndOfTheirMonthAreErrors(_ date: String, _ valid: Bool) {
    let parsed = try? parser.parse("d = \(date)\n")
    #expect((parsed != nil) == valid, "\(date)")
  }

  @Test func columnsCountCharactersNotBytes() throws {
    let table = try parser.parse("\"é\" = \"ü\"\n")
    #expect(table.entry("é")?.value.position?.column == 7)
  }

  @Test func errorNamesFileLineColumnWithExcerpt() {
    do {
      _ = try parser.parse("a = 1\nb = hello\n")
      Issue.record("accepted a bare word")
    } catch let error as TOMLError {
      #expect(error.summary.hasPrefix("config.toml:2:5: "))
      #expect(error.message.contains("strings need quotes"))
      #expect(error.description.contains(" 2 | b = hello\n   |     ^"))
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  @Test func duplicateKeyPointsAtSecondDefinition() {
    let error = #expect(throws: TOMLError.self) { try parser.parse("a = 1\n  a = 2\n") }
    #expect(error?.position.line == 2)
    #expect(error?.position.column == 3)
    #expect(error?.message.contains("first defined at 1:1") == true)
  }

  @Test func hostileInputIsAnErrorNotACrash() {
    let inputs: [[UInt8]] = [
      [0x61, 0x20, 0x3D, 0x20, 0x22, 0xFF, 0x22],  // invalid UTF-8
      Array("a = \"x\0y\"".utf8),  // NUL
      Array("a = ".utf8) + Array(repeating: UInt8(ascii: "["), count: 10_000),
      Array("a = ".utf8) + Array(repeating: UInt8(ascii: "{"), count: 10_000),
      Array(repeating: UInt8(ascii: "["), count: 10_000),
      Array((0..<10_000).map { _ in "a." }.joined().utf8) + Array("b = 1".utf8),
      Array("a = \"\"\"".utf8),
      [0xEF, 0xBB],
    ]
    for input in inputs {
      #expect(throws: TOMLError.self) { try parser.parse(bytes: input) }
    }
  }

  @Test func deepNestingWithinTheLimitIsAccepted() throws {
    let depth = TOMLParser.maximumDepth
    let text = "a = " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
    _ = try parser.parse(text)
    let tooDeep =
      "a = " + String(repeating: "[", count: depth + 1) + String(repeating: "]", count: depth + 1)
    let error = #expect(throws: TOMLError.self) { try parser.parse(tooDeep) }
    #expect(error?.message.contains("deeper than") == true)
  }

  @Test func largeDocumentParses() throws {
    // About 8 MB (the 50 MB case runs in scripts/bench, built for release): many tables, strings, arrays and numbers.
    var text = ""
    text.reserveCapacity(9_000_000)
    var index = 0
    while text.utf8.count < 8_000_000 {
      text +=
        "[section\(index)]\nname = \"value number \(index) with some text\"\ncount = \(index)\n"
      text +=
        "ratio = \(Double(index) / 7.0)\nlist = [1, 2, 3, \"four\", 5.5]\nwhen = 2024-01-02T03:04:05Z\n\n"
      index += 1
    }
    let table = try parser.parse(text)
    #expect(table.count == index)
    #expect(table[path: ["section\(index - 1)", "count"]] == .integer(Int64(index - 1)))
  }

  @Test func versionSpecificSyntax() throws {
    let v11 = TOMLParser(version: .v1_1)
    let multiLine = "t = {\n  a = 1,\n}\ne = \"\\e\\x41\"\nh = 07:32\n"
    let table = try v11.parse(multiLine)
    #expect(table["e"] == .string("\u{1B}A"))
    #expect(table[path: ["t", "a"]] == .integer(1))
    let error = #expect(throws: TOMLError.self) { try parser.parse("t = {\n a = 1 }\n") }
    #expect(error?.message.contains("1.1") == true)
  }

  @Test func taggedJSONMatchesTomlTestForm() throws {
    let table = try parser.parse("a = 42\nb = [\"x\", 1.5]\n[[c]]\nd = 1979-05-27\n")
    #expect(
      TaggedJSON.encode(table)
        == #"{"a":{"type":"integer","value":"42"},"b":[{"type":"string","value":"x"},{"type":"float","value":"1.5"}],"c":[{"d":{"type":"date-local","value":"1979-05-27"}}]}"#
    )
  }
}
