extension TOMLReader {
  /// `"..."`: escapes allowed, no line breaks, no control characters but tab.
  mutating func readBasicString() throws -> String {
    let open = index
    index += 1
    // Most strings have no escape: they are made straight from the source bytes.
    let start = index
    while index < end {
      let byte = bytes[index]
      if byte == UInt8(ascii: "\"") {
        index += 1
        return text(start..<index - 1)
      }
      if byte == UInt8(ascii: "\\") || isForbiddenControl(byte) { break }
      index += 1
    }
    var out = takeScratch()
    out.append(contentsOf: bytes[start..<index])
    while true {
      guard index < end else {
        throw error("unterminated string: expected a closing `\"`", at: open)
      }
      let byte = bytes[index]
      switch byte {
      case UInt8(ascii: "\""):
        index += 1
        return giveBack(out)
      case UInt8(ascii: "\\"):
        try readEscape(into: &out)
      case 0x0A, 0x0D:
        throw error(
          "unterminated string: a basic string cannot span lines (use \"\"\" for multi-line strings)",
          at: index)
      default:
        if isForbiddenControl(byte) {
          throw error(
            "control character \(scalarName(byte)) must be escaped in a string", at: index)
        }
        // The run up to the next quote, backslash or control character, in one append.
        let run = index
        index += 1
        while index < end, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\\"),
          !isForbiddenControl(bytes[index])
        {
          index += 1
        }
        out.append(contentsOf: bytes[run..<index])
      }
    }
  }

  /// The buffer escaped strings are decoded into, reused from one string to the next.
  private mutating func takeScratch() -> [UInt8] {
    var out: [UInt8] = []
    swap(&out, &scratch)
    out.removeAll(keepingCapacity: true)
    return out
  }

  /// The string decoded into `out`; the buffer is kept for the next string.
  private mutating func giveBack(_ out: [UInt8]) -> String {
    let string = String(decoding: out, as: UTF8.self)
    scratch = out
    return string
  }

  /// `'...'`: taken literally, no line breaks, no control characters but tab.
  mutating func readLiteralString() throws -> String {
    let open = index
    index += 1
    let start = index
    while true {
      guard index < end else {
        throw error("unterminated string: expected a closing `'`", at: open)
      }
      let byte = bytes[index]
      if byte == UInt8(ascii: "'") {
        let literal = text(start..<index)
        index += 1
        return literal
      }
      if byte == 0x0A || byte == 0x0D {
        throw error(
          "unterminated string: a literal string cannot span lines (use ''' for multi-line strings)",
          at: index)
      }
      if isForbiddenControl(byte) {
        throw error(
          "control character \(scalarName(byte)) is not allowed in a literal string", at: index)
      }
      index += 1
    }
  }

  /// `"""..."""`: escapes, line breaks, line-ending backslashes; a line break right
  /// after the opening quotes is dropped.
  mutating func readMultilineBasicString() throws -> String {
    let open = index
    index += 3
    _ = try consumeNewline()
    var out = takeScratch()
    while true {
      guard index < end else {
        throw error("unterminated multi-line string: expected closing `\"\"\"`", at: open)
      }
      let byte = bytes[index]
      switch byte {
      case UInt8(ascii: "\""):
        if try closesMultiline(quote: byte, into: &out) {
          return giveBack(out)
        }
      case UInt8(ascii: "\\"):
        if try !skipLineEndingBackslash() { try readEscape(into: &out) }
      case 0x0A, 0x0D:
        _ = try consumeNewline()
        out.append(0x0A)
      default:
        if isForbiddenControl(byte) {
          throw error(
            "control character \(scalarName(byte)) must be escaped in a string", at: index)
        }
        out.append(byte)
        index += 1
      }
    }
  }

