/// Joins the physical lines a person types into whole inputs: a line `"""` opens a
/// block that a line `"""` closes (its text is a prompt taken literally, even lines that
/// start with `/` or `!`), and a line ending in `\` continues on the next line.
public struct InputAssembler: Sendable {
  /// One whole input.
  public enum Input: Sendable, Equatable {
    /// A line for `InputLine.parse`.
    case line(String)
    /// The text of a `"""` block: always a prompt.
    case literal(String)
  }

  private var pending: [String] = []
  private var inBlock = false

  /// An assembler with nothing pending.
  public init() {}

  /// Whether the next line continues an unfinished input (for a continuation prompt).
  public var isContinuing: Bool { inBlock || !pending.isEmpty }

  /// Adds a line; returns the input it completes, if any.
  public mutating func add(_ line: String) -> Input? {
    let isFence = line.trimmingCharacters(in: .whitespaces) == "\"\"\""
    if inBlock {
      guard isFence else {
        pending.append(line)
        return nil
      }
      let text = pending.joined(separator: "\n")
      reset()
      return .literal(text)
    }
    if isFence && pending.isEmpty {
      inBlock = true
      return nil
    }
    if line.hasSuffix("\\") {
      pending.append(String(line.dropLast()))
      return nil
    }
    pending.append(line)
    let first = pending[0].trimmingCharacters(in: .whitespaces)
    // A command stays one line; a prompt keeps the line breaks the person typed.
    let separator = first.hasPrefix("/") || first.hasPrefix("!") ? " " : "\n"
    let text = pending.joined(separator: separator)
    reset()
    return .line(text)
  }

  /// Drops an unfinished input (Ctrl-C).
  public mutating func reset() {
    pending = []
    inBlock = false
  }
}
