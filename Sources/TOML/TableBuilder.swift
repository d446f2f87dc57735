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
  private(set) var children: [Child] = []
  /// Only for larger tables; small ones are searched linearly (see `TOMLTable`).
  private var indexByKey: [String: Int]?

  init(origin: Origin, position: SourcePosition) {
    self.origin = origin
    self.position = position
  }

  subscript(key: String) -> Child? {
    if let indexByKey { return indexByKey[key].map { children[$0] } }
    return keys.firstIndex(of: key).map { children[$0] }
  }

  func add(_ key: String, _ node: Node, keyPosition: SourcePosition) {
    indexByKey?[key] = keys.count
    keys.append(key)
    children.append(Child(node: node, keyPosition: keyPosition))
    if indexByKey == nil && keys.count > 8 {
      indexByKey = Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($1, $0) })
    }
  }

  /// The finished table. Keys are distinct by construction, so entries are appended as
  /// they are, with the builder's own key index.
  func build() -> TOMLValue {
    var entries: [TOMLTable.Entry] = []
    entries.reserveCapacity(children.count)
    for index in children.indices {
      let child = children[index]
      let value: TOMLValue
      switch child.node {
      case .value(let leaf): value = leaf
      case .table(let inner): value = inner.build()
      case .arrayOfTables(let array):
        value = TOMLValue(.array(array.tables.map { $0.build() }), position: array.position)
      }
      entries.append(
        TOMLTable.Entry(key: keys[index], keyPosition: child.keyPosition, value: value))
    }
    let table = TOMLTable(distinctEntries: entries, index: indexByKey)
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