  /// `'''...'''`: taken literally, line breaks kept; a line break right after the
  /// opening quotes is dropped.
  mutating func readMultilineLiteralString() throws -> String {
    let open = index
    index += 3
    _ = try consumeNewline()
    var out = takeScratch()
    while true {
      guard index < end else {
        throw error("unterminated multi-line string: expected closing `'''`", at: open)
      }
      let byte = bytes[index]
      switch byte {
      case UInt8(ascii: "'"):
        if try closesMultiline(quote: byte, into: &out) {
          return giveBack(out)
        }
      case 0x0A, 0x0D:
        _ = try consumeNewline()
        out.append(0x0A)
      default:
        if isForbiddenControl(byte) {
          throw error(
            "control character \(scalarName(byte)) is not allowed in a literal string", at: index)
        }
        out.append(byte)
        index += 1
      }
    }
  }

  /// At a run of quotes inside a multi-line string: up to two quotes may stand just
  /// before the closing three. Returns true when the string is closed.
  private mutating func closesMultiline(quote: UInt8, into out: inout [UInt8]) throws -> Bool {
    var run = 0
    while index + run < end, bytes[index + run] == quote { run += 1 }
    if run < 3 {
      out.append(contentsOf: repeatElement(quote, count: run))
      index += run
      return false
    }
    if run > 5 {
      throw error(
        "too many quotes: at most two may stand before the closing delimiter", at: index + 5)
    }
    out.append(contentsOf: repeatElement(quote, count: run - 3))
    index += run
    return true
  }

  /// A backslash followed by optional white space and a line break trims all white
  /// space and line breaks up to the next other character.
  private mutating func skipLineEndingBackslash() throws -> Bool {
    var probe = index + 1
    while probe < end, bytes[probe] == 0x20 || bytes[probe] == 0x09 { probe += 1 }
    guard probe < end, bytes[probe] == 0x0A || bytes[probe] == 0x0D else { return false }
    index = probe
    while index < end {
      let byte = bytes[index]
      if byte == 0x20 || byte == 0x09 {
        index += 1
      } else if byte == 0x0A || byte == 0x0D {
        _ = try consumeNewline()
      } else {
        break
      }
    }
    return true
  }

  private mutating func readEscape(into out: inout [UInt8]) throws {
    let start = index
    index += 1
    guard index < end else { throw error("unterminated escape sequence", at: start) }
    let letter = bytes[index]
    index += 1
    switch letter {
    case UInt8(ascii: "b"): out.append(0x08)
    case UInt8(ascii: "t"): out.append(0x09)
    case UInt8(ascii: "n"): out.append(0x0A)
    case UInt8(ascii: "f"): out.append(0x0C)
    case UInt8(ascii: "r"): out.append(0x0D)
    case UInt8(ascii: "\""): out.append(0x22)
    case UInt8(ascii: "\\"): out.append(0x5C)
    case UInt8(ascii: "e") where version == .v1_1: out.append(0x1B)
    case UInt8(ascii: "x") where version == .v1_1:
      try appendScalar(hexDigits: 2, from: start, into: &out)
    case UInt8(ascii: "u"): try appendScalar(hexDigits: 4, from: start, into: &out)
    case UInt8(ascii: "U"): try appendScalar(hexDigits: 8, from: start, into: &out)
    default:
      let shown =
        letter < 0x20 || letter >= 0x7F ? scalarName(letter) : String(UnicodeScalar(letter))
      let valid =
        version == .v1_1
        ? "\\b \\t \\n \\f \\r \\e \\\" \\\\ \\xHH \\uXXXX \\UXXXXXXXX"
        : "\\b \\t \\n \\f \\r \\\" \\\\ \\uXXXX \\UXXXXXXXX"
      throw error("invalid escape `\\\(shown)`; valid escapes are \(valid)", at: start)
    }
  }

  private mutating func appendScalar(hexDigits count: Int, from start: Int, into out: inout [UInt8])
    throws
  {
    var value: UInt32 = 0
    for _ in 0..<count {
      guard index < end, let digit = hexValue(bytes[index]) else {
        throw error("escape needs exactly \(count) hexadecimal digits", at: start)
      }
      value = value << 4 | UInt32(digit)
      index += 1
    }
    guard let scalar = Unicode.Scalar(value) else {
      throw error(
        "escape is not a Unicode scalar value (surrogates and values past 10FFFF are not)",
        at: start)
    }
    UTF8.encode(scalar) { out.append($0) }
  }

  private func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
    default: return nil
    }
  }
}
