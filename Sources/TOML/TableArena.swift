/// The tables of a document while it is read, kept by number in one array, so that
/// headers and dotted keys can reach back into tables made earlier.
///
/// Entries are stored as the finished `TOMLTable.Entry` values they will be; an entry
/// that holds a table (or an array of tables) still being built holds a placeholder:
/// an integer naming that table, without a position (every parsed value has one, so
/// the two cannot be confused, and no second array per table is needed). `finish`
/// moves every table out of the arena into its parent's entry once, bottom-up: no
/// leaf value is copied or converted a second time.
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
    /// Only for larger tables; small ones are searched linearly (see `TOMLTable`).
    var indexByKey: [String: Int]?
    /// How many entries are placeholders.
    var linkCount = 0
  }

  struct ArrayOfTables {
    var position: SourcePosition
    var tables: [Int]
  }

  private(set) var tables: [Table] = []
  private(set) var arrays: [ArrayOfTables] = []

  /// An arena with room for about `capacity` tables.
  init(capacity: Int = 0) {
    tables.reserveCapacity(capacity)
  }

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
    // Comparing lengths first is cheap and settles most pairs of different keys.
    let length = key.utf8.count
    return tables[table].entries.withUnsafeBufferPointer { entries in
      for offset in entries.indices
      where entries[offset].key.utf8.count == length && entries[offset].key == key {
        return offset
      }
      return nil
    }
  }

  /// The entry of `table` named by `part`; when there is none, a new empty table of
  /// `origin` is added under that name and returned as `made` (a header's or a dotted
  /// key's parent).
  mutating func findOrMakeTable(
    _ part: (name: String, position: SourcePosition), in table: Int, origin: Origin
  ) -> (found: Int, made: Int?) {
    if let found = find(part.name, in: table) { return (found, nil) }
    let made = makeTable(origin, at: part.position)
    add(part.name, table: made, keyPosition: part.position, to: table)
    return (tables[table].entries.count - 1, made)
  }

  func entry(_ index: Int, of table: Int) -> TOMLTable.Entry { tables[table].entries[index] }
  func link(_ index: Int, of table: Int) -> Link {
    guard tables[table].linkCount > 0 else { return .value }
    return Self.link(in: tables[table].entries[index].value)
  }

  private static func link(in value: TOMLValue) -> Link {
    guard value.position == nil, case .integer(let code) = value.kind else { return .value }
    return code & 1 == 0 ? .table(Int(code >> 1)) : .arrayOfTables(Int(code >> 1))
  }

  /// The element of array of tables `array` that headers write into now.
  func lastTable(of array: Int) -> Int { arrays[array].tables[arrays[array].tables.count - 1] }

  /// Adds a finished value under a key the table does not have yet.
  mutating func add(
    _ key: String, _ value: consuming TOMLValue, keyPosition: SourcePosition, to table: Int
  ) {
    append(
      TOMLTable.Entry(key: key, keyPosition: keyPosition, value: value), isLink: false, to: table)
  }

  /// Adds a table under construction under a key the table does not have yet.
  mutating func add(_ key: String, table child: Int, keyPosition: SourcePosition, to table: Int) {
    append(placeholder(key, keyPosition, code: child << 1), isLink: true, to: table)
  }

  /// Starts an array of tables under a key the table does not have yet, with its first
  /// element.
  mutating func addArray(_ key: String, first: Int, keyPosition: SourcePosition, to table: Int) {
    arrays.append(ArrayOfTables(position: tables[first].position, tables: [first]))
    append(
      placeholder(key, keyPosition, code: (arrays.count - 1) << 1 | 1), isLink: true, to: table)
  }

  mutating func appendElement(_ element: Int, to array: Int) {
    arrays[array].tables.append(element)
  }

  private func placeholder(_ key: String, _ position: SourcePosition, code: Int)
    -> TOMLTable.Entry
  {
    TOMLTable.Entry(key: key, keyPosition: position, value: TOMLValue(.integer(Int64(code))))
  }

  private mutating func append(_ entry: consuming TOMLTable.Entry, isLink: Bool, to table: Int) {
    let count = tables[table].entries.count
    if tables[table].indexByKey != nil { tables[table].indexByKey![entry.key] = count }
    if count == 0 { tables[table].entries.reserveCapacity(4) }
    tables[table].entries.append(entry)
    if isLink { tables[table].linkCount += 1 }
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
      for offset in entries.indices {
        switch Self.link(in: entries[offset].value) {
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
