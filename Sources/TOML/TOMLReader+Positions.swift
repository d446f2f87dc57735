/// Line and column of a byte offset, and errors that carry them.
extension TOMLReader {
  mutating func position(at offset: Int) -> SourcePosition {
    if offset >= lineStart {
      if offset < columnCacheOffset {
        columnCacheOffset = lineStart
        columnCacheColumn = 1
      }
      var column = columnCacheColumn
      var cursor = columnCacheOffset
      while cursor < offset && cursor < end {
        if bytes[cursor] & 0xC0 != 0x80 { column += 1 }
        cursor += 1
      }
      columnCacheOffset = cursor
      columnCacheColumn = column
      return SourcePosition(line: line, column: column, offset: offset)
    }
    // Rare: a place on an earlier line (only for errors). Count from the start.
    var lineNumber = 1
    var start = 0
    for cursor in 0..<min(offset, end) where bytes[cursor] == 0x0A {
      lineNumber += 1
      start = cursor + 1
    }
    var column = 1
    for cursor in start..<min(offset, end) where bytes[cursor] & 0xC0 != 0x80 { column += 1 }
    return SourcePosition(line: lineNumber, column: column, offset: offset)
  }

  mutating func error(_ message: String, at offset: Int) -> TOMLError {
    let clamped = min(max(offset, 0), end)
    let position = self.position(at: clamped)
    var lineBegin = clamped
    while lineBegin > 0, bytes[lineBegin - 1] != 0x0A { lineBegin -= 1 }
    var lineEnd = clamped
    while lineEnd < end, bytes[lineEnd] != 0x0A, bytes[lineEnd] != 0x0D { lineEnd += 1 }
    let excerpt = Excerpt.make(bytes[lineBegin..<lineEnd], column: position.column)
    return TOMLError(
      sourceName: sourceName, position: position, message: message,
      excerpt: excerpt.text, excerptColumn: excerpt.column)
  }

  /// A short description of what stands at `index`, for "expected X, found Y".
  func describeHere() -> String {
    guard let byte = peek() else { return "the end of the file" }
    if byte == 0x0A || byte == 0x0D { return "the end of the line" }
    if isForbiddenControl(byte) { return "control character \(scalarName(byte))" }
    var stop = index
    while stop < end, stop - index < 20, bytes[stop] != 0x0A, bytes[stop] != 0x0D,
      bytes[stop] != 0x20, bytes[stop] != 0x09
    {
      stop += 1
    }
    if stop == index { stop = index + 1 }
    return "`" + String(decoding: bytes[index..<stop], as: UTF8.self) + "`"
  }

  func scalarName(_ byte: UInt8) -> String { "U+00" + hex(byte) }

  func hex(_ byte: UInt8) -> String {
    let digits = Array("0123456789ABCDEF")
    return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
  }
}
