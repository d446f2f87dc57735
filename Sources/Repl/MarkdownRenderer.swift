/// Renders the model's Markdown one complete line at a time, as it streams: headings
/// bold, list bullets, quotes and fenced code in a dim frame, inline `code`, **bold**
/// and *emphasis*. Without colours the text is left exactly as the model wrote it.
public struct MarkdownRenderer: Sendable {
  /// Colours on or off; without them lines pass unchanged.
  public var style: TerminalStyle
  private var inCode = false

  /// A renderer outside any code block.
  public init(style: TerminalStyle) {
    self.style = style
  }

  /// One line of Markdown as styled text; fences open and close code blocks across calls.
  public mutating func render(_ line: String) -> String {
    guard style.colors else { return line }
    let trimmed = line.drop { $0 == " " }
    if trimmed.hasPrefix("```") {
      defer { inCode.toggle() }
      if inCode { return style.dim("└─") }
      let language = trimmed.dropFirst(3).trimmingCharacters(in: .whitespaces)
      return style.dim("┌─" + (language.isEmpty ? "" : " " + language))
    }
    if inCode { return style.dim("│ ") + line }
    let indent = String(line.prefix { $0 == " " })
    if let level = headingLevel(trimmed) {
      let text = inline(String(trimmed.dropFirst(level + 1)))
      return level == 1 ? style.bold(style.underline(text)) : style.bold(text)
    }
    if trimmed.hasPrefix("- ") || trimmed.hasPrefix("* ") || trimmed.hasPrefix("+ ") {
      return indent + "• " + inline(String(trimmed.dropFirst(2)))
    }
    if trimmed.hasPrefix(">") {
      return indent + style.dim("│ ") + inline(String(trimmed.dropFirst().drop { $0 == " " }))
    }
    if trimmed.count >= 3, trimmed.allSatisfy({ $0 == "-" || $0 == "*" || $0 == "_" }),
      Set(trimmed).count == 1
    {
      return style.dim(String(repeating: "─", count: 40))
    }
    return inline(line)
  }

  private func headingLevel(_ text: Substring) -> Int? {
    let hashes = text.prefix { $0 == "#" }.count
    guard (1...6).contains(hashes), text.dropFirst(hashes).first == " " else { return nil }
    return hashes
  }

  /// `code`, **bold**, *emphasis* and _emphasis_; markers without a closing partner
  /// stay as they are.
  func inline(_ text: String) -> String {
    var out = ""
    var rest = Substring(text)
    while let index = rest.firstIndex(where: { $0 == "`" || $0 == "*" || $0 == "_" }) {
      out += rest[..<index]
      let after = rest[index...]
      let marker: String
      if after.hasPrefix("`") {
        marker = "`"
      } else if after.hasPrefix("**") || after.hasPrefix("__") {
        marker = String(after.prefix(2))
      } else {
        marker = String(after.prefix(1))
      }
      let body = after.dropFirst(marker.count)
      // Emphasis must hug its text (`a * b` is not emphasis), and `_` inside words
      // (snake_case) is not a marker.
      let wordBefore = out.last.map { $0.isLetter || $0.isNumber } ?? false
      guard let close = body.range(of: marker), close.lowerBound > body.startIndex,
        marker == "`" || (body.first != " " && body[body.index(before: close.lowerBound)] != " "),
        !(marker.hasPrefix("_") && wordBefore)
      else {
        out += marker
        rest = body
        continue
      }
      let inner = String(body[..<close.lowerBound])
      switch marker {
      case "`": out += style.cyan(inner)
      case "**", "__": out += style.bold(inline(inner))
      default: out += style.italic(inline(inner))
      }
      rest = body[close.upperBound...]
    }
    return out + rest
  }
}
