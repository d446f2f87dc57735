/// The tables of a document while it is read, kept by number in one array, so that
/// headers and dotted keys can reach back into tables made earlier.
///
/// Entries are stored as the finished `TOMLTable.Entry` values they will be; an entry
/// that holds a table (or an array of tables) still being built holds an empty
/// placeholder and the number of that table in `links`. `finish` moves every table out
/// of the arena into its parent's entry once, bottom-up: no leaf value is copied or
/// converted a second time.
struct TableArena {
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

  /// What an entry of a table under construction holds.
  enum Link: Equatable {
    /// A finished value.
    case value
    /// The table with this number.
    case table(Int)
    /// The array of tables with this number.
    case arrayOfTables(Int)
  }

  struct Table {
    var origin: Origin
    var position: SourcePosition
    var entries: [TOMLTable.Entry] = []
    /// One per entry; parallel to `entries`.
    var links: [Link] = []
    /// Only for larger tables; small ones are searched linearly (see `TOMLTable`).
    var indexByKey: [String: Int]?
    var linkCount = 0
  }

  struct ArrayOfTables {
    var position: SourcePosition
    var tables: [Int]
  }

  private(set) var tables: [Table] = []
  private(set) var arrays: [ArrayOfTables] = []

  /// A new empty table; returns its number.
  mutating func makeTable(_ origin: Origin, at position: SourcePosition) -> Int {
    tables.append(Table(origin: origin, position: position))
    return tables.count - 1
  }

  func origin(of table: Int) -> Origin { tables[table].origin }

  /// A table made implicitly, now defined by its own header.
  mutating func define(_ table: Int, at position: SourcePosition) {
    tables[table].origin = .header
    tables[table].position = position
  }

  /// The index of `key`'s entry in `table`, if it has one.
  func find(_ key: String, in table: Int) -> Int? {
    if let index = tables[table].indexByKey { return index[key] }
    return tables[table].entries.withUnsafeBufferPointer { entries in
      for offset in entries.indices where entries[offset].key == key { return offset }
      return nil
    }
  }

  func entry(_ index: Int, of table: Int) -> TOMLTable.Entry { tables[table].entries[index] }
  func link(_ index: Int, of table: Int) -> Link { tables[table].links[index] }

  /// The element of array of tables `array` that headers write into now.
  func lastTable(of array: Int) -> Int { arrays[array].tables[arrays[array].tables.count - 1] }

  /// Adds a finished value under a key the table does not have yet.
  mutating func add(_ key: String, _ value: TOMLValue, keyPosition: SourcePosition, to table: Int) {
    append(
      TOMLTable.Entry(key: key, keyPosition: keyPosition, value: value), link: .value, to: table)
  }

  /// Adds a table under construction under a key the table does not have yet.
  mutating func add(_ key: String, table child: Int, keyPosition: SourcePosition, to table: Int) {
    append(placeholder(key, keyPosition), link: .table(child), to: table)
  }

  /// Starts an array of tables under a key the table does not have yet, with its first
  /// element.
  mutating func addArray(_ key: String, first: Int, keyPosition: SourcePosition, to table: Int) {
    arrays.append(ArrayOfTables(position: tables[first].position, tables: [first]))
    append(placeholder(key, keyPosition), link: .arrayOfTables(arrays.count - 1), to: table)
  }

  mutating func appendElement(_ element: Int, to array: Int) {
    arrays[array].tables.append(element)
  }

  private func placeholder(_ key: String, _ position: SourcePosition) -> TOMLTable.Entry {
    TOMLTable.Entry(key: key, keyPosition: position, value: TOMLValue(.boolean(false)))
  }

  private mutating func append(_ entry: TOMLTable.Entry, link: Link, to table: Int) {
    let count = tables[table].entries.count
    tables[table].indexByKey?[entry.key] = count
    if link != .value { tables[table].linkCount += 1 }
    tables[table].entries.append(entry)
    tables[table].links.append(link)
    if count + 1 > TOMLTable.indexThreshold && tables[table].indexByKey == nil {
      var index: [String: Int] = [:]
      index.reserveCapacity(count * 2)
      for (offset, entry) in tables[table].entries.enumerated() { index[entry.key] = offset }
      tables[table].indexByKey = index
    }
  }

  /// Moves table `table` and everything under it out of the arena as a finished value.
  mutating func finish(_ table: Int) -> TOMLValue {
    var entries: [TOMLTable.Entry] = []
    swap(&entries, &tables[table].entries)
    if tables[table].linkCount > 0 {
      var links: [Link] = []
      swap(&links, &tables[table].links)
      for (offset, link) in links.enumerated() {
        switch link {
        case .value: continue
        case .table(let child): entries[offset].value = finish(child)
        case .arrayOfTables(let array):
          let elements = arrays[array].tables.map { finish($0) }
          entries[offset].value = TOMLValue(.array(elements), position: arrays[array].position)
        }
      }
    }
    let index = tables[table].indexByKey
    tables[table].indexByKey = nil
    let finished = TOMLTable(distinctEntries: entries, index: index)
    return TOMLValue(.table(finished), position: tables[table].position)
  }

  /// Forgets tables numbered `count` and above (an inline table once finished).
  mutating func truncate(to count: Int) {
    tables.removeSubrange(count...)
  }
}
