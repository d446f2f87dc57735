/// JSON text to `JSONValue`, straight from UTF-8 bytes: the model's stream is thousands
/// of small events a second, and going through Foundation's parser and bridging cost
/// most of their handling. Same results as before: objects' members sorted by key (a
/// repeated key keeps its last value), whole numbers without a fraction or exponent as
/// `int`, others as `double`; nil for anything that is not JSON.
struct JSONParser {
  private let bytes: UnsafeBufferPointer<UInt8>
  private var index = 0
  private var depth = 0

  private init(_ bytes: UnsafeBufferPointer<UInt8>) {
    self.bytes = bytes
  }

  /// The value `bytes` hold (surrounding whitespace allowed), or nil.
  static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> JSONValue? {
    var parser = JSONParser(bytes)
    parser.skipSpace()
    guard let value = parser.value() else { return nil }
    parser.skipSpace()
    return parser.index == bytes.count ? value : nil
  }

  private mutating func skipSpace() {
    while index < bytes.count {
      switch bytes[index] {
      case 0x20, 0x09, 0x0A, 0x0D: index += 1
      default: return
      }
    }
  }

  private mutating func value() -> JSONValue? {
    guard index < bytes.count, depth < 512 else { return nil }
    switch bytes[index] {
    case UInt8(ascii: "{"): return object()
    case UInt8(ascii: "["): return array()
    case UInt8(ascii: "\""): return string().map { .string($0) }
    case UInt8(ascii: "t"): return literal("true", .bool(true))
    case UInt8(ascii: "f"): return literal("false", .bool(false))
    case UInt8(ascii: "n"): return literal("null", .null)
    default: return number()
    }
  }

  private mutating func literal(_ word: StaticString, _ value: JSONValue) -> JSONValue? {
    let count = word.utf8CodeUnitCount
    guard index + count <= bytes.count else { return nil }
    for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { return nil }
    index += count
    return value
  }

  private mutating func object() -> JSONValue? {
    index += 1
    depth += 1
    defer { depth -= 1 }
    var members: [(key: String, value: JSONValue)] = []
    skipSpace()
    if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
      index += 1
      return .object(JSONObject())
    }
    while true {
      skipSpace()
      guard index < bytes.count, bytes[index] == UInt8(ascii: "\""), let key = string() else {
        return nil
      }
      skipSpace()
      guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return nil }
      index += 1
      skipSpace()
      guard let value = value() else { return nil }
      members.append((key, value))
      skipSpace()
      guard index < bytes.count else { return nil }
      if bytes[index] == UInt8(ascii: ",") {
        index += 1
        continue
      }
      guard bytes[index] == UInt8(ascii: "}") else { return nil }
      index += 1
      return .object(JSONObject(sortedMembers: members))
    }
  }

  private mutating func array() -> JSONValue? {
    index += 1
    depth += 1
    defer { depth -= 1 }
    var elements: [JSONValue] = []
    skipSpace()
    if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
      index += 1
      return .array([])
    }
    while true {
      skipSpace()
      guard let value = value() else { return nil }
      elements.append(value)
      skipSpace()
      guard index < bytes.count else { return nil }
      if bytes[index] == UInt8(ascii: ",") {
        index += 1
        continue
      }
      guard bytes[index] == UInt8(ascii: "]") else { return nil }
      index += 1
      return .array(elements)
    }
  }

  /// A string starting at its opening quote; runs without escapes are copied whole.
  private mutating func string() -> String? {
    index += 1
    var start = index
    var escaped: [UInt8]?
    while index < bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: "\"") {
        let run = UnsafeBufferPointer(rebasing: bytes[start..<index])
        index += 1
        guard var pending = escaped else { return String(decoding: run, as: UTF8.self) }
        pending.append(contentsOf: run)
        return String(decoding: pending, as: UTF8.self)
      }
      if byte < 0x20 { return nil }
      guard byte == UInt8(ascii: "\\") else {
        index += 1
        continue
      }
      var pending = escaped ?? []
      pending.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
      index += 1
      guard index < bytes.count else { return nil }
      switch bytes[index] {
      case UInt8(ascii: "\""): pending.append(UInt8(ascii: "\""))
      case UInt8(ascii: "\\"): pending.append(UInt8(ascii: "\\"))
      case UInt8(ascii: "/"): pending.append(UInt8(ascii: "/"))
      case UInt8(ascii: "b"): pending.append(0x08)
      case UInt8(ascii: "f"): pending.append(0x0C)
      case UInt8(ascii: "n"): pending.append(0x0A)
      case UInt8(ascii: "r"): pending.append(0x0D)
      case UInt8(ascii: "t"): pending.append(0x09)
      case UInt8(ascii: "u"):
        guard var scalar = hex4(at: index + 1) else { return nil }
        index += 4
        if (0xD800..<0xDC00).contains(scalar), index + 6 < bytes.count,
          bytes[index + 1] == UInt8(ascii: "\\"), bytes[index + 2] == UInt8(ascii: "u"),
          let low = hex4(at: index + 3), (0xDC00..<0xE000).contains(low)
        {
          scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
          index += 6
        }
        let character = Unicode.Scalar(scalar) ?? "\u{FFFD}"
        pending.append(contentsOf: Array(String(character).utf8))
      default:
        return nil
      }
      index += 1
      start = index
      escaped = pending
    }
    return nil
  }

  private func hex4(at position: Int) -> UInt32? {
    guard position + 4 <= bytes.count else { return nil }
    var value: UInt32 = 0
    for offset in 0..<4 {
      let byte = bytes[position + offset]
      let digit: UInt8
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
      default: return nil
      }
      value = value << 4 | UInt32(digit)
    }
    return value
  }

  private mutating func number() -> JSONValue? {
    let start = index
    var isWhole = true
    if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
    let digitsStart = index
    while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
      index += 1
    }
    guard index > digitsStart else { return nil }
    // JSON has no leading zeros.
    if bytes[digitsStart] == UInt8(ascii: "0"), index - digitsStart > 1 { return nil }
    if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
      isWhole = false
      index += 1
      let fraction = index
      while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
        index += 1
      }
      guard index > fraction else { return nil }
    }
    if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
      isWhole = false
      index += 1
      if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")
      {
        index += 1
      }
      let exponent = index
      while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
        index += 1
      }
      guard index > exponent else { return nil }
    }
    let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
    if isWhole, let whole = Int(text) { return .int(whole) }
    return Double(text).map { .double($0) }
  }
}

