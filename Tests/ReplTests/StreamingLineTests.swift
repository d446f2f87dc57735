import Foundation
import Testing

@testable import Repl

/// The model's line as it streams to a terminal: whole words at once, wrapped at word
/// boundaries, then redrawn with its styling — in a terminal of 40 and of 200 columns,
/// with CJK and emoji.
@Suite(.timeLimit(.minutes(10))) struct StreamingLineTests {
  /// What a terminal of `width` columns shows after `text` (only printable text, line
  /// breaks, CR, cursor-up and erase-below are interpreted).
  static func screen(_ text: String, width: Int) -> [String] {
    var rows = [""]
    var row = 0
    var characters = Array(text)[...]
    while let character = characters.popFirst() {
      switch character {
      case "\n":
        row += 1
        if row == rows.count { rows.append("") }
      case "\r":
        rows[row] = rows[row]
        // The cursor goes to the row's start: the erase that follows clears it.
        rows[row].removeAll()
      case "\u{1B}":
        var sequence = ""
        while let next = characters.popFirst() {
          sequence.append(next)
          if next.isLetter { break }
        }
        if sequence.hasSuffix("A"), let count = Int(sequence.dropFirst().dropLast()) {
          row -= count
        } else if sequence == "[J" {
          rows[row].removeAll()
          rows.removeSubrange((row + 1)...)
        }
      default:
        if StreamingLine.width(of: rows[row]) + StreamingLine.width(of: character) > width {
          row += 1
          if row == rows.count { rows.append("") }
        }
        rows[row].append(character)
      }
    }
    return rows
  }

  /// Feeds `pieces`, finishes the line with its plain text; returns (what showed before
  /// the line ended, the final screen).
  static func stream(_ pieces: [String], width: Int) -> (partial: String, final: [String]) {
    var line = StreamingLine(width: width)
    var written = ""
    for piece in pieces { written += line.feed(piece) }
    let partial = written
    written += line.finish(styled: line.text, newline: true)
    return (partial, screen(written, width: width))
  }

  static let paragraph =
    "The quick brown fox jumps over the lazy dog while the model keeps on writing its long paragraph without a single line break anywhere in it."

  @Test(arguments: [40, 200])
  func wordsShowAsTheyComeAndNeverBreakMidWord(_ width: Int) {
    let pieces = Self.paragraph.split(separator: " ", omittingEmptySubsequences: false).map {
      String($0) + " "
    }
    let (partial, final) = Self.stream(pieces, width: width)
    // Everything but the last word was on screen before the line ended.
    let shown = partial.replacingOccurrences(
      of: "\\s+", with: " ", options: .regularExpression)
    #expect(shown.contains("without a single line break anywhere"), "\(partial)")
    let rows = final.filter { !$0.isEmpty }
    for row in rows {
      #expect(StreamingLine.width(of: row) <= width, "\(row)")
      #expect(!row.hasPrefix(" "), "\(row)")
    }
    // No word was cut: the rows joined by spaces give the text back.
    #expect(
      rows.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        == Self.paragraph.trimmingCharacters(in: .whitespaces))
    if width == 200 { #expect(rows.count == 1) } else { #expect(rows.count > 2) }
  }

  @Test func aWordSplitAcrossPiecesIsShownWhole() {
    var line = StreamingLine(width: 40)
    #expect(line.feed("Hel") == "")
    #expect(line.feed("lo wor") == "Hello ")
    #expect(line.feed("ld") == "")
    #expect(line.finish(styled: "Hello world", newline: true) == "\r\u{1B}[JHello world\n")
  }

  @Test func wideCharactersAreShownAsTheyComeAndWrapByWidth() {
    let text = "日本語のテキストは空白なしで続きます。これは長い文です。絵文字も🎉🎉🎉入ります。"
    let (partial, final) = Self.stream(text.map { String($0) }, width: 40)
    #expect(partial.contains("日本語のテキスト"))
    for row in final { #expect(StreamingLine.width(of: row) <= 40, "\(row)") }
    #expect(final.joined() == text)
  }

  @Test func theStyledLineReplacesTheRowsTheStreamTook() {
    var line = StreamingLine(width: 40)
    let words = "aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll"
    var written = line.feed(words)
    let styled = "\u{1B}[1m" + words + "\u{1B}[0m"
    written += line.finish(styled: styled, newline: true)
    // Two rows were shown; the redraw goes up one, erases, and writes the styled text.
    #expect(written.contains("\u{1B}[1A\r\u{1B}[J\u{1B}[1m"))
    let final = Self.screen(written, width: 40).filter { !$0.isEmpty }
    #expect(final.count == 2)
    #expect(
      final.joined(separator: " ").replacingOccurrences(of: "[1m", with: "").replacingOccurrences(
        of: "[0m", with: ""
      ).contains("kkkk llll"))
  }

  @Test func wrapKeepsEscapeSequencesWhole() {
    let styled =
      "\u{1B}[1mbold words\u{1B}[0m and \u{1B}]8;;file:///a\u{1B}\\a link\u{1B}]8;;\u{1B}\\ here"
    let wrapped = StreamingLine.wrap(styled, width: 12)
    #expect(wrapped.contains("\u{1B}]8;;file:///a\u{1B}\\"))
    for row in wrapped.split(separator: "\n") {
      let visible = row.replacingOccurrences(
        of: "\u{1B}\\[[0-9;]*m|\u{1B}\\][^\u{1B}]*\u{1B}\\\\", with: "", options: .regularExpression
      )
      #expect(visible.count <= 12, "\(visible)")
    }
  }
}
