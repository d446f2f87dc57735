/// Line and column of a byte offset, and errors that carry them.
extension TOMLReader {
  mutating func position(at offset: Int) -> SourcePosition {
    if offset >= lineStart {
      if offset < columnCacheOffset {
        columnCacheOffset = lineStart
        columnCacheColumn = 1
      }
      let stop = min(offset, end)
      let column = columnCacheColumn + scalarCount(from: columnCacheOffset, to: stop)
      columnCacheOffset = stop
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

  /// The number of Unicode scalars in `start..<stop`: the bytes that do not continue
  /// a UTF-8 sequence, counted eight at a time (a position is taken for every key and
  /// value).
  private func scalarCount(from start: Int, to stop: Int) -> Int {
    bytes.withUnsafeBytes { raw in
      var count = stop - start
      var cursor = start
      while cursor + 8 <= stop {
        let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: cursor, as: UInt64.self))
        // A continuation byte is 10xxxxxx: its top bit set and the next one clear.
        let continuations = word & ~(word << 1) & 0x8080_8080_8080_8080
        if continuations != 0 { count -= continuations.nonzeroBitCount }
        cursor += 8
      }
      if cursor < stop && cursor + 8 <= raw.count {
        // The last few bytes as one word too, the bytes past `stop` masked off.
        let word = raw.loadUnaligned(fromByteOffset: cursor, as: UInt64.self)
        let kept = UInt64(littleEndian: word) & ((1 << (UInt64(stop - cursor) * 8)) &- 1)
        let continuations = kept & ~(kept << 1) & 0x8080_8080_8080_8080
        return continuations == 0 ? count : count - continuations.nonzeroBitCount
      }
      while cursor < stop {
        if raw[cursor] & 0xC0 == 0x80 { count -= 1 }
        cursor += 1
      }
      return count
    }
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