extension JSONObject {
  /// An object of `members` in key order; a repeated key keeps its last value.
  init(sortedMembers members: [(key: String, value: JSONValue)]) {
    var inOrder = true
    for position in members.indices.dropFirst()
    where !(members[position - 1].key < members[position].key) {
      inOrder = false
      break
    }
    if inOrder {
      self.init(orderedMembers: members)
      return
    }
    // A stable sort by key; of equal keys the later one stays.
    let sorted = members.enumerated().sorted {
      $0.element.key != $1.element.key ? $0.element.key < $1.element.key : $0.offset < $1.offset
    }
    var kept: [(key: String, value: JSONValue)] = []
    kept.reserveCapacity(members.count)
    for (_, member) in sorted {
      if let last = kept.last, last.key == member.key {
        kept[kept.count - 1] = member
      } else {
        kept.append(member)
      }
    }
    self.init(orderedMembers: kept)
  }

}

extension JSONParser {
  /// The `type` and `delta` strings of a stream event object, read without building the
  /// rest (the common event is a delta); nil when the text is not an object holding
  /// both as strings, or not JSON (the caller then parses it whole).
  static func typeAndDelta(_ bytes: UnsafeBufferPointer<UInt8>) -> (type: String, delta: String)? {
    var parser = JSONParser(bytes)
    parser.skipSpace()
    guard parser.index < bytes.count, bytes[parser.index] == UInt8(ascii: "{") else { return nil }
    parser.index += 1
    var type: String?
    var delta: String?
    while true {
      parser.skipSpace()
      guard parser.index < bytes.count, bytes[parser.index] == UInt8(ascii: "\""),
        let key = parser.string()
      else { return nil }
      parser.skipSpace()
      guard parser.index < bytes.count, bytes[parser.index] == UInt8(ascii: ":") else { return nil }
      parser.index += 1
      parser.skipSpace()
      if key == "type" || key == "delta" {
        guard parser.index < bytes.count, bytes[parser.index] == UInt8(ascii: "\""),
          let value = parser.string()
        else { return nil }
        if key == "type" { type = value } else { delta = value }
      } else {
        guard parser.skipValue() else { return nil }
      }
      parser.skipSpace()
      guard parser.index < bytes.count else { return nil }
      if bytes[parser.index] == UInt8(ascii: ",") {
        parser.index += 1
        continue
      }
      guard bytes[parser.index] == UInt8(ascii: "}") else { return nil }
      parser.index += 1
      parser.skipSpace()
      guard parser.index == bytes.count, let type, let delta else { return nil }
      return (type, delta)
    }
  }

  /// Moves past one value without building it; false when it is not JSON.
  private mutating func skipValue() -> Bool {
    guard index < bytes.count, depth < 512 else { return false }
    switch bytes[index] {
    case UInt8(ascii: "\""):
      index += 1
      while index < bytes.count {
        switch bytes[index] {
        case UInt8(ascii: "\""):
          index += 1
          return true
        case UInt8(ascii: "\\"): index += 2
        case 0..<0x20: return false
        default: index += 1
        }
      }
      return false
    case UInt8(ascii: "{"), UInt8(ascii: "["):
      // Nested values are rare in delta events: build and drop them.
      return value() != nil
    case UInt8(ascii: "t"): return literal("true", .null) != nil
    case UInt8(ascii: "f"): return literal("false", .null) != nil
    case UInt8(ascii: "n"): return literal("null", .null) != nil
    default: return number() != nil
    }
  }
}
