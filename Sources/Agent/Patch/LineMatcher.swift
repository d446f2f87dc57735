/// Finds a run of lines in a file, trying ever looser comparisons: exact, ignoring
/// trailing white space, ignoring surrounding white space, then with typographic
/// punctuation (curly quotes, dashes, non-breaking spaces) read as ASCII.
enum LineMatcher {
  static let levels: [@Sendable (String) -> String] = [
    { $0 },
    { String($0.reversed().drop(while: \.isWhitespace).reversed()) },
    { $0.trimmingCharacters(in: .whitespaces) },
    { normalizePunctuation($0.trimmingCharacters(in: .whitespaces)) },
  ]

  /// The index where `needle` starts in `haystack` at or after `start`; with `fromEnd`,
  /// the last such place (changes marked `*** End of File`).
  static func find<Line: StringProtocol>(
    _ needle: [String], in haystack: [Line], from start: Int, fromEnd: Bool = false
  ) -> Int? {
    if needle.isEmpty { return fromEnd ? haystack.count : start }
    guard needle.count <= haystack.count else { return nil }
    let last = haystack.count - needle.count
    guard start <= last else { return nil }
    // Candidates walked in order, forwards or from the end, without building a list: a
    // file has many lines and a patch many hunks.
    func first(where matches: (Int) -> Bool) -> Int? {
      if fromEnd {
        var index = last
        while index >= start {
          if matches(index) { return index }
          index -= 1
        }
      } else {
        for index in start...last where matches(index) { return index }
      }
      return nil
    }
    // Exact first, comparing in place: the common case copies nothing.
    if let index = first(where: { index in
      var offset = 0
      while offset < needle.count && haystack[index + offset] == needle[offset] { offset += 1 }
      return offset == needle.count
    }) {
      return index
    }
    for normalize in levels.dropFirst() {
      let wanted = needle.map(normalize)
      if let index = first(where: { index in
        (0..<needle.count).allSatisfy { normalize(String(haystack[index + $0])) == wanted[$0] }
      }) {
        return index
      }
    }
    return nil
  }

  static func normalizePunctuation(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\u{2018}", "\u{2019}", "\u{201A}", "\u{201B}": out += "'"
      case "\u{201C}", "\u{201D}", "\u{201E}", "\u{201F}": out += "\""
      case "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}", "\u{2015}", "\u{2212}":
        out += "-"
      case "\u{00A0}", "\u{2002}", "\u{2003}", "\u{2007}", "\u{2009}", "\u{202F}": out += " "
      case "\u{2026}": out += "..."
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}
