import Agent
import Testing

/// What untrusted text may do to a terminal: show itself, nothing more.
@Suite(.timeLimit(.minutes(10))) struct TerminalTextTests {
  @Test(arguments: [
    ("\u{1B}]0;evil title\u{07}after", "after"),
    ("\u{1B}]2;title\u{1B}\\after", "after"),
    ("\u{1B}[2J\u{1B}[Hcleared?", "cleared?"),
    ("\u{1B}[10;20Hmoved \u{1B}[1Aup", "moved up"),
    ("bell\u{07}", "bell^G"),
    ("\u{1B}]52;c;ZXZpbA==\u{1B}\\clip", "clip"),
    ("\u{1B}]8;;http://x.example\u{1B}\\link\u{1B}]8;;\u{1B}\\", "link"),
    ("paste\u{1B}[201~end", "pasteend"),
    ("\u{1B}Pdcs payload\u{1B}\\ok", "ok"),
    ("\u{1B}7saved\u{1B}8", "saved"),
    ("\u{1B}(Bcharset", "charset"),
    ("\u{9B}31mred\u{9D}0;x\u{07}", "red"),
    ("a\rb", "a\nb"),
    ("a\r\nb", "a\nb"),
    ("tab\there\nnext", "tab\there\nnext"),
    ("del\u{7F}", "del^?"),
    ("nul\u{0}", "nul^@"),
    ("é✓ 😀 plain", "é✓ 😀 plain"),
    ("trailing escape \u{1B}", "trailing escape "),
  ])
  func sanitizes(_ input: String, _ expected: String) {
    #expect(TerminalText.sanitize(input) == expected)
  }

  /// Each control character alone, between two letters: the per-character path, which a
  /// test joining them all never reaches on its own.
  @Test(arguments: Array(0..<0x20) + Array(0x7F..<0xA0))
  func eachControlCharacterAloneIsNeutralised(_ value: Int) {
    let scalar = Unicode.Scalar(UInt32(value))!
    let clean = TerminalText.sanitize("a" + String(Character(scalar)) + "b")
    #expect(clean.hasPrefix("a"))
    if value != 0x09 && value != 0x0A {
      #expect(!clean.unicodeScalars.contains(scalar), "U+\(String(value, radix: 16))")
    }
    #expect(!clean.unicodeScalars.contains { $0.value == 0x1B || (0x80..<0xA0).contains($0.value) })
  }

  @Test func noEscapeCharacterSurvives() {
    let hostile = (0..<256).map { String(UnicodeScalar(UInt8($0))) }.joined()
    let clean = TerminalText.sanitize(hostile + "\u{1B}]0;x\u{07}\u{1B}[31m")
    #expect(!clean.unicodeScalars.contains { $0.value == 0x1B || (0x80..<0xA0).contains($0.value) })
  }
}
