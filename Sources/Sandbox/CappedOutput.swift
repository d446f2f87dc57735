/// Output captured with a size cap: the first and last bytes are kept, the middle is
/// counted and dropped, so one noisy command cannot flood memory or a model's context.
public struct CappedOutput: Sendable, Equatable {
  /// The most bytes kept, head and tail together.
  public let limit: Int
  /// The first bytes, up to half the limit.
  public private(set) var head: [UInt8] = []
  /// The last bytes, up to the other half.
  public private(set) var tail: [UInt8] = []
  /// Every byte seen, kept or not.
  public private(set) var totalByteCount = 0

  /// An empty capture keeping at most `limit` bytes (at least 2).
  public init(limit: Int) {
    self.limit = max(2, limit)
  }

  private var headLimit: Int { limit / 2 }
  private var tailLimit: Int { limit - limit / 2 }

  /// The bytes dropped from the middle.
  public var elidedByteCount: Int { totalByteCount - head.count - tail.count }

  /// Adds output as it arrives.
  public mutating func append(_ bytes: some Collection<UInt8>) {
    totalByteCount += bytes.count
    var rest = bytes[...]
    if head.count < headLimit {
      let take = min(headLimit - head.count, rest.count)
      head.append(contentsOf: rest.prefix(take))
      rest = rest.dropFirst(take)
    }
    guard !rest.isEmpty else { return }
    tail.append(contentsOf: rest)
    // Trim in batches so that appending stays linear.
    if tail.count > 2 * tailLimit { tail.removeFirst(tail.count - tailLimit) }
  }

  /// The kept bytes (without any marker), the tail trimmed to its limit.
  public var keptBytes: [UInt8] {
    head + (tail.count > tailLimit ? Array(tail.suffix(tailLimit)) : tail)
  }

  /// The kept text, with a line saying how much was left out in the middle. Bytes that
  /// are not UTF-8 are shown as U+FFFD.
  public var text: String {
    let kept = tail.count > tailLimit ? Array(tail.suffix(tailLimit)) : tail
    let elided = totalByteCount - head.count - kept.count
    if elided == 0 { return String(decoding: head + kept, as: UTF8.self) }
    return String(decoding: head, as: UTF8.self) + "\n[… \(elided) bytes elided …]\n"
      + String(decoding: kept, as: UTF8.self)
  }
}
