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
}
