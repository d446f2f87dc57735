/// A JSON object whose members keep the order they were given in, so lines written
/// from it read the way Codex writes them (`{"type": ..., ...}`), while lookups and
/// equality ignore order as JSON does.
public struct JSONObject: Sendable, Equatable, Sequence, ExpressibleByDictionaryLiteral {
  /// The members in order.
  public private(set) var members: [(key: String, value: JSONValue)] = []

  /// An empty object.
  public init() {}

  /// An object of exactly these members, in this order (no key twice).
  init(orderedMembers: [(key: String, value: JSONValue)]) {
    members = orderedMembers
  }

  /// The members of a dictionary literal, in the literal's order; a repeated key keeps
  /// its last value.
  public init(dictionaryLiteral elements: (String, JSONValue)...) {
    for (key, value) in elements { self[key] = value }
  }

  /// The members of a dictionary, in key order (a dictionary has none of its own).
  public init(_ dictionary: [String: JSONValue]) {
    for key in dictionary.keys.sorted() { self[key] = dictionary[key] }
  }

  /// A member's value; setting nil removes it, setting a new key appends it.
  public subscript(key: String) -> JSONValue? {
    get { members.first { $0.key == key }?.value }
    set {
      let index = members.firstIndex { $0.key == key }
      switch (index, newValue) {
      case (let index?, let value?): members[index].value = value
      case (let index?, nil): members.remove(at: index)
      case (nil, let value?): members.append((key, value))
      case (nil, nil): break
      }
    }
  }

  /// The keys in order.
  public var keys: [String] { members.map(\.key) }

  /// Whether the object has no members.
  public var isEmpty: Bool { members.isEmpty }

  /// The members in order.
  public func makeIterator() -> IndexingIterator<[(key: String, value: JSONValue)]> {
    members.makeIterator()
  }

  /// Same keys with equal values, in any order.
  public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
    lhs.members.count == rhs.members.count
      && lhs.members.allSatisfy { rhs[$0.key] == $0.value }
  }
}
