/// A place in a TOML source text.
///
/// `line` and `column` are 1-based and count Unicode scalars, as an editor shows them;
/// `offset` is the 0-based byte offset into the UTF-8 text, used by format-preserving edits.
public struct SourcePosition: Sendable, Hashable, CustomStringConvertible {
  public var line: Int
  public var column: Int
  public var offset: Int

  public init(line: Int, column: Int, offset: Int) {
    self.line = line
    self.column = column
    self.offset = offset
  }

  public var description: String { "\(line):\(column)" }
}
