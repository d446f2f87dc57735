/// Makes the one-line source excerpt shown under an error message.
enum Excerpt {
  static let width = 100

  /// The line as printable text: tabs become spaces and control characters `?`,
  /// so the caret lines up. A long line is cut to a window around the column; the
  /// second result is the caret's column within the returned text.
  static func make(_ line: ArraySlice<UInt8>, column: Int) -> (text: String, column: Int) {
    var scalars = Array(String(decoding: line, as: UTF8.self).unicodeScalars)
    for i in scalars.indices where scalars[i].value < 0x20 || scalars[i].value == 0x7F {
      scalars[i] = scalars[i] == "\t" ? " " : "?"
    }
    var start = 0
    var stop = scalars.count
    if scalars.count > width {
      start = max(0, min(column - 1 - width / 2, scalars.count - width))
      stop = min(scalars.count, start + width)
    }
    var text = start > 0 ? "… " : ""
    text.unicodeScalars.append(contentsOf: scalars[start..<stop])
    if stop < scalars.count { text += " …" }
    return (text, column - start + (start > 0 ? 2 : 0))
  }
}
