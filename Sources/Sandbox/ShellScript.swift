/// A deliberately small reading of shell scripts, for deciding whether a script is
/// harmless: plain words (quoted or not) joined by `&&`, `||`, `;`, `|` and newlines.
/// Anything else — redirection, `$` expansion or substitution, backquotes, subshells,
/// braces, background jobs, comments, here-documents — makes `parse` return nil.
enum ShellScript {
  /// The simple commands of the script, each as its words; nil when the script uses
  /// anything beyond plain words and the four operators.
  static func parse(_ script: String) -> [[String]]? {
    var commands: [[String]] = []
    var words: [String] = []
    var word = ""
    var inWord = false
    var chars = Array(script.unicodeScalars)[...]

    func endWord() {
      if inWord { words.append(word) }
      word = ""
      inWord = false
    }
    func endCommand() -> Bool {
      endWord()
      guard !words.isEmpty else { return false }
      commands.append(words)
      words = []
      return true
    }

    while let c = chars.popFirst() {
      switch c {
      case " ", "\t":
        endWord()
      case "\n", ";":
        endWord()
        if !words.isEmpty { _ = endCommand() }
      case "&":
        guard chars.first == "&" else { return nil }  // a lone & starts a background job
        chars.removeFirst()
        guard endCommand() else { return nil }
      case "|":
        if chars.first == "|" { chars.removeFirst() }
        guard chars.first != "&" else { return nil }  // |& redirects stderr
        guard endCommand() else { return nil }
      case "'":
        inWord = true
        guard let close = chars.firstIndex(of: "'") else { return nil }
        word.unicodeScalars.append(contentsOf: chars[chars.startIndex..<close])
        chars = chars[(close + 1)...]
      case "\"":
        inWord = true
        while true {
          guard let next = chars.popFirst() else { return nil }
          if next == "\"" { break }
          if next == "$" || next == "`" { return nil }
          if next == "\\" {
            guard let escaped = chars.popFirst() else { return nil }
            if !["\"", "\\", "\n"].contains(escaped) { word.unicodeScalars.append("\\") }
            if escaped != "\n" { word.unicodeScalars.append(escaped) }
            continue
          }
          word.unicodeScalars.append(next)
        }
      case "\\":
        guard let escaped = chars.popFirst() else { return nil }
        if escaped == "\n" { continue }
        inWord = true
        word.unicodeScalars.append(escaped)
      case "$", "`", "<", ">", "(", ")", "{", "}", "!":
        return nil
      case "#" where !inWord:
        return nil
      default:
        inWord = true
        word.unicodeScalars.append(c)
      }
    }
    endWord()
    if !words.isEmpty {
      commands.append(words)
    } else if !commands.isEmpty {
      return nil  // a trailing operator such as `ls &&`
    }
    return commands.isEmpty ? nil : commands
  }
}
