/// Line splitting that treats `\r\n` as a line break. (Swift's `Character` reads
/// `\r\n` as one character, so `split(separator: "\n")` would not break it.)
public enum TextLines {
  /// The lines of `text` split at `\n`; a `\r` before the break is removed. A text
  /// ending with a break gives a last empty line, as `split` does.
  public static func split(_ text: String) -> [String] {
    text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { line in
      let bytes = line.last == UInt8(ascii: "\r") ? line.dropLast() : line[...]
      return String(decoding: bytes, as: UTF8.self)
    }
  }

  /// The lines of `text` as slices of it (no copies), split as `split` does.
  public static func slices(_ text: String) -> [Substring] {
    var lines: [Substring] = []
    let utf8 = text.utf8
    var start = utf8.startIndex
    var index = start
    while index != utf8.endIndex {
      if utf8[index] == UInt8(ascii: "\n") {
        var end = index
        if end > start, utf8[utf8.index(before: end)] == UInt8(ascii: "\r") {
          end = utf8.index(before: end)
        }
        lines.append(text[start..<end])
        start = utf8.index(after: index)
      }
      index = utf8.index(after: index)
    }
    lines.append(text[start..<utf8.endIndex])
    return lines
  }
}
