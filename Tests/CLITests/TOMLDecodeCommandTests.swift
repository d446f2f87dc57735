import Foundation
import Testing

@Suite(.timeLimit(.minutes(10))) struct TOMLDecodeCommandTests {
  @Test func validInputPrintsTaggedJSON() throws {
    let result = try CodexProcess.run(
      ["debug", "toml-decode"], stdin: Data("a = 1\nb.c = \"x\"\n".utf8))
    #expect(result.status == 0)
    #expect(
      result.stdout
        == #"{"a":{"type":"integer","value":"1"},"b":{"c":{"type":"string","value":"x"}}}"# + "\n")
  }

  @Test func invalidInputExitsOneWithPosition() throws {
    let result = try CodexProcess.run(["debug", "toml-decode"], stdin: Data("a = 1\na = 2\n".utf8))
    #expect(result.status == 1)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.hasPrefix("<stdin>:2:1: duplicate key `a`"))
  }

  @Test func versionIsSelectable() throws {
    let input = Data("t = { a = 1, }\n".utf8)
    #expect(try CodexProcess.run(["debug", "toml-decode"], stdin: input).status == 1)
    #expect(
      try CodexProcess.run(["debug", "toml-decode", "--toml-version", "1.1"], stdin: input).status
        == 0)
    #expect(
      try CodexProcess.run(["debug", "toml-decode", "--toml-version", "2"], stdin: input).status
        == 2)
  }
}
