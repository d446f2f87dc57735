import Foundation

/// A session's conversation items as request JSON, each encoded once: a request is the
/// cached items plus the new ones, so a long turn's requests no longer cost in
/// proportion to the whole history each time. An item is reused only while it is the
/// same item at the same place (compaction or a replaced context makes it new).
// @unchecked Sendable: the entries change only under `lock`.
public final class EncodedItemCache: @unchecked Sendable {
  private let lock = NSLock()
  private var entries: [(item: ConversationItem, bytes: [UInt8]?)] = []

  public init() {}

  /// The encoding of each item (nil for items the wire leaves out), from the cache
  /// where the item is unchanged.
  func encoded(_ items: [ConversationItem], by encode: (ConversationItem) -> JSONValue?)
    -> [[UInt8]?]
  {
    lock.withLock {
      var out: [[UInt8]?] = []
      out.reserveCapacity(items.count)
      for (position, item) in items.enumerated() {
        if position < entries.count, entries[position].item == item {
          out.append(entries[position].bytes)
          continue
        }
        let bytes = encode(item).map { value -> [UInt8] in
          var writer = JSONWriter()
          writer.write(value)
          return writer.bytes
        }
        if position < entries.count {
          entries[position] = (item, bytes)
        } else {
          entries.append((item, bytes))
        }
        out.append(bytes)
      }
      if entries.count > items.count { entries.removeLast(entries.count - items.count) }
      return out
    }
  }
}
