import Agent
import Foundation
import Sandbox

extension CodexAppServer {
  /// `thread/start`: a new session.
  func startThread(_ params: JSONValue) async throws -> JSONValue {
    let configuration = try configuration(params)
    let approvals = AppServerApprovals(connection: connection)
    let session = try Session.start(
      configuration: configuration, traffic: traffic, approvals: approvals,
      environment: environment, baseInstructions: params["baseInstructions"]?.string,
      notice: { Self.logger.notice("\($0)") })
    return try await opened(session, approvals: approvals, notify: true)
  }

  /// `thread/resume` (or `thread/fork`): a saved session loaded, or copied into a new one.
  func resumeThread(_ params: JSONValue, fork: Bool) async throws -> JSONValue {
    guard let id = params["threadId"]?.string else {
      throw JSONRPCError.invalidParams("threadId is required")
    }
    if !fork, let thread = await threads.thread(id) {
      return answer(
        thread.session, thread: threadJSON(thread.session, active: thread.turnID != nil))
    }
    let configuration = try configuration(params)
    guard let path = SavedSession.find(codexHome: configuration.codexHome, id: id) else {
      throw JSONRPCError.invalidParams("threadId: no saved thread \(id)")
    }
    let saved: SavedSession
    do {
      saved = try SavedSession.read(path: path)
    } catch {
      throw JSONRPCError(code: -32603, message: "cannot read thread \(id): \(error)")
    }
    let approvals = AppServerApprovals(connection: connection)
    let session: Session
    do {
      session = try Session.start(
        configuration: configuration, traffic: traffic, approvals: approvals,
        environment: environment, resuming: fork ? nil : saved, forking: fork ? saved : nil,
        notice: { Self.logger.notice("\($0)") })
    } catch let error as SessionResumeError {
      throw JSONRPCError(code: -32603, message: error.message)
    }
    return try await opened(session, approvals: approvals, notify: fork)
  }

  private func opened(_ session: Session, approvals: AppServerApprovals, notify: Bool)
    async throws -> JSONValue
  {
    approvals.threadID = session.id
    await threads.add(AppServerThread(session: session, approvals: approvals))
    let thread = threadJSON(session, active: false)
    if notify {
      let connection = connection
      Task { try? await connection.notify("thread/started", ["thread": thread]) }
    }
    return answer(session, thread: thread)
  }

  /// What `thread/start` and `thread/resume` answer: the thread and its settings.
  func answer(_ session: Session, thread: JSONValue) -> JSONValue {
    let configuration = session.configuration
    return [
      "thread": thread, "model": .string(configuration.model),
      "modelProvider": .string(configuration.provider.id),
      "cwd": .string(configuration.workingDirectory),
      "approvalPolicy": .string(configuration.approvalPolicy.rawValue),
      "approvalsReviewer": "user", "sandbox": AppServerShapes.sandbox(configuration),
      "reasoningEffort": .string(configuration.reasoningEffort.rawValue),
      "instructionSources": [], "disabledPluginIds": [], "collaborationMode": .null,
      "itemsBackwardsCursor": .null, "turnsBackwardsCursor": .null,
    ]
  }

  /// A loaded session as a thread.
  func threadJSON(_ session: Session, active: Bool) -> JSONValue {
    let configuration = session.configuration
    let preview =
      session.items.lazy.compactMap { item -> String? in
        if case .user(let text) = item, !text.hasPrefix("<") { return text }
        return nil
      }.first ?? ""
    let now = Int(Date().timeIntervalSince1970)
    return AppServerShapes.thread(
      id: session.id, path: session.log?.path, cwd: configuration.workingDirectory,
      model: configuration.model, provider: configuration.provider.id, preview: preview,
      created: now, updated: now, active: active,
      name: SessionNames(codexHome: configuration.codexHome).name(of: session.id))
  }

  /// A saved session (its log's head) as a thread.
  func threadJSON(saved path: String, configuration: Configuration) -> JSONValue? {
    guard let head = SavedSession.head(path: path) else { return nil }
    var info = stat()
    let modified = stat(path, &info) == 0 ? Int(info.st_mtim.tv_sec) : 0
    let started =
      ISO8601DateFormatter().date(from: String(head.started.prefix(19)) + "Z").map {
        Int($0.timeIntervalSince1970)
      } ?? modified
    return AppServerShapes.thread(
      id: head.id, path: path, cwd: head.workingDirectory, model: configuration.model,
      provider: configuration.provider.id, preview: head.firstPrompt ?? "", created: started,
      updated: modified, active: false,
      name: SessionNames(codexHome: configuration.codexHome).name(of: head.id))
  }

  /// `thread/list`: saved sessions, the most recently used first.
  func listThreads(_ params: JSONValue) throws -> JSONValue {
    let configuration = try configuration([:])
    let limit = params["limit"]?.int ?? 50
    var paths = SavedSession.list(codexHome: configuration.codexHome, limit: limit)
    if params["archived"]?.bool == true {
      // Archived sessions: the files of archived_sessions, newest first.
      let folder = configuration.codexHome + "/archived_sessions"
      let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
      paths = names.filter { $0.hasPrefix("rollout-") && $0.hasSuffix(".jsonl") }.sorted()
        .reversed().prefix(limit).map { folder + "/" + $0 }
    }
    let data = paths.compactMap { threadJSON(saved: $0, configuration: configuration) }
    return ["data": .array(data), "nextCursor": .null, "backwardsCursor": .null]
  }

