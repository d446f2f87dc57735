import Repl
import Testing

@Suite(.timeLimit(.minutes(10))) struct TerminalStyleTests {
  @Test func colorsOnlyWhenAsked() {
    #expect(TerminalStyle(colors: true).dim("x") == "\u{1B}[2mx\u{1B}[0m")
    #expect(TerminalStyle(colors: false).dim("x") == "x")
  }

  @Test func noColorAndDumbTerminalsAndPipesGetPlainText() {
    #expect(TerminalStyle(isTerminal: true, environment: ["TERM": "xterm-256color"]).colors)
    #expect(!TerminalStyle(isTerminal: false, environment: ["TERM": "xterm-256color"]).colors)
    #expect(!TerminalStyle(isTerminal: true, environment: ["NO_COLOR": "1"]).colors)
    #expect(TerminalStyle(isTerminal: true, environment: ["NO_COLOR": ""]).colors)
    #expect(!TerminalStyle(isTerminal: true, environment: ["TERM": "dumb"]).colors)
    // Descriptor -1 is never a terminal.
    #expect(!TerminalStyle(descriptor: -1, environment: [:]).colors)
  }
}
