import Foundation

extension SavedSession {
  /// The most log bytes of conversation read back: far more than any model's context
  /// window holds (a million tokens is about 4 MB of text), so only logs no request
  /// could carry whole lose their oldest part.
  public static let keptBytes = 32 << 20

  /// Reads a log for resuming: its meta line and first item from the start, then the
  /// conversation from the end backwards, up to the last compaction (what came before
  /// it was replaced by its summary) or `keep` bytes of items, whichever comes first.
  /// A log never sits in memory whole, and a huge one costs only what is kept. When
  /// items are left out, the kept part starts at a user message (never with an output
  /// whose call is gone) after a note saying how much is missing.
  public static func read(path: String, keep: Int = keptBytes) throws -> SavedSession {
    guard let file = FileHandle(forReadingAtPath: path) else {
      throw ModelError("cannot read the session file \(path)")
    }
    defer { try? file.close() }
    let descriptor = file.fileDescriptor
    var session = SavedSession(id: "", path: path, workingDirectory: "", started: "", items: [])
    // The head: the meta line, then lines up to the first item (the environment context).
    var offset = 0
    var head = LineReader(descriptor: descriptor)
    while session.items.isEmpty, let line = head.next() {
      offset += line.count + 1
      session.take(line)
    }
    guard !session.id.isEmpty else { throw ModelError("\(path) has no session_meta line") }
    guard let first = session.items.first else { return session }

    var info = stat()
    guard fstat(descriptor, &info) == 0 else { throw ModelError("cannot read \(path)") }
    var tail = TailScan(keep: keep)
    var position = Int(info.st_size)
    var pending: [UInt8] = []
    // Bytes before the line the scan stopped at (when it stopped early).
    var unread = 0
    let chunk = 1 << 20
    reading: while position > offset {
      let size = min(chunk, position - offset)
      position -= size
      var block = [UInt8](repeating: 0, count: size)
      let got = block.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, size, position) }
      guard got == size else { throw ModelError("cannot read \(path)") }
      pending = block + pending
      // Complete lines are those after a newline in what is read so far. The newlines
      // are found with memchr going forwards, then the lines are taken newest first (a
      // generic backwards search was a quarter of the time on a large log).
      var end = pending.count
      var stop = false
      pending.withUnsafeBufferPointer { buffer in
        guard let base = buffer.baseAddress else { return }
        var newlines: [Int] = []
        var from = 0
        while from < buffer.count, let found = memchr(base + from, 0x0A, buffer.count - from) {
          let index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
          newlines.append(index)
          from = index + 1
        }
        for newline in newlines.reversed() {
          if !tail.take(UnsafeBufferPointer(rebasing: buffer[(newline + 1)..<end])) {
            unread = position - offset + newline
            stop = true
            return
          }
          end = newline
        }
      }
      if stop { break reading }
      pending.removeSubrange(end...)
      if position == offset, !pending.isEmpty {
        _ = pending.withUnsafeBufferPointer { tail.take($0) }
      }
    }
    session.items = [first] + tail.conversation()
    // What was not read: everything between the head and where the scan stopped.
    if tail.full { session.omittedBytes = unread }
    return session
  }
}

extension SavedSession {
  /// A log's start only, for lists of sessions: its id, directory, start time and the
  /// items up to the first prompt the user typed (`firstPrompt`), never the rest of a
  /// long log. Nil when it has no meta line.
  public static func head(path: String) -> SavedSession? {
    guard let file = FileHandle(forReadingAtPath: path) else { return nil }
    defer { try? file.close() }
    var session = SavedSession(id: "", path: path, workingDirectory: "", started: "", items: [])
    var reader = LineReader(descriptor: file.fileDescriptor)
    var read = 0
    while session.firstPrompt == nil, read < 4 << 20, let line = reader.next() {
      read += line.count + 1
      session.take(line)
    }
    return session.id.isEmpty ? nil : session
  }
}

/// The conversation read backwards from the end of a log.
private struct TailScan {
  let keep: Int
  /// Items newest first.
  var reversed: [ConversationItem] = []
  var bytes = 0
  /// The log was cut here: by a compaction (with its summary, or none after `/new`), or
  /// because `keep` bytes were reached.
  var compaction: String??
  var full = false

  /// Takes one line; false when nothing before it is needed.
  mutating func take(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
    guard !line.isEmpty,
      let decoded = try? SavedSession.decoder.decode(
        RolloutLine.self,
        from: Data(
          bytesNoCopy: UnsafeMutableRawPointer(mutating: line.baseAddress!), count: line.count,
          deallocator: .none)),
      let payload = decoded.payload
    else { return true }
    switch decoded.type {
    case "compacted":
      compaction = .some(payload.message)
      return false
    case "response_item":
      guard let item = RolloutLine.item(payload) else { return true }
      reversed.append(item)
      bytes += line.count
      if bytes >= keep {
        full = true
        return false
      }
      return true
    default:
      return true
    }
  }

  /// The kept items, oldest first.
  func conversation() -> [ConversationItem] {
    var items = Array(reversed.reversed())
    if let compaction {
      let summary = compaction.map {
        [ConversationItem.user("Summary of the conversation so far:\n" + $0)]
      }
      return (summary ?? []) + items
    }
    guard full else { return items }
    // Start at a user message: an output whose call was left out would be refused.
    let start = items.firstIndex { if case .user = $0 { true } else { false } } ?? items.count
    items.removeFirst(start)
    return [
      .user(
        "[The earlier part of this session is not loaded: its log holds more than one "
          + "request can carry.]")
    ] + items
  }
}

/// Lines from the start of a file, for its head.
private struct LineReader {
  let descriptor: Int32
  var buffer: [UInt8] = []
  var offset = 0
  var done = false

  init(descriptor: Int32) { self.descriptor = descriptor }

  mutating func next() -> Data? {
    while true {
      if let newline = buffer.firstIndex(of: 0x0A) {
        let line = Data(buffer[..<newline])
        buffer.removeSubrange(...newline)
        return line
      }
      if done {
        guard !buffer.isEmpty else { return nil }
        defer { buffer = [] }
        return Data(buffer)
      }
      var block = [UInt8](repeating: 0, count: 64 << 10)
      let got = block.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, 64 << 10, offset) }
      if got <= 0 {
        done = true
      } else {
        offset += got
        buffer += block.prefix(got)
      }
    }
  }
}
