/// Words of command lines for matching rules against: a POSIX-like split (quotes and
/// backslashes), and a lenient reading of scripts that finds the leading words of every
/// command in them, whatever else the script does.
enum ShellWords {
  /// The words of one command line, as `shlex.split` gives them; nil when a quote is
  /// left open.
  static func split(_ text: String) -> [String]? {
    var words: [String] = []
    var word = ""
    var inWord = false
    var chars = Array(text)[...]
    while let c = chars.popFirst() {
      switch c {
      case " ", "\t", "\n":
        if inWord { words.append(word) }
        word = ""
        inWord = false
      case "'", "\"":
        inWord = true
        guard let close = chars.firstIndex(of: c) else { return nil }
        word += String(chars[chars.startIndex..<close])
        chars = chars[(close + 1)...]
      case "\\":
        inWord = true
        if let next = chars.popFirst() { word.append(next) }
      default:
        inWord = true
        word.append(c)
      }
    }
    if inWord { words.append(word) }
    return words
  }

  /// The leading plain words of each command a script runs, for `forbidden` and
  /// `prompt` rules: commands are cut at `;`, `&`, `|`, newlines, parentheses, braces,
  /// backquotes and `$(`; a command's words stop at its first redirection. Quotes are
  /// removed, nothing is expanded. This finds `git push` in
  /// `cd x && (git push origin main > /dev/null)`, which the strict parse refuses to read.
  static func leadingCommands(_ script: String) -> [[String]] {
    var commands: [[String]] = []
    var words: [String] = []
    var word = ""
    var inWord = false
    var redirected = false
    var chars = Array(script)[...]
    func endWord() {
      if inWord && !redirected { words.append(word) }
      word = ""
      inWord = false
    }
    func endCommand() {
      endWord()
      if !words.isEmpty { commands.append(words) }
      words = []
      redirected = false
    }
    while let c = chars.popFirst() {
      switch c {
      case " ", "\t":
        endWord()
      case "\n", ";", "&", "|", "(", ")", "{", "}", "`":
        endCommand()
      case "$" where chars.first == "(":
        chars.removeFirst()
        endCommand()
      case "<", ">":
        endWord()
        redirected = true
      case "'", "\"":
        inWord = true
        if let close = chars.firstIndex(of: c) {
          word += String(chars[chars.startIndex..<close])
          chars = chars[(close + 1)...]
        } else {
          word += String(chars)
          chars = []
        }
      case "\\":
        inWord = true
        if let next = chars.popFirst(), next != "\n" { word.append(next) }
      case "#" where !inWord:
        while let next = chars.first, next != "\n" { chars.removeFirst() }
      default:
        inWord = true
        word.append(c)
      }
    }
    endCommand()
    // `env A=1 git push` and `A=1 git push` run `git push`.
    return commands.map { command in
      var rest = command[...]
      if rest.first == "env" { rest = rest.dropFirst() }
      while let first = rest.first, first.contains("="), !first.hasPrefix("-"),
        first.first != "="
      {
        rest = rest.dropFirst()
      }
      return Array(rest)
    }.filter { !$0.isEmpty }
  }
}
