import Repl
import Testing

@Suite(.timeLimit(.minutes(3))) struct MarkdownRendererTests {
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

@Suite(.timeLimit(.minutes(3))) struct DiffRendererTests {
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
