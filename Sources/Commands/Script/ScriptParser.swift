import Agent

/// Reads a `.codex` file into steps: a first `#!` line is ignored, `#` lines are
/// comments, `/...` is a slash command, `!...` a shell step, `"""` opens and closes a
/// literal prompt block, and other non-blank lines form a prompt paragraph that a blank
/// line, a command, a shell step or the end sends. Variables are substituted as it reads.
public enum ScriptParser {
  /// Splits a script into steps (comments, commands, shell steps, prompt paragraphs,
  /// literal blocks) with variables substituted; every problem is returned with its
  /// position, none stops the parse.
  public static func parse(_ text: String, file: String, variables: ScriptVariables) -> (
    steps: [ScriptStep], errors: [ScriptError]
  ) {
    var steps: [ScriptStep] = []
    var errors: [ScriptError] = []
    var paragraph: [String] = []
    var paragraphStart = 0
    var block: [String]?
    var blockStart = 0

    func substitute(_ text: String, line: Int, columnOffset: Int = 0) -> String {
      switch variables.substitute(text) {
      case .success(let value): return value
      case .failure(let error):
        errors.append(
          ScriptError(
            ScriptLocation(file: file, line: line, column: error.column + columnOffset),
            error.message))
        return text
      }
    }
    func flushParagraph() {
      guard !paragraph.isEmpty else { return }
      steps.append(
        ScriptStep(
          kind: .prompt(paragraph.joined(separator: "\n")),
          location: ScriptLocation(file: file, line: paragraphStart),
          text: paragraph[0]))
      paragraph = []
    }

    for (index, line) in TextLines.split(text).enumerated() {
      let number = index + 1
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if var lines = block {
        if trimmed == "\"\"\"" {
          steps.append(
            ScriptStep(
              kind: .prompt(lines.joined(separator: "\n")),
              location: ScriptLocation(file: file, line: blockStart),
              text: "\"\"\" " + (lines.first ?? "")))
          block = nil
        } else {
          lines.append(substitute(line, line: number))
          block = lines
        }
        continue
      }
      if number == 1 && line.hasPrefix("#!") { continue }
      if trimmed.isEmpty {
        flushParagraph()
        continue
      }
      if trimmed.hasPrefix("#") { continue }
      if trimmed == "\"\"\"" {
        flushParagraph()
        block = []
        blockStart = number
        continue
      }
      if trimmed.hasPrefix("!") {
        flushParagraph()
        let command = String(trimmed.dropFirst()).trimmingCharacters(in: .whitespaces)
        if command.isEmpty {
          errors.append(
            ScriptError(
              ScriptLocation(file: file, line: number, column: leadingWidth(line) + 1),
              "`!` needs a command, e.g. !git status"))
        } else {
          steps.append(
            ScriptStep(
              kind: .shell(
                substitute(command, line: number, columnOffset: line.count - command.count)),
              location: ScriptLocation(file: file, line: number, column: leadingWidth(line) + 1),
              text: trimmed))
        }
        continue
      }
      let substituted = substitute(line, line: number)
      let input: InputLine
      do {
        input = try InputLine.parse(substituted)
      } catch {
        flushParagraph()
        errors.append(
          ScriptError(ScriptLocation(file: file, line: number, column: error.column), error.message)
        )
        continue
      }
      if case .command(let name, let arguments, _) = input {
        flushParagraph()
        let afterSlash = substituted.drop { $0 == " " || $0 == "\t" }.dropFirst()
        let raw = afterSlash.dropFirst(name.count).trimmingCharacters(in: .whitespaces)
        steps.append(
          ScriptStep(
            kind: .command(name: name, arguments: arguments, raw: raw),
            location: ScriptLocation(file: file, line: number, column: leadingWidth(line) + 1),
            text: trimmed))
        continue
      }
      if paragraph.isEmpty { paragraphStart = number }
      paragraph.append(substituted)
    }
    flushParagraph()
    if block != nil {
      errors.append(
        ScriptError(
          ScriptLocation(file: file, line: blockStart),
          "this \"\"\" block is never closed; end it with a line holding only \"\"\""))
    }
    return (steps, errors)
  }

  private static func leadingWidth(_ line: String) -> Int {
    line.prefix { $0 == " " || $0 == "\t" }.count
  }
}
