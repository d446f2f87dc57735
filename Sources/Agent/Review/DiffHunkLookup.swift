/// Finds the part of a unified diff a review finding points at: the hunk of its file
/// whose new-side lines overlap the finding's range, trimmed to a few lines around it.
public enum DiffHunkLookup {
  /// The `@@` header and the lines of the hunk of `path` (relative to the repository)
  /// that covers `lines`, at most `context` lines either side of the range; nil when the
  /// diff does not touch those lines.
  public static func excerpt(
    in diff: String, path: String, lines: ClosedRange<Int>, context: Int = 3
  ) -> [String]? {
    var inFile = false
    var header: String?
    var body: [(text: String, newLine: Int?)] = []
    var newLine = 0
    var found: [String]?
    func finish() {
      guard found == nil, let header else { return }
      let numbered = body.compactMap(\.newLine)
      guard let first = numbered.first, let last = numbered.last,
        first <= lines.upperBound, last >= lines.lowerBound
      else { return }
      // Keep the lines near the range (removed lines sit between new-side neighbours).
      var kept: [String] = []
      var lastNumber = 0
      for line in body {
        let number = line.newLine ?? lastNumber
        if let numbered = line.newLine { lastNumber = numbered }
        if number >= lines.lowerBound - context && number <= lines.upperBound + context {
          kept.append(line.text)
        }
      }
      found = [header] + kept
    }
    for raw in diff.split(separator: "\n", omittingEmptySubsequences: false) {
      let line = String(raw)
      if line.hasPrefix("diff --git ") {
        finish()
        header = nil
        body = []
        // `diff --git a/PATH b/PATH`: the new name is the last, after " b/".
        inFile = line.hasSuffix(" b/" + path)
        continue
      }
      guard inFile else { continue }
      if line.hasPrefix("@@") {
        finish()
        header = line
        body = []
        newLine = Self.newStart(of: line) ?? 1
        continue
      }
      guard header != nil else { continue }
      if line.hasPrefix("+") {
        body.append((line, newLine))
        newLine += 1
      } else if line.hasPrefix("-") {
        body.append((line, nil))
      } else if line.hasPrefix("\\") {
        continue
      } else {
        body.append((line, newLine))
        newLine += 1
      }
    }
    finish()
    return found
  }

  /// `@@ -a,b +c,d @@` → c.
  static func newStart(of header: String) -> Int? {
    guard let plus = header.firstIndex(of: "+") else { return nil }
    let digits = header[header.index(after: plus)...].prefix { $0.isNumber }
    return Int(digits)
  }
}
