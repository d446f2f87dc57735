import Repl
import Testing

@Suite struct TerminalStyleTests {
  @Test func colorsOnlyWhenAsked() {
    #expect(TerminalStyle(colors: true).dim("x") == "\u{1B}[2mx\u{1B}[0m")
    #expect(TerminalStyle(colors: false).dim("x") == "x")
  }

  @Test func noColorAndDumbTerminalsAndPipesGetPlainText() {
    // Descriptor -1 is never a terminal, so every environment gives plain text there.
    #expect(!TerminalStyle(descriptor: -1, environment: [:]).colors)
    #expect(!TerminalStyle(descriptor: -1, environment: ["TERM": "xterm-256color"]).colors)
    #expect(!TerminalStyle(descriptor: 1, environment: ["NO_COLOR": "1"]).colors)
    #expect(!TerminalStyle(descriptor: 1, environment: ["TERM": "dumb"]).colors)
  }
}
