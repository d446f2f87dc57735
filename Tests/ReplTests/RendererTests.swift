import Agent
import Foundation
import Repl
import Testing

@Suite(.timeLimit(.minutes(10))) struct MarkdownRendererTests {
  let colors = TerminalStyle(colors: true)

  @Test func rendersLinesWithColours() {
    var renderer = MarkdownRenderer(style: colors)
    #expect(renderer.render("# Title") == colors.bold(colors.underline("Title")))
    #expect(renderer.render("## Part") == colors.bold("Part"))
    #expect(renderer.render("- item") == "• item")
    #expect(renderer.render("  * nested `x`") == "  • nested " + colors.cyan("x"))
    #expect(
      renderer.render("a **b** *c* _d_ snake_case_name 2 * 3")
        == "a " + colors.bold("b") + " " + colors.italic("c") + " " + colors.italic("d")
        + " snake_case_name 2 * 3")
    #expect(renderer.render("> quoted") == colors.dim("│ ") + "quoted")
    #expect(renderer.render("```swift") == colors.dim("┌─ swift"))
    #expect(renderer.render("let **x** = 1") == colors.dim("│ ") + "let **x** = 1")
    #expect(renderer.render("```") == colors.dim("└─"))
    #expect(renderer.render("after") == "after")
  }

  @Test func leavesTextAloneWithoutColours() {
    var renderer = MarkdownRenderer(style: TerminalStyle(colors: false))
    for line in ["# Title", "- item", "**b** `c`", "```swift", "code", "```"] {
      #expect(renderer.render(line) == line)
    }
  }
}

@Suite(.timeLimit(.minutes(10))) struct DiffRendererTests {
  @Test func coloursAndCaps() {
    let style = TerminalStyle(colors: true)
    let diff = "--- a/f\n+++ b/f\n@@ -1 +1 @@\n-old\n+new\n ctx\n"
    #expect(
      DiffRenderer.lines(diff, style: style)
        == [
          style.bold("--- a/f"), style.bold("+++ b/f"), style.cyan("@@ -1 +1 @@"),
          style.red("-old"),
          style.green("+new"), " ctx",
        ])
    let capped = DiffRenderer.lines(diff, style: TerminalStyle(colors: false), limit: 2)
    #expect(capped == ["--- a/f", "+++ b/f", "… 4 more diff lines (/diff shows them all)"])
  }
}

@Suite(.timeLimit(.minutes(10))) struct ProgressRendererTests {
  @Test func sessionLineAndMCPCallsWithAndWithoutColours() {
    for colors in [false, true] {
      let style = TerminalStyle(colors: colors)
      let renderer = ProgressRenderer(style: style, hideReasoning: false)
      #expect(
        renderer.lines(.sessionConfigured(sessionID: "abc", model: "gpt-5", provider: "openai"))
          == [style.dim("codex · gpt-5 via openai · session abc")])
      #expect(
        renderer.lines(
          .mcpToolCallBegin(callID: "m", server: "time", tool: "now", arguments: "{\"tz\":\"UTC\"}")
        )
          == [style.bold("⚙ time.now") + style.dim(" {\"tz\":\"UTC\"}")])
      #expect(
        renderer.lines(
          .mcpToolCallEnd(
            callID: "m", server: "time", tool: "now",
            result: MCPToolResult(text: "12:00\n", isError: false),
            duration: .milliseconds(40)))
          == [style.dim("  12:00"), style.dim("  done · 0.0s")])
      #expect(
        renderer.lines(
          .mcpToolCallEnd(
            callID: "m", server: "time", tool: "now",
            result: MCPToolResult(text: "bad zone", isError: true),
            duration: .seconds(2)))
          == [style.dim("  bad zone"), style.red("  failed · 2.0s")])
      #expect(renderer.lines(.agentMessageDelta("text")) == [])
    }
  }

  @Test func longOutputKeepsItsLastLinesAndCountsTheRest() {
    var renderer = ProgressRenderer(style: TerminalStyle(colors: false), hideReasoning: true)
    renderer.outputLines = 2
    let output = (1...5).map { "line \($0)" }.joined(separator: "\n") + "\n"
    #expect(
      renderer.lines(
        .execEnd(callID: "c", command: ["seq"], exitCode: 0, duration: .zero, output: output))
        == ["  … 3 earlier lines", "  line 4", "  line 5", "  exit 0 · 0.0s"])
    #expect(renderer.lines(.reasoning("hidden")) == [])
    let long = String(repeating: "x", count: 250)
    #expect(
      renderer.lines(.mcpToolCallBegin(callID: "m", server: "s", tool: "t", arguments: long))
        == ["⚙ s.t " + String(repeating: "x", count: 200) + "…"])
  }
}

@Suite(.timeLimit(.minutes(10))) struct MoreMarkdownTests {
  @Test func numberedListsLinksAndRules() {
    let style = TerminalStyle(colors: true)
    var renderer = MarkdownRenderer(style: style)
    #expect(renderer.render("1. first `a`") == "1. first " + style.cyan("a"))
    #expect(renderer.render("### Third") == style.bold("Third"))
    #expect(renderer.render("plain text") == "plain text")
    #expect(renderer.render("**unclosed") == "**unclosed")
    // Inside a fence nothing is styled, even what looks like a heading.
    #expect(renderer.render("```") == style.dim("┌─"))
    #expect(renderer.render("# not a heading") == style.dim("│ ") + "# not a heading")
    #expect(renderer.render("```") == style.dim("└─"))
  }
}

@Suite(.timeLimit(.minutes(10))) struct FileLinkTests {
  @Test func patchedFilesLinkToTheEditorWithFileOpener() throws {
    let home = FileManager.default.temporaryDirectory.appendingPathComponent(
      "codex-links-\(UUID().uuidString)"
    ).path
    try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: home) }
    var configuration = try ConfigLoader(
      environment: ["CODEX_HOME": home], currentDirectory: "/", homeDirectory: home
    ).load(CommandLineOverrides())
    configuration.workingDirectory = "/work/app"
    configuration.fileOpener = .cursor
    let style = TerminalStyle(colors: true)
    var renderer = ProgressRenderer(style: style, hideReasoning: false)
    renderer.fileLinks = FileLinks(configuration: configuration, style: style)
    let change = FileChange(kind: .added, path: "src/my file.swift", newText: "x\n")
    let line = renderer.lines(.patchApplied(callID: "p", changes: [change])).first ?? ""
    #expect(
      line.contains(
        "\u{1B}]8;;cursor://file/work/app/src/my%20file.swift\u{1B}\\src/my file.swift\u{1B}]8;;\u{1B}\\"
      ), "\(line.debugDescription)")
    // Without colours (not a terminal) or with `none`: plain text.
    #expect(FileLinks(configuration: configuration, style: TerminalStyle(colors: false)) == nil)
    configuration.fileOpener = .none
    #expect(FileLinks(configuration: configuration, style: style) == nil)
  }
}
