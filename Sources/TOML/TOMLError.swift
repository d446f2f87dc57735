/// A problem found while reading TOML, with where it is and how the line looks.
///
/// Its description has the form `NAME:LINE:COL: message`, then the source line and
/// a caret under the column, so a user can find and fix it without guessing.
public struct TOMLError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The name of the source, usually a file path; empty for anonymous text.
  public var sourceName: String
  /// Where the problem is.
  public var position: SourcePosition
  /// What is wrong and, where it can say, how to fix it.
  public var message: String
  /// The source line the error points into, cut to a readable length.
  public var excerpt: String
  /// The caret's column within `excerpt` (differs from the position's column when a
  /// long line was cut).
  public var excerptColumn: Int

  /// An error at `position` of `sourceName`, showing `excerpt` (the line it points into).
  public init(
    sourceName: String, position: SourcePosition, message: String, excerpt: String = "",
    excerptColumn: Int? = nil
  ) {
    self.sourceName = sourceName
    self.position = position
    self.message = message
    self.excerpt = excerpt
    self.excerptColumn = excerptColumn ?? position.column
  }

  /// `NAME:LINE:COL: message` without the excerpt.
  public var summary: String {
    let name = sourceName.isEmpty ? "<input>" : sourceName
    return "\(name):\(position.line):\(position.column): \(message)"
  }

  /// `NAME:LINE:COL: message`, the source line and a caret under the column.
  public var description: String {
    guard !excerpt.isEmpty else { return summary }
    let gutter = String(position.line)
    let pad = String(repeating: " ", count: gutter.count)
    let caretColumn = max(1, min(excerptColumn, excerpt.unicodeScalars.count + 1))
    let caret = String(repeating: " ", count: caretColumn - 1) + "^"
    return "\(summary)\n \(gutter) | \(excerpt)\n \(pad) | \(caret)"
  }
}
