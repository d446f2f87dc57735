import Foundation

/// The model's unfinished line on a terminal: shown word by word as it streams, wrapped at
/// word boundaries to the terminal's width, then redrawn in place with its Markdown
/// styling once the line is complete (only this line is redrawn, never what is above).
struct StreamingLine {
  /// Columns of the terminal when the line started.
  private(set) var width: Int
  /// The line's text so far, as the model wrote it (already sanitised).
  private(set) var text = ""
  /// The last word, not shown until it ends: a word is never broken by a later piece.
  private var heldWord = ""
  /// Where the cursor is on its row, and how many rows the shown part spans.
  private var column = 0
  private var rows = 1
  /// Whether anything of the line was written.
  private(set) var started = false

  init(width: Int) {
    self.width = max(width, 10)
  }

  /// Takes a piece of the line (no line break in it); returns what to write now.
  mutating func feed(_ piece: String) -> String {
    text += piece
    var out = ""
    for character in piece {
      if character == " " {
        out += flushWord()
        if column > 0 && column < width {
          out += " "
          column += 1
        }
      } else if Self.width(of: character) == 2 {
        // Wide characters (CJK) are words of their own: a line may break between them.
        out += flushWord()
        heldWord = String(character)
        out += flushWord()
      } else {
        heldWord.append(character)
        if Self.width(of: heldWord) > width { out += flushWord() }
      }
    }
    if !out.isEmpty { started = true }
    return out
  }

  /// The held word placed: on this row if it fits, else on the next.
  private mutating func flushWord() -> String {
    guard !heldWord.isEmpty else { return "" }
    defer { heldWord = "" }
    var out = ""
    let wordWidth = Self.width(of: heldWord)
    if column > 0 && column + wordWidth > width {
      out += "\n"
      rows += 1
      column = 0
    }
    for character in heldWord {
      let characterWidth = Self.width(of: character)
      if column + characterWidth > width {
        out += "\n"
        rows += 1
        column = 0
      }
      out.append(character)
      column += characterWidth
    }
    return out
  }

  /// The line is complete: what erases the rows it took and writes `styled` (the
  /// rendered line, escape sequences included) wrapped the same way, with a line break
  /// when `newline`.
  mutating func finish(styled: String, newline: Bool) -> String {
    var out = ""
    if started {
      if rows > 1 { out += "\u{1B}[\(rows - 1)A" }
      out += "\r\u{1B}[J"
    }
    out += Self.wrap(styled, width: width)
    if newline { out += "\n" }
    self = StreamingLine(width: width)
    return out
  }

  /// `text` (escape sequences allowed, taking no room) with line breaks at the last space
  /// before each row would overflow `width`; a word longer than a row is cut.
  static func wrap(_ text: String, width: Int) -> String {
    var out: [Character] = []
    var column = 0
    var lastSpace: Int?  // index in `out` of the row's last space
    var widthAfterSpace = 0
    var characters = Array(text)
    var index = 0
    while index < characters.count {
      let character = characters[index]
      if character == "\u{1B}" {
        // CSI (ESC [ ... final) or OSC (ESC ] ... BEL or ESC \): copied, no width.
        let start = index
        index += 1
        if index < characters.count, characters[index] == "[" {
          index += 1
          while index < characters.count,
            !(characters[index].asciiValue.map { $0 >= 0x40 && $0 <= 0x7E } ?? false)
          {
            index += 1
          }
          index += 1
        } else if index < characters.count, characters[index] == "]" {
          while index < characters.count, characters[index] != "\u{07}" {
            if characters[index] == "\u{1B}", index + 1 < characters.count,
              characters[index + 1] == "\\"
            {
              index += 1
              break
            }
            index += 1
          }
          index += 1
        }
        out += characters[start..<min(index, characters.count)]
        continue
      }
      if character == "\n" {
        out.append(character)
        column = 0
        lastSpace = nil
        index += 1
        continue
      }
      let characterWidth = Self.width(of: character)
      if column + characterWidth > width && character != " " {
        if let space = lastSpace {
          out[space] = "\n"
          column = widthAfterSpace
        } else {
          out.append("\n")
          column = 0
        }
        lastSpace = nil
      }
      if character == " " {
        lastSpace = out.count
        widthAfterSpace = 0
      } else if lastSpace != nil {
        widthAfterSpace += characterWidth
      }
      out.append(character)
      column += characterWidth
      index += 1
    }
    characters = out
    return String(characters)
  }

  /// Columns `character` takes on a terminal: 2 for wide (CJK, most emoji), else 1.
  static func width(of character: Character) -> Int {
    guard let scalar = character.unicodeScalars.first else { return 0 }
    if scalar.value < 0x1100 { return 1 }
    if scalar.properties.isEmojiPresentation { return 2 }
    switch scalar.value {
    case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
      0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
      0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
      return 2
    default:
      return 1
    }
  }

  static func width(of text: String) -> Int {
    text.reduce(0) { $0 + width(of: $1) }
  }
}
