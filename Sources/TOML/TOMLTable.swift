/// A TOML table: keys in the order they were written, with their positions.
public struct TOMLTable: Sendable {
  /// One key of a table and its value.
  public struct Entry: Sendable {
    /// The key (one part; dotted keys make nested tables).
    public var key: String
    /// Where the key (its last part, for a dotted key) was written.
    public var keyPosition: SourcePosition?
    /// The value, with its own position.
    public var value: TOMLValue

    /// An entry; positions are nil for values built in code.
    public init(key: String, keyPosition: SourcePosition? = nil, value: TOMLValue) {
      self.key = key
      self.keyPosition = keyPosition
      self.value = value
    }
  }

  /// The entries in the order they were written.
  public private(set) var entries: [Entry] = []
  /// Built only for larger tables: most tables are small, and a linear search over a
  /// few keys is cheaper than hashing them.
  private var indexByKey: [String: Int]?
  static let indexThreshold = 8

  /// An empty table.
  public init() {}

  /// A table of entries whose keys are known to be distinct (a parsed table), with the
  /// key index its builder already has, if any: nothing is looked up or hashed again.
  init(distinctEntries: [Entry], index: [String: Int]?) {
    entries = distinctEntries
    indexByKey =
      index ?? (distinctEntries.count > Self.indexThreshold ? Self.index(of: distinctEntries) : nil)
  }

  private static func index(of entries: [Entry]) -> [String: Int] {
    var index: [String: Int] = [:]
    index.reserveCapacity(entries.count)
    for (offset, entry) in entries.enumerated() { index[entry.key] = offset }
    return index
  }

  /// A table of these keys, in this order.
  public init(_ pairs: KeyValuePairs<String, TOMLValue>) {
    for (key, value) in pairs { self[key] = value }
  }

  /// Whether the table has no keys.
  public var isEmpty: Bool { entries.isEmpty }
  /// The number of keys.
  public var count: Int { entries.count }
  /// The keys in the order they were written.
  public var keys: [String] { entries.map(\.key) }

  /// The entry for `key`, with its position.
  public func entry(_ key: String) -> Entry? {
    index(of: key).map { entries[$0] }
  }

  private func index(of key: String) -> Int? {
    if let indexByKey { return indexByKey[key] }
    return entries.firstIndex { $0.key == key }
  }

  /// Reading gives the value; writing replaces it in place or appends a new key;
  /// writing `nil` removes the key.
  public subscript(key: String) -> TOMLValue? {
    get { index(of: key).map { entries[$0].value } }
    set {
      if let newValue {
        set(key, newValue, keyPosition: nil)
      } else if let index = index(of: key) {
        entries.remove(at: index)
        if indexByKey != nil { rebuildIndex() }
      }
    }
  }

  /// Sets `key` to `value`, in place when it exists, else at the end.
  public mutating func set(_ key: String, _ value: TOMLValue, keyPosition: SourcePosition?) {
    if let index = index(of: key) {
      entries[index].value = value
      if keyPosition != nil { entries[index].keyPosition = keyPosition }
    } else {
      indexByKey?[key] = entries.count
      entries.append(Entry(key: key, keyPosition: keyPosition, value: value))
      if indexByKey == nil && entries.count > Self.indexThreshold { rebuildIndex() }
    }
  }

  private mutating func rebuildIndex() {
    var index: [String: Int] = [:]
    index.reserveCapacity(entries.count)
    for (offset, entry) in entries.enumerated() { index[entry.key] = offset }
    indexByKey = index
  }

  /// Follows a path of keys through nested tables.
  public subscript(path path: [String]) -> TOMLValue? {
    guard let first = path.first, let value = self[first] else { return nil }
    if path.count == 1 { return value }
    guard case .table(let inner) = value.kind else { return nil }
    return inner[path: Array(path.dropFirst())]
  }
}

extension TOMLTable: Equatable {
  /// Tables are equal when they hold the same keys with equal values, in any order.
  public static func == (lhs: TOMLTable, rhs: TOMLTable) -> Bool {
    guard lhs.count == rhs.count else { return false }
    return lhs.entries.allSatisfy { rhs[$0.key] == $0.value }
  }
}
