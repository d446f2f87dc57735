/// A place in a TOML source text.
///
/// `line` and `column` are 1-based and count Unicode scalars, as an editor shows them;
/// `offset` is the 0-based byte offset into the UTF-8 text, used by format-preserving edits.
public struct SourcePosition: Sendable, Hashable, CustomStringConvertible {
  /// The 1-based line.
  public var line: Int
  /// The 1-based column, counted in characters.
  public var column: Int
  /// The 0-based byte offset in the source.
  public var offset: Int

  /// A position from its three coordinates.
  public init(line: Int, column: Int, offset: Int) {
    self.line = line
    self.column = column
    self.offset = offset
  }

  /// `LINE:COL`, as error messages show it.
  public var description: String { "\(line):\(column)" }
}
