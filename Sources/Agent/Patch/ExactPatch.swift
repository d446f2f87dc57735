import Foundation

/// The common case of a patch, applied on the file's bytes: every line of every chunk
/// is in the file exactly as written, and the file has no `\r\n`. Lines are byte ranges
/// of the original, compared in place and copied once into the result, so a large file
/// costs one pass and no per-line strings. Anything else (a line that matches only
/// loosely, Windows line endings, a line that is missing) is left to the full applier,
/// which also words the errors.
enum ExactPatch {
  /// A part of the result: a run of the original's lines, or one new line.
  private enum Piece {
    case original(Range<Int>)
    case new(String)
  }

  /// The new text, or nil when the full applier must decide.
  static func apply(_ chunks: [PatchChunk], to text: String) -> String? {
    // A native string's UTF-8 is read in place; only a bridged one is copied first.
    if let result = text.utf8.withContiguousStorageIfAvailable({ apply(chunks, bytes: $0) }) {
      return result
    }
    return Array(text.utf8).withUnsafeBufferPointer { apply(chunks, bytes: $0) }
  }

  private static func apply(_ chunks: [PatchChunk], bytes: UnsafeBufferPointer<UInt8>) -> String? {
    if let base = bytes.baseAddress, memchr(base, Int32(UInt8(ascii: "\r")), bytes.count) != nil {
      return nil
    }
    var scanned: [Range<Int>] = []
    scanned.reserveCapacity(bytes.count / 32 + 1)
    var start = 0
    while start <= bytes.count {
      guard let base = bytes.baseAddress,
        let found = memchr(base + start, Int32(UInt8(ascii: "\n")), bytes.count - start)
      else {
        scanned.append(start..<bytes.count)
        break
      }
      let end = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
      scanned.append(start..<end)
      start = end + 1
    }
    let endsWithNewline = scanned.last?.isEmpty == true
    if endsWithNewline { scanned.removeLast() }
    // A constant from here on: the nested functions below read it for every line they
    // compare, and a captured variable would be checked for exclusive access each time.
    let lines = scanned

    func matches(_ line: Range<Int>, _ wanted: [UInt8]) -> Bool {
      line.count == wanted.count
        && (line.isEmpty
          || wanted.withUnsafeBufferPointer { other in
            memcmp(bytes.baseAddress! + line.lowerBound, other.baseAddress!, line.count) == 0
          })
    }
    func find(_ needle: [[UInt8]], from cursor: Int, fromEnd: Bool) -> Int? {
      if needle.isEmpty { return fromEnd ? lines.count : cursor }
      let last = lines.count - needle.count
      guard cursor <= last else { return nil }
      func at(_ index: Int) -> Bool {
        var offset = 0
        while offset < needle.count && matches(lines[index + offset], needle[offset]) {
          offset += 1
        }
        return offset == needle.count
      }
      if fromEnd {
        return stride(from: last, through: cursor, by: -1).first(where: at)
      }
      return (cursor...last).first(where: at)
    }

    // First where every chunk goes, then the result written once: runs of unchanged
    // lines are copied as whole byte ranges, straight into the new string's storage.
    var pieces: [Piece] = []
    var copied = 0  // original lines already placed
    func keep(upTo end: Int) {
      if copied < end { pieces.append(.original(copied..<end)) }
      copied = max(copied, end)
    }
    var cursor = 0
    for chunk in chunks {
      if let context = chunk.context {
        guard let found = find([Array(context.utf8)], from: cursor, fromEnd: false) else {
          return nil
        }
        cursor = found + 1
      }
      var oldLines = chunk.oldLines.map { Array($0.utf8) }
      var newLines = chunk.newLines
      if oldLines.isEmpty {
        let at = chunk.context == nil ? lines.count : cursor
        guard at >= copied else { return nil }
        keep(upTo: at)
        pieces += newLines.map { .new($0) }
        cursor = at
        continue
      }
      var found = find(oldLines, from: cursor, fromEnd: chunk.isEndOfFile)
      // A trailing empty context line often stands for the end of the file.
      if found == nil, oldLines.last?.isEmpty == true {
        oldLines.removeLast()
        if newLines.last == "" { newLines.removeLast() }
        found = find(oldLines, from: cursor, fromEnd: chunk.isEndOfFile)
      }
      guard let start = found, start >= copied else { return nil }
      keep(upTo: start)
      pieces += newLines.map { .new($0) }
      copied = start + oldLines.count
      cursor = copied
    }
    keep(upTo: lines.count)

    // Every line is followed by a newline; a file left with no lines is empty, as
    // Codex's applier leaves it.
    var size = 0
    var lineCount = 0
    for piece in pieces {
      switch piece {
      case .original(let range):
        size += lines[range.upperBound - 1].upperBound - lines[range.lowerBound].lowerBound + 1
        lineCount += range.count
      case .new(let text):
        size += text.utf8.count + 1
        lineCount += 1
      }
    }
    if lineCount == 0 { return "" }
    return String(unsafeUninitializedCapacity: size) { buffer in
      var at = 0
      func put(_ source: UnsafeRawBufferPointer) {
        guard source.count > 0 else { return }
        UnsafeMutableRawBufferPointer(
          UnsafeMutableBufferPointer(rebasing: buffer[at..<(at + source.count)])
        )
        .copyMemory(from: source)
        at += source.count
      }
      for piece in pieces {
        switch piece {
        case .original(let range):
          let from = lines[range.lowerBound].lowerBound
          let to = lines[range.upperBound - 1].upperBound
          put(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[from..<to])))
        case .new(let text):
          var text = text
          text.withUTF8 { put(UnsafeRawBufferPointer($0)) }
        }
        buffer[at] = UInt8(ascii: "\n")
        at += 1
      }
      return at
    }
  }
}
