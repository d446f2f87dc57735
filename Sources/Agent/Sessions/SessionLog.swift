import Foundation

/// A session on disk: `$CODEX_HOME/sessions/YYYY/MM/DD/rollout-<time>-<id>.jsonl`, a
/// meta line and then one line per conversation item, appended as it happens (so a
/// crash loses at most the item in flight). Lines follow Codex CLI's rollout shape:
/// `{"timestamp":…,"type":"session_meta"|"response_item"|"compacted","payload":{…}}`.
// @unchecked Sendable: lines are written to the file under `lock`.
public final class SessionLog: @unchecked Sendable {
  /// The log file.
  public let path: String
  private let lock = NSLock()
  private let handle: FileHandle
  /// The next line's `ordinal`, when the log numbers its lines (Codex 0.163's paginated
  /// rollouts do, and refuse a continued one whose new lines lack the numbers).
  private var nextOrdinal: Int?

  /// Starts a new log for session `id`.
  public init(
    codexHome: String, id: String, workingDirectory: String, modelProvider: String? = nil,
    date: Date = Date()
  ) throws {
    let parts = ClockText.local(date)
    let (year, month, day) = (parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday)
    let directory = String(format: "%@/sessions/%04d/%02d/%02d", codexHome, year, month, day)
    do {
      try FileManager.default.createDirectory(
        atPath: directory, withIntermediateDirectories: true)
    } catch {
      throw ModelError("cannot create \(directory): \(Self.reason(error))")
    }
    let stamp = String(
      format: "%04d-%02d-%02dT%02d-%02d-%02d", year, month, day, parts.tm_hour, parts.tm_min,
      parts.tm_sec)
    path = directory + "/rollout-\(stamp)-\(id).jsonl"
    guard
      FileManager.default.createFile(
        atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
    else {
      throw ModelError("cannot create \(path): \(String(cString: strerror(errno)))")
    }
    handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    // What Codex 0.163 needs to list, resume and fork the session too.
    var meta: JSONObject = [
      "id": .string(id), "timestamp": .string(Self.timestamp(date)),
      "cwd": .string(workingDirectory), "originator": "codex",
      "cli_version": .string(CodexVersion.current), "source": "cli",
    ]
    if let modelProvider { meta["model_provider"] = .string(modelProvider) }
    write(type: "session_meta", payload: .object(meta))
  }

  /// Continues an existing log (a resumed session).
  public init(appendingTo path: String) throws {
    self.path = path
    handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    let end = handle.seekToEndOfFile()
    // A line cut short by a crash gets its end, so what follows stays whole.
    if end > 0, let reader = FileHandle(forReadingAtPath: path) {
      reader.seek(toFileOffset: end - 1)
      if reader.readData(ofLength: 1) != Data([0x0A]) {
        try? handle.write(contentsOf: Data([0x0A]))
      }
      try? reader.close()
    }
    nextOrdinal = Self.lastOrdinal(path: path).map { $0 + 1 }
  }

  /// The `ordinal` of the log's last whole line, if it has one.
  static func lastOrdinal(path: String) -> Int? {
    guard let reader = FileHandle(forReadingAtPath: path) else { return nil }
    defer { try? reader.close() }
    let end = reader.seekToEndOfFile()
    var tail = Data()
    var offset = end
    // Read backwards until the last line is whole (lines can be long: a patch, an image).
    while offset > 0 {
      let step = min(offset, 65_536)
      offset -= step
      reader.seek(toFileOffset: offset)
      tail = reader.readData(ofLength: Int(step)) + tail
      let lines = tail.split(separator: 0x0A)
      if lines.count >= 2 || offset == 0 {
        guard let last = lines.last else { return nil }
        return JSONValue.parse(Data(last))?["ordinal"]?.int
      }
    }
    return nil
  }

  /// Appends one conversation item as a line, at once.
  public func append(_ item: ConversationItem) {
    switch item {
    case .reasoning(let text, let encrypted):
      var payload: JSONObject = [
        "type": "reasoning", "summary": [["type": "summary_text", "text": .string(text)]],
      ]
      if let encrypted { payload["encrypted_content"] = .string(encrypted) }
      write(type: "response_item", payload: .object(payload))
    default:
      guard let payload = ResponsesWire.item(item) else { return }
      write(type: "response_item", payload: payload)
    }
  }

  /// A web search the provider ran, kept in the record as Codex keeps it (resume reads
  /// it back as nothing: its results are in the answer that followed).
  public func webSearch(_ search: WebSearchCall) {
    write(type: "response_item", payload: search.logPayload)
  }

  /// The history was replaced by this summary (compaction), or emptied (`summary` nil).
  public func replaced(summary: String?) {
    write(type: "compacted", payload: ["message": summary.map(JSONValue.string) ?? .null])
  }

  private func write(type: String, payload: JSONValue) {
    lock.withLock {
      var line: JSONObject = ["timestamp": .string(Self.timestamp(Date()))]
      if let ordinal = nextOrdinal {
        line["ordinal"] = .int(ordinal)
        nextOrdinal = ordinal + 1
      }
      line["type"] = .string(type)
      line["payload"] = payload
      var data = Data(JSONValue.object(line).bytes)
      data.append(0x0A)
      // A full disk loses lines of the log, never the session: the write's error is not
      // fatal (FileHandle's non-throwing write would stop the process).
      try? handle.write(contentsOf: data)
    }
  }

  /// The system's reason behind a Foundation file error ("Permission denied"), rather
  /// than the error's whole description.
  static func reason(_ error: Error) -> String {
    if let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? Error {
      let posix = underlying as NSError
      if posix.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(posix.code))) }
    }
    return (error as NSError).localizedDescription
  }

  static func timestamp(_ date: Date) -> String { ClockText.rfc3339(date) }
}

