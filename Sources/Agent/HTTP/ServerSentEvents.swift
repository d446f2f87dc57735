/// One event of a `text/event-stream`.
public struct ServerSentEvent: Sendable, Equatable {
  /// The `event` field; "message" when the event named none.
  public var event: String
  /// The `data` lines joined by `\n`.
  public var data: String
  /// The last event id seen on the stream so far.
  public var id: String?
  /// A `retry` value in milliseconds, when this event carried one.
  public var retry: Int?

  /// An event; `message` is the standard's default type.
  public init(event: String = "message", data: String, id: String? = nil, retry: Int? = nil) {
    self.event = event
    self.data = data
    self.id = id
    self.retry = retry
  }
}

/// Decodes an event stream incrementally, following the WHATWG rules: `event`, `data`
/// (several lines joined by `\n`), `id`, `retry`, comments; lines ended by CR, LF or
/// CRLF; chunks split anywhere, even inside a UTF-8 sequence or between CR and LF.
public struct SSEDecoder: Sendable {
  private var line: [UInt8] = []
  private var afterCarriageReturn = false
  private var atStreamStart = true
  private var eventType = ""
  private var data: [UInt8] = []
  private var hasData = false
  private var lastEventID: String?
  private var retry: Int?
  /// How many bytes of a leading byte-order mark have been seen.
  private var bomProgress = 0

  /// A decoder at the start of a stream.
  public init() {}

  /// Feeds bytes; returns the events they complete.
  public mutating func feed(_ bytes: some Sequence<UInt8>) -> [ServerSentEvent] {
    if let events = bytes.withContiguousStorageIfAvailable({ feed(buffer: $0) }) { return events }
    return Array(bytes).withUnsafeBufferPointer { feed(buffer: $0) }
  }

  /// Lines' bytes are taken in runs up to the next CR or LF; the states around a line
  /// end and a byte-order mark go byte by byte.
  private mutating func feed(buffer: UnsafeBufferPointer<UInt8>) -> [ServerSentEvent] {
    var events: [ServerSentEvent] = []
    var index = 0
    while index < buffer.count {
      if atStreamStart || bomProgress > 0 || afterCarriageReturn {
        step(buffer[index], into: &events)
        index += 1
        continue
      }
      var end = index
      while end < buffer.count, buffer[end] != 0x0A, buffer[end] != 0x0D { end += 1 }
      if end > index { line.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[index..<end])) }
      if end < buffer.count { step(buffer[end], into: &events) }
      index = end + 1
    }
    return events
  }

  private mutating func step(_ byte: UInt8, into events: inout [ServerSentEvent]) {
    if atStreamStart {
      atStreamStart = false
      // A byte-order mark may open the stream; it is skipped byte by byte below.
      if byte == 0xEF {
        bomProgress = 1
        return
      }
    } else if bomProgress > 0 {
      let expected: [UInt8] = [0xEF, 0xBB, 0xBF]
      if byte == expected[bomProgress] {
        bomProgress += 1
        if bomProgress == 3 { bomProgress = 0 }
        return
      }
      // Not a BOM after all: keep the bytes taken so far.
      line.append(contentsOf: expected[0..<bomProgress])
      bomProgress = 0
    }
    if afterCarriageReturn {
      afterCarriageReturn = false
      if byte == 0x0A { return }
    }
    switch byte {
    case 0x0D:
      afterCarriageReturn = true
      if let event = endLine() { events.append(event) }
    case 0x0A:
      if let event = endLine() { events.append(event) }
    default:
      line.append(byte)
    }
  }

  /// The stream ended. An event not closed by a blank line is discarded, as the
  /// standard says; nothing is returned.
  public mutating func finish() {
    line = []
    data = []
    hasData = false
    eventType = ""
  }

  private mutating func endLine() -> ServerSentEvent? {
    defer { line.removeAll(keepingCapacity: true) }
    if line.isEmpty { return dispatch() }
    if line[0] == UInt8(ascii: ":") { return nil }
    let colon = line.firstIndex(of: UInt8(ascii: ":"))
    let name = String(decoding: line[..<(colon ?? line.endIndex)], as: UTF8.self)
    var value = colon.map { line[($0 + 1)...] } ?? []
    if value.first == 0x20 { value = value.dropFirst() }
    switch name {
    case "event":
      eventType = String(decoding: value, as: UTF8.self)
    case "data":
      data.append(contentsOf: value)
      data.append(0x0A)
      hasData = true
    case "id":
      if !value.contains(0) { lastEventID = String(decoding: value, as: UTF8.self) }
    case "retry":
      if !value.isEmpty, value.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
        retry = Int(String(decoding: value, as: UTF8.self))
      }
    default:
      break
    }
    return nil
  }

  private mutating func dispatch() -> ServerSentEvent? {
    defer {
      data = []
      hasData = false
      eventType = ""
      retry = nil
    }
    guard hasData else { return nil }
    if data.last == 0x0A { data.removeLast() }
    return ServerSentEvent(
      event: eventType.isEmpty ? "message" : eventType, data: String(decoding: data, as: UTF8.self),
      id: lastEventID,
      retry: retry)
  }
}