  /// `thread/read`: one thread, loaded or saved; with `includeTurns`, its turns (the
  /// prompts, the commands run and the answers).
  func readThread(_ params: JSONValue) async throws -> JSONValue {
    guard let id = params["threadId"]?.string else {
      throw JSONRPCError.invalidParams("threadId is required")
    }
    let withTurns = params["includeTurns"]?.bool ?? false
    if let thread = await threads.thread(id) {
      var json = threadJSON(thread.session, active: thread.turnID != nil).object ?? [:]
      if withTurns { json["turns"] = .array(Self.turns(of: thread.session.items)) }
      return ["thread": .object(json)]
    }
    let configuration = try configuration([:])
    guard let path = SavedSession.find(codexHome: configuration.codexHome, id: id),
      var json = threadJSON(saved: path, configuration: configuration)?.object
    else { throw JSONRPCError.invalidParams("threadId: no saved thread \(id)") }
    if withTurns, let saved = try? SavedSession.read(path: path) {
      json["turns"] = .array(Self.turns(of: saved.items))
    }
    return ["thread": .object(json)]
  }

  /// A conversation as the protocol's turns: each prompt with what followed it.
  static func turns(of items: [ConversationItem]) -> [JSONValue] {
    Interpreter.turns(of: items).enumerated().map { index, turn in
      let id = "turn-\(index + 1)"
      let shown: [JSONValue] = turn.enumerated().compactMap { position, item in
        let itemID = "\(id)-item-\(position + 1)"
        switch item {
        case .user(let text): return AppServerShapes.userMessage(id: itemID, text: text)
        case .assistant(let text): return AppServerShapes.agentMessage(id: itemID, text: text)
        case .functionCall(let callID, let name, let arguments, _):
          let summary = Interpreter.callSummary(name, arguments)
          guard summary.hasPrefix("$ ") else { return nil }
          return AppServerShapes.commandExecution(
            id: callID, command: String(summary.dropFirst(2)), cwd: "", status: "completed")
        default: return nil
        }
      }
      return AppServerShapes.turn(id: id, status: "completed", items: shown)
    }
  }

  /// `thread/archive`, `thread/unarchive`, `thread/delete`.
  func archive(_ method: String, _ params: JSONValue) throws -> JSONValue {
    guard let id = params["threadId"]?.string else {
      throw JSONRPCError.invalidParams("threadId is required")
    }
    let archive = SessionArchive(codexHome: try configuration([:]).codexHome)
    do {
      switch method {
      case "thread/unarchive":
        let path = try archive.unarchive(id)
        let configuration = try configuration([:])
        return ["thread": threadJSON(saved: path, configuration: configuration) ?? .null]
      case "thread/delete": try archive.delete(try archive.active(id))
      default: _ = try archive.archive(try archive.active(id))
      }
    } catch let error as SessionArchive.Failure {
      throw JSONRPCError.invalidParams("threadId: \(error.description)")
    }
    return [:]
  }

  /// `thread/name/set`.
  func nameThread(_ params: JSONValue) throws -> JSONValue {
    guard let id = params["threadId"]?.string, let name = params["name"]?.string else {
      throw JSONRPCError.invalidParams("threadId and name are required")
    }
    do {
      try SessionNames(codexHome: try configuration([:]).codexHome).set(name, for: id)
    } catch {
      throw JSONRPCError(code: -32603, message: "\(error)")
    }
    return [:]
  }

  /// `thread/compact/start`.
  func compactThread(_ params: JSONValue) async throws -> JSONValue {
    let thread = try await loaded(params)
    do {
      try await thread.session.compact { _ in }
    } catch {
      throw JSONRPCError(code: -32603, message: (error as? ModelError)?.message ?? "\(error)")
    }
    return [:]
  }

  /// `model/list`: the models the catalog lists.
  func models() throws -> JSONValue {
    let configuration = try configuration([:])
    let data: [JSONValue] = configuration.catalog.listed.map { info in
      [
        "id": .string(info.slug), "model": .string(info.slug),
        "displayName": .string(info.displayName), "description": .string(info.summary),
        "hidden": false, "isDefault": .bool(info.slug == configuration.model),
        "defaultReasoningEffort": .string((info.defaultEffort ?? .medium).rawValue),
        "supportedReasoningEfforts": .array(
          info.efforts.map { ["reasoningEffort": .string($0.rawValue), "description": ""] }),
        "additionalSpeedTiers": [], "availableAccessPrograms": .null, "defaultServiceTier": .null,
        "multiAgentVersion": .null, "supportsPersonality": false, "upgrade": .null,
        "upgradeInfo": .null, "availabilityNux": .null, "modelSpecialty": .null,
        "serviceTiers": [], "inputModalities": ["text", "image"],
      ]
    }
    return ["data": .array(data), "nextCursor": .null]
  }

  /// `account/read`, `account/login/start` (an API key), `account/logout`.
  func account(_ method: String, _ params: JSONValue) throws -> JSONValue {
    let configuration = try configuration([:])
    let store = AuthStore(codexHome: configuration.codexHome)
    switch method {
    case "account/login/start":
      guard params["type"]?.string == "apiKey", let key = params["apiKey"]?.string else {
        throw JSONRPCError.invalidParams(
          "type: only \"apiKey\" sign-in (with apiKey) is offered here; ChatGPT sign-in is not")
      }
      do { try store.save(apiKey: key) } catch {
        throw JSONRPCError(code: -32603, message: "\(error)")
      }
      return ["type": "apiKey"]
    case "account/logout":
      _ = try? store.remove()
      return [:]
    default:
      // Signed in with a key saved by login, or one the provider reads from the environment.
      let key =
        store.apiKey()
        ?? ModelClient.apiKey(
          for: configuration.provider, environment: environment,
          codexHome: configuration.codexHome)
      return [
        "account": key != nil ? ["type": "apiKey"] : .null, "requiresOpenaiAuth": false,
      ]
    }
  }
}