/// A session read back from its log, for `codex resume`.
public struct SavedSession: Sendable {
  /// The session's id.
  public var id: String
  /// Its log file.
  public var path: String
  /// Where it worked.
  public var workingDirectory: String
  /// When it started (RFC 3339).
  public var started: String
  /// The conversation, in order (the first item is the old environment context).
  public var items: [ConversationItem]
  /// Bytes of a very long log's older part that were not read (see `read(path:)`).
  public var omittedBytes = 0

  /// The first prompt the user typed (for the picker).
  public var firstPrompt: String? {
    for item in items.dropFirst() {
      if case .user(let text) = item { return text }
    }
    return nil
  }

  /// Adds what one log line says. A line cut short by a crash (the rest of the log
  /// continues after it) is skipped.
  mutating func take(_ line: Data) {
    guard !line.isEmpty, let decoded = try? Self.decoder.decode(RolloutLine.self, from: line),
      let payload = decoded.payload
    else { return }
    switch decoded.type {
    case "session_meta":
      id = payload.id ?? ""
      workingDirectory = payload.cwd ?? ""
      started = payload.timestamp ?? ""
    case "response_item":
      if let item = RolloutLine.item(payload) { items.append(item) }
    case "compacted":
      let first = items.first.map { [$0] } ?? []
      if let summary = payload.message {
        items = first + [.user("Summary of the conversation so far:\n" + summary)]
      } else {
        items = first
      }
    default:
      break
    }
  }

  static let decoder = JSONDecoder()

  /// Session logs under `codexHome` started in `workingDirectory` (every directory when
  /// nil), newest first.
  public static func list(codexHome: String, limit: Int = 20, workingDirectory: String?)
    -> [String]
  {
    guard let workingDirectory else { return list(codexHome: codexHome, limit: limit) }
    var found: [String] = []
    for path in list(codexHome: codexHome, limit: .max) where found.count < limit {
      if meta(path: path)?.workingDirectory == workingDirectory { found.append(path) }
    }
    return found
  }

  /// A log's first line only: its id, directory and start, without its conversation.
  public static func meta(path: String) -> SavedSession? {
    guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
    defer { try? handle.close() }
    var head = Data()
    while head.count < 1 << 20 {
      let chunk = handle.readData(ofLength: 4096)
      if chunk.isEmpty { break }
      head.append(chunk)
      if chunk.contains(0x0A) { break }
    }
    let line = head.split(separator: 0x0A, maxSplits: 1).first ?? Data()
    var session = SavedSession(id: "", path: path, workingDirectory: "", started: "", items: [])
    session.take(Data(line))
    return session.id.isEmpty ? nil : session
  }

  /// Session logs under `codexHome`, the most recently used (written) first.
  public static func list(codexHome: String, limit: Int = 20) -> [String] {
    let root = codexHome + "/sessions"
    guard let enumerator = FileManager.default.enumerator(atPath: root) else { return [] }
    var paths: [String] = []
    for case let relative as String in enumerator
    where relative.hasSuffix(".jsonl")
      && (relative as NSString).lastPathComponent.hasPrefix("rollout-")
    {
      paths.append(root + "/" + relative)
    }
    // The last write is the last use (a resumed session is appended to); names, which
    // start with the start time, order sessions last written in the same instant.
    let dated = paths.map { path -> (path: String, modified: timespec) in
      var info = stat()
      return (path, stat(path, &info) == 0 ? info.st_mtim : timespec())
    }
    let sorted = dated.sorted { a, b in
      if a.modified.tv_sec != b.modified.tv_sec { return a.modified.tv_sec > b.modified.tv_sec }
      if a.modified.tv_nsec != b.modified.tv_nsec { return a.modified.tv_nsec > b.modified.tv_nsec }
      return (a.path as NSString).lastPathComponent > (b.path as NSString).lastPathComponent
    }
    return Array(sorted.prefix(limit).map(\.path))
  }

  /// The log of session `id` (a full id, its start, or a name given with `/rename`), if
  /// there is one.
  public static func find(codexHome: String, id: String) -> String? {
    let id = SessionNames(codexHome: codexHome).id(named: id) ?? id
    return list(codexHome: codexHome, limit: .max).first {
      (($0 as NSString).lastPathComponent as NSString).deletingPathExtension.hasSuffix(id)
        || ($0 as NSString).lastPathComponent.contains("-" + id)
    }
  }
}
