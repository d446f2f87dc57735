import Foundation
import TestSupport
import Testing

/// The model's text on a real terminal (tmux) as a slow model streams it: the first
/// words show while the line is still open, wrapped at word boundaries to the width, and
/// the finished line is the styled text, not the Markdown source.
@Suite(.timeLimit(.minutes(10))) struct StreamingTerminalTests {
  @Test(
    .enabled(if: TmuxSession.isAvailable, "needs tmux on PATH"), arguments: [40, 200])
  func aSlowStreamShowsItsWordsAsTheyCome(_ width: Int) throws {
    let words =
      "The **quick** brown fox jumps over the lazy dog while the model keeps writing a long paragraph with no line break, 日本語のテキスト 🎉 too."
      .split(separator: " ").map { "\($0) " }
    // The first words come at once, the rest slowly, one by one.
    let events = words.map { ["text": $0] } + [["text": "\nDone."]]
    let entry: [String: Any] = ["events": events, "delay_ms": 120]
    let server = try ScriptedModelServer(
      responses: String(
        decoding: try JSONSerialization.data(withJSONObject: [entry]), as: UTF8.self))
    defer { server.stop() }
    let home = try CodexProcess.makeHome(server: server)
    let tty = try TmuxSession(
      [CodexProcess.binary],
      environment: [
        "CODEX_HOME": home, "TERM": "xterm-256color", "LANG": "C.UTF-8", "NO_COLOR": "",
      ],
      directory: try TestDirectory.make("codex-streaming"), width: width)
    defer { tty.stop() }
    try tty.waitFor("› ")
    try tty.type("tell me")
    try tty.press("Enter")
    // Within about a second the first words are on screen, while the line is not done.
    let early = try tty.waitFor("brown", timeout: 3)
    #expect(!early.contains("Done."), "\(early)")
    let finished = try tty.waitFor("Done.", timeout: 30)
    // The finished line is styled: no Markdown markers are left on screen.
    #expect(!finished.contains("**quick**"), "\(finished)")
    #expect(finished.contains("The quick brown"), "\(finished)")
    let rows = finished.split(separator: "\n", omittingEmptySubsequences: false)
    let paragraph = rows.drop { !$0.contains("The quick") }.prefix { !$0.contains("Done.") }
    // No word is cut at a row's end.
    let text = paragraph.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    for word in ["paragraph", "writing", "日本語のテキスト"] {
      #expect(text.contains(word), "\(word) cut: \(paragraph)")
    }
    if width == 200 { #expect(paragraph.count == 1, "\(paragraph)") }
  }
}
