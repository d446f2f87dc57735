/// One top-level line of a TOML document as written: a table header or a key/value
/// pair (which may span several lines when its value does).
struct TOMLStatement {
  enum Kind {
    case header([String], isArray: Bool)
    case keyValue([String])
  }

  var kind: Kind
  /// From the start of the statement's first line to just after its line break.
  var lineRange: Range<Int>
  /// The value's text, for key/value pairs.
  var valueRange: Range<Int>?
}
