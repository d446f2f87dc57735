import Agent
import Foundation

extension CodexAppServer {
  /// `turn/start`: answers with the turn at once; its notifications follow the answer.
  func startTurn(_ params: JSONValue, requestID: JSONValue) async throws -> JSONValue {
    let thread = try await loaded(params)
    guard let input = params["input"]?.array, !input.isEmpty else {
      throw JSONRPCError.invalidParams("input is required: a list of {type: \"text\", text}")
    }
    var texts: [String] = []
    var images: [String] = []
    for (index, part) in input.enumerated() {
      switch part["type"]?.string {
      case "text"?: texts.append(part["text"]?.string ?? "")
      case "image"?:
        guard let url = part["url"]?.string else {
          throw JSONRPCError.invalidParams("input[\(index)].url is required for an image")
        }
        images.append(url)
      case "localImage"?:
        guard let path = part["path"]?.string else {
          throw JSONRPCError.invalidParams("input[\(index)].path is required for a localImage")
        }
        do { images.append(try ImageAttachment.dataURL(path: path)) } catch {
          throw JSONRPCError.invalidParams("input[\(index)].path: \(error)")
        }
      case "mention"?, "skill"?:
        if let path = part["path"]?.string { texts.append("@" + path) }
      default:
        throw JSONRPCError.invalidParams(
          "input[\(index)].type: expected text, image, localImage or mention")
      }
    }
    // `@path` mentions (typed, or sent as mention items) go with the prompt, as in every
    // front-end.
    let session = thread.session
    if thread.turnID == nil { try applyTurnSettings(params, to: session) }
    let expanded = FileMentions.expand(
      texts.joined(separator: "\n"), workingDirectory: session.configuration.workingDirectory)
    let text = expanded.text
    let typed = texts.joined(separator: "\n")
    images += expanded.images
    let turnID = UUID().uuidString.lowercased()
    let threadID = session.id
    let connection = connection
    let (events, continuation) = AsyncStream<EngineEvent>.makeStream()
    // Started once the answer is out, so that no notification overtakes it.
    let gate = AsyncStream<Void>.makeStream()
    let task = Task<TurnEnd, Never> {
      for await _ in gate.stream { break }
      return await session.submit(text, images: images) { event in
        if case .approvalRequested(let callID, _) = event { thread.approvals.asking(about: callID) }
        continuation.yield(event)
      }
    }
    guard thread.begin(turnID, task) else {
      task.cancel()
      throw JSONRPCError(code: -32600, message: "a turn is running in thread \(threadID)")
    }
    thread.approvals.turnStarted(turnID)
    let started = Int(Date().timeIntervalSince1970)
    await connection.afterReply(to: requestID) {
      try? await connection.notify(
        "thread/status/changed",
        ["threadId": .string(threadID), "status": ["type": "active", "activeFlags": []]])
      try? await connection.notify(
        "turn/started",
        [
          "threadId": .string(threadID),
          "turn": AppServerShapes.turn(id: turnID, status: "inProgress", started: started),
        ])
      let user = AppServerShapes.userMessage(
        id: UUID().uuidString.lowercased(), text: typed)
      for method in ["item/started", "item/completed"] {
        try? await connection.notify(
          method,
          [
            "threadId": .string(threadID), "turnId": .string(turnID), "item": user,
            method == "item/started" ? "startedAtMs" : "completedAtMs":
              AppServerShapes.milliseconds(),
          ])
      }
      gate.continuation.yield()
      gate.continuation.finish()
      var mapping = AppServerEvents(
        threadID: threadID, turnID: turnID,
        workingDirectory: session.configuration.workingDirectory)
      let sender = Task {
        for await event in events {
          for (method, params) in mapping.notifications(for: event) {
            try? await connection.notify(method, params)
          }
        }
        return mapping.lastMessage
      }
      let ending = await task.value
      continuation.finish()
      let last = await sender.value
      thread.end(turnID)
      let completed = Int(Date().timeIntervalSince1970)
      let (status, error): (String, String?) =
        switch ending {
        case .completed: ("completed", nil)
        case .interrupted: ("interrupted", nil)
        case .failed(let reason): ("failed", reason)
        }
      try? await connection.notify(
        "thread/status/changed", ["threadId": .string(threadID), "status": ["type": "idle"]])
      try? await connection.notify(
        "turn/completed",
        [
          "threadId": .string(threadID),
          "turn": AppServerShapes.turn(
            id: turnID, status: status, items: last.map { [$0] } ?? [], error: error,
            started: started, completed: completed, duration: (completed - started) * 1000),
        ])
    }
    return ["turn": AppServerShapes.turn(id: turnID, status: "inProgress")]
  }
}
