/// A place in a TOML source text.
///
/// `line` and `column` are 1-based and count Unicode scalars, as an editor shows them;
/// `offset` is the 0-based byte offset into the UTF-8 text, used by format-preserving edits.
public struct SourcePosition: Sendable, Hashable, CustomStringConvertible {
  // Every key and value of a parsed document carries a position: its three numbers are
  // stored in 32 bits each so that a position (and so every value) stays small. The
  // parser refuses texts of 4 GiB or more, so a parsed offset always fits.
  private var storedLine: UInt32
  private var storedColumn: UInt32
  private var storedOffset: UInt32

  /// The 0-based byte offset in the source.
  public var offset: Int {
    get { Int(storedOffset) }
    set { storedOffset = UInt32(clamping: newValue) }
  }

  /// The 1-based line.
  public var line: Int {
    get { Int(storedLine) }
    set { storedLine = UInt32(clamping: newValue) }
  }

  /// The 1-based column, counted in characters.
  public var column: Int {
    get { Int(storedColumn) }
    set { storedColumn = UInt32(clamping: newValue) }
  }

  /// A position from its three coordinates.
  public init(line: Int, column: Int, offset: Int) {
    storedLine = UInt32(clamping: line)
    storedColumn = UInt32(clamping: column)
    storedOffset = UInt32(clamping: offset)
  }

  /// `LINE:COL`, as error messages show it.
  public var description: String { "\(line):\(column)" }
}
