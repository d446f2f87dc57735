import Foundation

/// One recorded model response: the request's place in the run, a fingerprint of the
/// conversation it carried, and the events that answered it.
public struct CassetteEntry: Sendable, Equatable {
  /// The fingerprint of the conversation the response answered.
  public var conversation: String
  /// The model that answered.
  public var model: String
  /// The response's events, as the stream gave them.
  public var events: [ModelEvent]

  /// A fingerprint of what a request asks: the prompts (whole), the model's messages and
  /// tool calls, in order. It leaves out what names this machine or this moment: the
  /// environment context and the skills list (paths), tool outputs and the output of
  /// the user's `!` commands (timings, dates; the command itself counts), a used
  /// skill's path; so a replay elsewhere matches while any change to a prompt does not.
  public static func fingerprint(_ items: [ConversationItem]) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    func add(_ text: String) {
      for byte in text.utf8 {
        hash ^= UInt64(byte)
        hash = hash &* 0x100_0000_01b3
      }
      hash ^= 0xff
      hash = hash &* 0x100_0000_01b3
    }
    for item in items.dropFirst() {
      switch item {
      // A new environment context (a policy changed mid-run) names this machine's
      // folders: a recording must replay anywhere, so it does not count.
      case .user(let text) where text.hasPrefix("<environment_context>"): continue
      case .user(let text) where text.hasPrefix(UserShellResult.outputPrefix):
        add("u" + (text.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? ""))
      case .user(let text) where text.hasPrefix("<skill>\n"):
        add("u" + text.split(separator: "\n").filter { !$0.hasPrefix("<path>") }.joined())
      case .user(let text): add("u" + text)
      case .developer(let text) where text.hasPrefix("<skills_instructions>"): continue
      case .userImage: add("i")
      case .developer(let text): add("d" + text)
      case .assistant(let text): add("a" + text)
      case .functionCall(let id, let name, let arguments, let namespace):
        add("c" + id + (namespace ?? "") + name + arguments)
      case .functionOutput(let id, _): add("o" + id)
      case .customToolCall(let id, let name, let input): add("t" + id + name + input)
      case .customToolOutput(let id, _): add("p" + id)
      case .reasoning: continue
      }
    }
    return String(hash, radix: 16)
  }

  /// The entry as a cassette line's value (keys in sorted order, as recorded files have).
  func json() -> JSONValue {
    [
      "conversation": .string(conversation), "events": .array(events.compactMap(Self.encode)),
      "model": .string(model),
    ]
  }

  static func encode(_ event: ModelEvent) -> JSONValue? {
    switch event {
    case .textDelta(let text): return ["text_delta": .string(text)]
    case .reasoningDelta(let text): return ["reasoning_delta": .string(text)]
    case .rawReasoningDelta(let text): return ["raw_reasoning_delta": .string(text)]
    case .completed(let usage):
      guard let usage else { return ["completed": .null] }
      var counts: JSONObject = [
        "cached_input_tokens": .int(usage.cachedInputTokens),
        "input_tokens": .int(usage.inputTokens), "output_tokens": .int(usage.outputTokens),
      ]
      // Written only when reported, so cassettes recorded before read back the same.
      if usage.cacheWriteInputTokens > 0 {
        counts["cache_write_input_tokens"] = .int(usage.cacheWriteInputTokens)
      }
      if usage.reasoningOutputTokens > 0 {
        counts["reasoning_output_tokens"] = .int(usage.reasoningOutputTokens)
      }
      return ["completed": .object(counts)]
    case .retrying, .notice, .webSearch, .unknownItem, .toolInputDelta: return nil
    case .item(let item):
      switch item {
      case .assistant(let text): return ["message": .string(text)]
      case .reasoning(let text, let encrypted):
        guard let encrypted else { return ["reasoning": .string(text)] }
        return ["reasoning": .string(text), "encrypted_content": .string(encrypted)]
      case .functionCall(let id, let name, let arguments, let namespace):
        var call: JSONObject = [
          "arguments": .string(arguments), "call_id": .string(id), "name": .string(name),
        ]
        if let namespace { call["namespace"] = .string(namespace) }
        return ["function_call": .object(call)]
      case .customToolCall(let id, let name, let input):
        return [
          "custom_tool_call": [
            "call_id": .string(id), "input": .string(input), "name": .string(name),
          ]
        ]
      case .user, .developer, .userImage, .functionOutput, .customToolOutput: return nil
      }
    }
  }

  static func decode(_ object: JSONValue) -> ModelEvent? {
    if let text = object["text_delta"]?.string { return .textDelta(text) }
    if let text = object["reasoning_delta"]?.string { return .reasoningDelta(text) }
    if let text = object["raw_reasoning_delta"]?.string { return .rawReasoningDelta(text) }
    if let text = object["message"]?.string { return .item(.assistant(text)) }
    if let text = object["reasoning"]?.string {
      return .item(.reasoning(text, encryptedContent: object["encrypted_content"]?.string))
    }
    if let call = object["function_call"], let id = call["call_id"]?.string,
      let name = call["name"]?.string, let arguments = call["arguments"]?.string
    {
      return .item(
        .functionCall(
          callID: id, name: name, arguments: arguments, namespace: call["namespace"]?.string))
    }
    if let call = object["custom_tool_call"], let id = call["call_id"]?.string,
      let name = call["name"]?.string, let input = call["input"]?.string
    {
      return .item(.customToolCall(callID: id, name: name, input: input))
    }
    if let usage = object["completed"] {
      guard usage.object != nil else { return .completed(nil) }
      return .completed(
        TokenUsage(
          inputTokens: usage["input_tokens"]?.int ?? 0,
          cachedInputTokens: usage["cached_input_tokens"]?.int ?? 0,
          cacheWriteInputTokens: usage["cache_write_input_tokens"]?.int ?? 0,
          outputTokens: usage["output_tokens"]?.int ?? 0,
          reasoningOutputTokens: usage["reasoning_output_tokens"]?.int ?? 0))
    }
    return nil
  }
}

