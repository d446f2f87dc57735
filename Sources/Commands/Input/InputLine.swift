/// What one line of input means: the interpreter's single reading of lines from the
/// REPL, from `.codex` scripts and from `codex exec`.
public enum InputLine: Sendable, Equatable {
  case empty
  /// Text for the model.
  case prompt(String)
  /// `/name args...`; `argumentColumns` are the 1-based columns of each argument.
  case command(name: String, arguments: [String], argumentColumns: [Int])
  /// `!command`: a shell command run under the current sandbox.
  case shell(String)

  /// Reads a line. Slash-command arguments are split like shell words: white space
  /// separates them, single and double quotes group, a backslash escapes.
  public static func parse(_ line: String) throws(InputError) -> InputLine {
    let trimmed = line.trimmingCharacters(in: .whitespaces)
    if trimmed.isEmpty { return .empty }
    if trimmed.hasPrefix("!") {
      let command = String(trimmed.dropFirst()).trimmingCharacters(in: .whitespaces)
      guard !command.isEmpty else {
        throw InputError(message: "`!` needs a command, e.g. !git status", column: 1)
      }
      return .shell(command)
    }
    // A path such as /usr/bin is text, not a command: commands are single words.
    guard trimmed.hasPrefix("/"), let first = trimmed.dropFirst().first, first.isLetter else {
      return .prompt(line)
    }
    let leading = line.prefix { $0 == " " || $0 == "\t" }.count
    let words = try Words.split(String(trimmed.dropFirst()), startColumn: leading + 2)
    guard let name = words.first else { return .prompt(line) }
    if name.text.contains("/") { return .prompt(line) }
    return .command(
      name: name.text, arguments: words.dropFirst().map(\.text),
      argumentColumns: words.dropFirst().map(\.column))
  }
}

/// A line that cannot be read, with the 1-based column of the problem.
public struct InputError: Error, Sendable, Equatable, CustomStringConvertible {
  /// What is wrong.
  public var message: String
  /// Where, 1-based.
  public var column: Int
  /// An error at `column`.
  public init(message: String, column: Int) {
    self.message = message
    self.column = column
  }
  /// The message.
  public var description: String { message }
}

/// Shell-like word splitting with columns.
enum Words {
  struct Word: Equatable {
    var text: String
    var column: Int
  }

  static func split(_ text: String, startColumn: Int) throws(InputError) -> [Word] {
    var words: [Word] = []
    var current = ""
    var start: Int?
    var quote: Character?
    var quoteColumn = 0
    var escaped = false
    var column = startColumn - 1
    for character in text {
      column += 1
      if escaped {
        current.append(character)
        escaped = false
        continue
      }
      if let open = quote {
        if character == open {
          quote = nil
        } else if character == "\\" && open == "\"" {
          escaped = true
        } else {
          current.append(character)
        }
        continue
      }
      switch character {
      case " ", "\t":
        if let begin = start {
          words.append(Word(text: current, column: begin))
          current = ""
          start = nil
        }
      case "'", "\"":
        quote = character
        quoteColumn = column
        if start == nil { start = column }
      case "\\":
        escaped = true
        if start == nil { start = column }
      default:
        current.append(character)
        if start == nil { start = column }
      }
    }
    if quote != nil { throw InputError(message: "unclosed quote", column: quoteColumn) }
    if let begin = start { words.append(Word(text: current, column: begin)) }
    return words
  }
}
