/// The short strings a parse has made, by their bytes, so that a key or value written
/// many times over (`name`, `enabled`, `"GET"`) is made into a `String` once.
///
/// Texts of up to 16 bytes are packed into two machine words (zero-padded, with the
/// length besides) and looked up in a small direct-mapped table: a few loads and
/// compares instead of validating and copying the bytes again. A miss makes the string
/// and replaces whatever shared its slot.
struct RecentStrings {
  private struct Slot {
    var low: UInt64 = 0
    var high: UInt64 = 0
    var length = -1
    var string = ""
  }

  private var slots: [Slot]
  private let mask: Int

  /// A table sized for a document of `documentSize` bytes: a configuration file gets a
  /// few slots, a large document a few hundred.
  init(documentSize: Int) {
    var count = 16
    while count < 512 && count * 64 < documentSize { count *= 2 }
    slots = Array(repeating: Slot(), count: count)
    mask = count - 1
  }

  /// The text of `range` in `text`, which must be valid UTF-8 there.
  mutating func string(in text: UnsafeBufferPointer<UInt8>, range: Range<Int>) -> String {
    let length = range.count
    guard length <= 16, let base = text.baseAddress else {
      return String(decoding: UnsafeBufferPointer(rebasing: text[range]), as: UTF8.self)
    }
    let start = range.lowerBound
    var low: UInt64 = 0
    var high: UInt64 = 0
    if start + 16 <= text.count {
      // Whole words, then the bytes past the text cut off.
      let raw = UnsafeRawPointer(base + start)
      low = UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self)) & Self.keep(length)
      if length > 8 {
        let word = raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
        high = UInt64(littleEndian: word) & Self.keep(length - 8)
      }
    } else {
      for offset in 0..<length {
        let byte = UInt64(base[start + offset])
        if offset < 8 { low |= byte << (offset * 8) } else { high |= byte << ((offset - 8) * 8) }
      }
    }
    let mixed = (low &* 0x9E37_79B9_7F4A_7C15) ^ (high &* 0xC2B2_AE3D_27D4_EB4F) ^ UInt64(length)
    let slot = Int(truncatingIfNeeded: mixed >> 40) & mask
    if slots[slot].low == low, slots[slot].high == high, slots[slot].length == length {
      return slots[slot].string
    }
    let made = String(decoding: UnsafeBufferPointer(rebasing: text[range]), as: UTF8.self)
    slots[slot] = Slot(low: low, high: high, length: length, string: made)
    return made
  }

  /// A mask keeping the first `count` bytes (little-endian) of a word.
  private static func keep(_ count: Int) -> UInt64 {
    count >= 8 ? ~0 : (1 << (UInt64(count) * 8)) &- 1
  }
}