/// Appends each completed model response to a JSONL cassette as it happens, so a run
/// that stops part-way still leaves what it recorded.
// @unchecked Sendable: lines are appended to the file under `lock`.
public final class CassetteRecorder: @unchecked Sendable {
  private let lock = NSLock()
  private let handle: FileHandle?
  private var recorded: [CassetteEntry] = []

  /// Creates (or empties) the cassette at `path`.
  public init(path: String) throws {
    guard FileManager.default.createFile(atPath: path, contents: nil) else {
      throw ModelError("cannot write the cassette \(path)")
    }
    handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
  }

  /// Keeps the responses in memory only (the interactive session, for `/save`).
  public init() {
    handle = nil
  }

  /// The responses recorded so far.
  public var entries: [CassetteEntry] { lock.withLock { recorded } }

  func append(_ entry: CassetteEntry) {
    var data = Data(entry.json().bytes)
    data.append(0x0A)
    // A full disk loses the recording, not the run.
    lock.withLock {
      recorded.append(entry)
      try? handle?.write(contentsOf: data)
    }
  }
}

extension CassetteEntry {
  /// Entries as a cassette file's text, one JSON object a line.
  public static func cassetteText(_ entries: [CassetteEntry]) -> String {
    entries.map { $0.json().text + "\n" }.joined()
  }
}

/// The live client, with each completed response also written to the cassette.
struct RecordingModelClient: ModelStreaming {
  var inner: ModelClient
  var recorder: CassetteRecorder

  func stream(_ request: ModelRequest) -> AsyncThrowingStream<ModelEvent, Error> {
    let upstream = inner.stream(request)
    let recorder = self.recorder
    return AsyncThrowingStream { continuation in
      let task = Task {
        var events: [ModelEvent] = []
        do {
          for try await event in upstream {
            if case .retrying = event {
              // A retried attempt's deltas come again; keep only the last attempt's.
              events.removeAll()
            } else {
              events.append(event)
            }
            continuation.yield(event)
          }
          recorder.append(
            CassetteEntry(
              conversation: CassetteEntry.fingerprint(request.items), model: request.model,
              events: events))
          continuation.finish()
        } catch {
          continuation.finish(throwing: error)
        }
      }
      continuation.onTermination = { _ in task.cancel() }
    }
  }
}

/// Serves a cassette's responses in order instead of a provider: no network, no key.
/// A request whose conversation differs from the recorded one, or one past the end,
/// fails with a message that says so.
// @unchecked Sendable: the position in the cassette moves under `lock`; the entries never
// change.
public final class CassettePlayer: ModelStreaming, @unchecked Sendable {
  private let lock = NSLock()
  private let entries: [CassetteEntry]
  private let path: String
  private var next = 0
  private var served: [CassetteEntry] = []

  /// The responses served so far.
  public var servedEntries: [CassetteEntry] { lock.withLock { served } }

  /// Reads the cassette; a line that is not an entry is an error naming it.
  public init(path: String) throws {
    self.path = path
    guard let data = FileManager.default.contents(atPath: path) else {
      throw ModelError("cannot read the cassette \(path)")
    }
    var entries: [CassetteEntry] = []
    for (index, line) in data.split(separator: 0x0A).enumerated() {
      guard let object = JSONValue.parse(Data(line)),
        let conversation = object["conversation"]?.string,
        let events = object["events"]?.array
      else {
        throw ModelError("\(path):\(index + 1): not a cassette entry (a JSON object per line)")
      }
      entries.append(
        CassetteEntry(
          conversation: conversation, model: object["model"]?.string ?? "",
          events: events.compactMap(CassetteEntry.decode)))
    }
    self.entries = entries
  }

  /// The next recorded response, when the request's conversation matches the recorded one.
  public func stream(_ request: ModelRequest) -> AsyncThrowingStream<ModelEvent, Error> {
    let result: Result<CassetteEntry, ModelError> = lock.withLock {
      let number = next + 1
      guard next < entries.count else {
        return .failure(
          ModelError(
            "the cassette \(path) holds \(entries.count) responses and this run asks for response \(number); record it again with --record"
          ))
      }
      let entry = entries[next]
      let fingerprint = CassetteEntry.fingerprint(request.items)
      guard entry.conversation == fingerprint else {
        return .failure(
          ModelError(
            "the run left the cassette \(path) at response \(number): the conversation differs from the recorded one (prompts or the model's earlier answers changed); record it again with --record"
          ))
      }
      next += 1
      served.append(entry)
      return .success(entry)
    }
    return AsyncThrowingStream { continuation in
      switch result {
      case .success(let entry):
        for event in entry.events { continuation.yield(event) }
        continuation.finish()
      case .failure(let error):
        continuation.finish(throwing: error)
      }
    }
  }
}
