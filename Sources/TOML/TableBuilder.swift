/// Mutable tables used while parsing, so that headers and dotted keys can reach into
/// tables made earlier; turned into `TOMLTable` values when the document is done.
final class TableBuilder {
  /// How a table came to exist decides what may still be added to it later.
  enum Origin {
    /// Made as a parent of a `[header]`: a later `[header]` may still define it once.
    case implicit
    /// Defined by its own `[header]` (or an element of `[[array]]`).
    case header
    /// Made by a dotted key such as `a.b = 1`: further dotted keys may extend it.
    case dotted
    /// An inline table under construction.
    case inline
  }

  enum Node {
    case value(TOMLValue)
    case table(TableBuilder)
    case arrayOfTables(ArrayOfTablesBuilder)
  }

  struct Child {
    var node: Node
    var keyPosition: SourcePosition
  }

  var origin: Origin
  var position: SourcePosition
  private(set) var keys: [String] = []
  private(set) var children: [String: Child] = [:]

  init(origin: Origin, position: SourcePosition) {
    self.origin = origin
    self.position = position
  }

  subscript(key: String) -> Child? { children[key] }

  func add(_ key: String, _ node: Node, keyPosition: SourcePosition) {
    keys.append(key)
    children[key] = Child(node: node, keyPosition: keyPosition)
  }

  func build() -> TOMLValue {
    var table = TOMLTable()
    for key in keys {
      guard let child = children[key] else { continue }
      let value: TOMLValue
      switch child.node {
      case .value(let leaf): value = leaf
      case .table(let inner): value = inner.build()
      case .arrayOfTables(let array):
        value = TOMLValue(.array(array.tables.map { $0.build() }), position: array.position)
      }
      table.set(key, value, keyPosition: child.keyPosition)
    }
    return TOMLValue(.table(table), position: position)
  }
}

final class ArrayOfTablesBuilder {
  var tables: [TableBuilder]
  let position: SourcePosition

  init(first: TableBuilder) {
    tables = [first]
    position = first.position
  }
}
