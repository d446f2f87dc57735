/// Reads the part of Starlark that Codex's `.rules` files use: function calls with
/// keyword arguments whose values are strings, lists and `True`/`False`/`None`, with
/// comments, blank lines and trailing commas. Each call becomes a `RuleCall`; anything
/// else is an error naming the file, line and column.
struct RuleFileParser {
  /// A value of a keyword argument.
  indirect enum Value: Equatable {
    case string(String)
    case list([Value])
    case bool(Bool)
    case none
  }

  /// One call, `name(key = value, ...)`, with where it starts.
  struct Call {
    var name: String
    var arguments: [(key: String, value: Value, line: Int, column: Int)]
    var line: Int
    var column: Int
  }

  private enum Token: Equatable {
    case identifier(String)
    case string(String)
    case symbol(Character)
    case end
  }

  private let file: String
  private var tokens: [(token: Token, line: Int, column: Int)] = []
  private var index = 0

  /// Splits `text` into tokens; a string left open or a character Starlark rules never
  /// use is an error.
  init(file: String, text: String) throws(RuleFileError) {
    self.file = file
    var line = 1
    var column = 1
    var chars = Array(text)[...]
    func fail(_ message: String, _ l: Int, _ c: Int) -> RuleFileError {
      RuleFileError(file: file, line: l, column: c, message: message)
    }
    func advance() -> Character? {
      guard let c = chars.popFirst() else { return nil }
      if c == "\n" {
        line += 1
        column = 1
      } else {
        column += 1
      }
      return c
    }
    while let c = chars.first {
      let (startLine, startColumn) = (line, column)
      if c == "#" {
        while let next = chars.first, next != "\n" { _ = advance() }
      } else if c.isWhitespace {
        _ = advance()
      } else if c == "\"" || c == "'" {
        _ = advance()
        var value = ""
        var closed = false
        while let next = advance() {
          if next == c {
            closed = true
            break
          }
          if next == "\n" { break }
          if next == "\\" {
            guard let escaped = advance() else { break }
            switch escaped {
            case "n": value.append("\n")
            case "t": value.append("\t")
            case "\\", "\"", "'": value.append(escaped)
            default:
              value.append("\\")
              value.append(escaped)
            }
            continue
          }
          value.append(next)
        }
        guard closed else {
          throw fail("string not closed on this line", startLine, startColumn)
        }
        tokens.append((.string(value), startLine, startColumn))
      } else if c.isLetter || c == "_" {
        var name = ""
        while let next = chars.first, next.isLetter || next.isNumber || next == "_" {
          name.append(next)
          _ = advance()
        }
        tokens.append((.identifier(name), startLine, startColumn))
      } else if "()[]=,".contains(c) {
        _ = advance()
        tokens.append((.symbol(c), startLine, startColumn))
      } else {
        throw fail(
          "unexpected `\(c)`: a rules file holds calls such as prefix_rule(pattern = [...])",
          startLine, startColumn)
      }
    }
    tokens.append((.end, line, column))
  }

  /// Every call in the file, in order.
  mutating func calls() throws(RuleFileError) -> [Call] {
    var calls: [Call] = []
    while tokens[index].token != .end {
      calls.append(try call())
    }
    return calls
  }

  private mutating func call() throws(RuleFileError) -> Call {
    let start = tokens[index]
    guard case .identifier(let name) = start.token else {
      throw error("expected a call such as prefix_rule(...)", at: start)
    }
    index += 1
    try expect("(", after: name)
    var arguments: [(key: String, value: Value, line: Int, column: Int)] = []
    while tokens[index].token != .symbol(")") {
      let keyToken = tokens[index]
      guard case .identifier(let key) = keyToken.token else {
        throw error("expected a keyword argument (`name = value`) or `)`", at: keyToken)
      }
      index += 1
      try expect("=", after: key)
      if arguments.contains(where: { $0.key == key }) {
        throw error("`\(key)` is given twice", at: keyToken)
      }
      arguments.append((key, try value(), keyToken.line, keyToken.column))
      if tokens[index].token == .symbol(",") {
        index += 1
      } else if tokens[index].token != .symbol(")") {
        throw error("expected `,` or `)`", at: tokens[index])
      }
    }
    index += 1
    return Call(name: name, arguments: arguments, line: start.line, column: start.column)
  }

  private mutating func value() throws(RuleFileError) -> Value {
    let token = tokens[index]
    index += 1
    switch token.token {
    case .string(let text):
      return .string(text)
    case .identifier("True"): return .bool(true)
    case .identifier("False"): return .bool(false)
    case .identifier("None"): return .none
    case .symbol("["):
      var items: [Value] = []
      while tokens[index].token != .symbol("]") {
        items.append(try value())
        if tokens[index].token == .symbol(",") {
          index += 1
        } else if tokens[index].token != .symbol("]") {
          throw error("expected `,` or `]`", at: tokens[index])
        }
      }
      index += 1
      return .list(items)
    default:
      throw error("expected a string, a list, True, False or None", at: token)
    }
  }

  private mutating func expect(_ symbol: Character, after name: String) throws(RuleFileError) {
    guard tokens[index].token == .symbol(symbol) else {
      throw error("expected `\(symbol)` after `\(name)`", at: tokens[index])
    }
    index += 1
  }

  private func error(_ message: String, at token: (token: Token, line: Int, column: Int))
    -> RuleFileError
  {
    let found = token.token == .end ? "; the file ends here" : ""
    return RuleFileError(
      file: file, line: token.line, column: token.column, message: message + found)
  }
}
