/// A TOML table: keys in the order they were written, with their positions.
public struct TOMLTable: Sendable {
  public struct Entry: Sendable {
    public var key: String
    /// Where the key (its last part, for a dotted key) was written.
    public var keyPosition: SourcePosition?
    public var value: TOMLValue

    public init(key: String, keyPosition: SourcePosition? = nil, value: TOMLValue) {
      self.key = key
      self.keyPosition = keyPosition
      self.value = value
    }
  }

  public private(set) var entries: [Entry] = []
  private var indexByKey: [String: Int] = [:]

  public init() {}

  public init(_ pairs: KeyValuePairs<String, TOMLValue>) {
    for (key, value) in pairs { self[key] = value }
  }

  public var isEmpty: Bool { entries.isEmpty }
  public var count: Int { entries.count }
  public var keys: [String] { entries.map(\.key) }

  public func entry(_ key: String) -> Entry? {
    indexByKey[key].map { entries[$0] }
  }

  /// Reading gives the value; writing replaces it in place or appends a new key;
  /// writing `nil` removes the key.
  public subscript(key: String) -> TOMLValue? {
    get { indexByKey[key].map { entries[$0].value } }
    set {
      if let newValue {
        set(key, newValue, keyPosition: nil)
      } else if let index = indexByKey[key] {
        entries.remove(at: index)
        indexByKey[key] = nil
        for i in index..<entries.count { indexByKey[entries[i].key] = i }
      }
    }
  }

  public mutating func set(_ key: String, _ value: TOMLValue, keyPosition: SourcePosition?) {
    if let index = indexByKey[key] {
      entries[index].value = value
      if keyPosition != nil { entries[index].keyPosition = keyPosition }
    } else {
      indexByKey[key] = entries.count
      entries.append(Entry(key: key, keyPosition: keyPosition, value: value))
    }
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
