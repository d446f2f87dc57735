/// Text from outside codex (the model's answers, what commands print, server errors)
/// made safe to write to a terminal: it can show anything but control the terminal.
///
/// Escape sequences (CSI, OSC, DCS and the rest) are dropped, whatever they would do:
/// set the window title, clear the screen, move the cursor, write the clipboard (OSC 52),
/// make links (OSC 8), end a bracketed paste. Other control characters are shown in
/// caret notation (`^G`), except tab and line feed; a carriage return ends the line (a
/// bare one could otherwise overwrite what is already shown). C1 controls are dropped.
public enum TerminalText {
  /// The text with every control sequence removed or made visible.
  public static func sanitize(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: needsWork) else { return text }
    var out = String.UnicodeScalarView()
    var scalars = text.unicodeScalars[...]
    while let scalar = scalars.popFirst() {
      switch scalar.value {
      case 0x1B:
        skipEscape(&scalars)
      case 0x0D:
        // CR LF is one line end; a lone CR ends the line too.
        if scalars.first?.value == 0x0A { scalars.removeFirst() }
        out.append("\n")
      case 0x09, 0x0A:
        out.append(scalar)
      case 0x00..<0x20:
        out.append("^")
        out.append(Unicode.Scalar(UInt8(scalar.value + 0x40)))
      case 0x7F:
        out.append(contentsOf: "^?".unicodeScalars)
      case 0x80..<0xA0:
        // C1 controls (CSI is also U+009B): never shown.
        if scalar.value == 0x9B || scalar.value == 0x9D || scalar.value == 0x90 {
          skipSequenceBody(&scalars, kind: scalar.value == 0x9B ? .csi : .string)
        }
      default:
        out.append(scalar)
      }
    }
    return String(out)
  }

  private static func needsWork(_ scalar: Unicode.Scalar) -> Bool {
    let value = scalar.value
    return (value < 0x20 && value != 0x0A && value != 0x09) || (0x7F..<0xA0).contains(value)
  }

  private enum SequenceKind { case csi, string }

  /// After ESC: skips the rest of the sequence it starts.
  private static func skipEscape(_ scalars: inout Substring.UnicodeScalarView) {
    guard let next = scalars.popFirst() else { return }
    switch next {
    case "[": skipSequenceBody(&scalars, kind: .csi)
    case "]", "P", "X", "^", "_": skipSequenceBody(&scalars, kind: .string)
    default:
      // Two-byte sequences (ESC 7, ESC c) and charset selections (ESC ( B).
      if "()*+".unicodeScalars.contains(next) { _ = scalars.popFirst() }
    }
  }

  /// Skips a CSI's parameters up to its final byte, or a string sequence (OSC, DCS, ...)
  /// up to its terminator (BEL or ESC \).
  private static func skipSequenceBody(
    _ scalars: inout Substring.UnicodeScalarView, kind: SequenceKind
  ) {
    while let scalar = scalars.popFirst() {
      switch kind {
      case .csi:
        if (0x40...0x7E).contains(scalar.value) { return }
      case .string:
        if scalar.value == 0x07 || scalar.value == 0x9C { return }
        if scalar.value == 0x1B {
          if scalars.first == "\\" { scalars.removeFirst() }
          return
        }
      }
    }
  }
}
