import Agent

/// Colours a unified diff: headers bold, hunk lines cyan, additions green, removals red.
public enum DiffRenderer {
  /// The diff's lines, at most `limit` of them (then a line saying how many were left out).
  public static func lines(_ diff: String, style: TerminalStyle, limit: Int? = nil) -> [String] {
    var lines = diff.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if lines.last == "" { lines.removeLast() }
    var hidden = 0
    if let limit, lines.count > limit {
      hidden = lines.count - limit
      lines = Array(lines.prefix(limit))
    }
    var out = lines.map { raw -> String in
      // A diff shows file contents: what is in them must not drive the terminal.
      let line = TerminalText.sanitize(raw)
      if line.hasPrefix("diff ") || line.hasPrefix("+++") || line.hasPrefix("---")
        || line.hasPrefix("index ") || line.hasPrefix("new file") || line.hasPrefix("deleted file")
      {
        return style.bold(line)
      }
      if line.hasPrefix("@@") { return style.cyan(line) }
      if line.hasPrefix("+") { return style.green(line) }
      if line.hasPrefix("-") { return style.red(line) }
      return line
    }
    if hidden > 0 { out.append(style.dim("… \(hidden) more diff lines (/diff shows them all)")) }
    return out
  }
}
