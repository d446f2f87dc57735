import Foundation
import Logging
import Sandbox

/// One conversation with the model: its history, settings and the turn loop.
///
/// A turn streams the model, runs the tools it calls, sends the results back and ends
/// when the model answers without calling a tool. Cancelling the task running `submit`
/// interrupts the turn at any point and leaves the conversation usable: partial text
/// is kept and pending tool calls are answered as aborted.
// @unchecked Sendable: one turn runs at a time (front-ends await `submit`; the MCP server
// queues a session's prompts); between turns only that one task touches it.
public final class Session: @unchecked Sendable {
  /// The session's id, in its log's name and in requests.
  public let id: String
  /// The settings in effect (slash commands change them between turns).
  public var configuration: Configuration
  /// The conversation, first item the environment context.
  public internal(set) var items: [ConversationItem] = []
  /// Tokens used by every request of the session.
  public internal(set) var totalUsage = TokenUsage()
  /// Where requests go.
  public var client: any ModelStreaming
  /// Who answers approval questions.
  public var approvals: ApprovalHandler
  let environment: [String: String]
  /// Runs the commands of tools; a fake in tests of the turn loop.
  public var executor: any CommandExecutor = SystemCommandExecutor()
  /// "Always" answers, kept for the rest of the session.
  let approvalMemory = ApprovalMemory()
  /// Files the latest turn changed through patches, for `/diff` and `/undo`.
  public internal(set) var lastTurnDiff = TurnDiff()
  /// Files changed through patches since the session began (for `/diff` outside git).
  public internal(set) var sessionDiff = TurnDiff()
  /// How much context the latest request used, for auto-compaction.
  public private(set) var lastRequestInputTokens = 0
  /// The AGENTS.md files read when the session started.
  private let projectDocs: [(path: String, text: String)]
  /// Instructions that replace the built-in ones (a review's, `model_instructions_file`).
  private let customInstructions: String?
  /// What the model is told first: the built-in instructions for the tools it is
  /// offered now (`/model` may change them), then the project's.
  var instructions: String {
    Instructions.text(
      docs: projectDocs,
      base: customInstructions ?? Instructions.base(for: configuration.commandTools))
  }
  /// Where the conversation is written as it happens (`codex resume` reads it back).
  public var log: SessionLog?
  /// Whether `sessionConfigured` was sent (by the first turn in this process).
  private var announced = false
  /// The environment context the model was last given: when the directory or a policy
  /// changes (`/approve`, `/sandbox`, `/profile`), the next turn tells it the new one.
  var toldContext = ""
  /// Input added to the running turn, taken before its next request.
  private let steeringLock = NSLock()
  private var steering: [String] = []
  /// The model the code-mode notice was last given for, so it is said once per model.
  private var toolsNoticeModel: String?
  /// The configured MCP servers and their tools; nil when none is configured.
  public var mcp: MCPServers?
  /// The provider refused a request with images: `view_image` is not offered again.
  public internal(set) var imagesRefused = false
  /// SessionStart hooks ran in this process; `startSource` is what they were told.
  var sessionStartRan = false
  var startSource = "startup"
  /// The working tree was captured for this turn's /undo.
  var turnSnapshotTaken = false
  /// Whether turns snapshot the working tree before a command may write (see
  /// `keepUndoSnapshots`).
  public internal(set) var keepsUndoSnapshots = false
  var undoBaselineBegun = false
  /// The conversation's items as request JSON, each encoded once.
  let itemCache = EncodedItemCache()
  /// Model requests made, and their cost when the provider has prices.
  public internal(set) var requestsMade = 0
  public internal(set) var spentCost = 0.0
  /// The budgets the next turns count against (a step's, a run's).
  public var meters: [BudgetMeter] = []
  /// Skills chosen with `/skills NAME` for the next prompt.
  var pendingSkills: [Skill] = []

  /// A new session with the environment context as its first item; nothing is logged until
  /// `startLog`.
  public init(
    configuration: Configuration, client: any ModelStreaming, approvals: ApprovalHandler,
    environment: [String: String] = ProcessInfo.processInfo.environment,
    id: String = UUID().uuidString.lowercased(), baseInstructions: String? = nil
  ) {
    self.id = id
    self.configuration = configuration
    self.client = client
    self.approvals = approvals
    self.environment = environment
    projectDocs = Instructions.projectDocs(
      codexHome: configuration.codexHome, workingDirectory: configuration.workingDirectory,
      maxBytes: configuration.projectDocMaxBytes,
      fallbackFilenames: configuration.projectDocFallbackFilenames)
    customInstructions = baseInstructions ?? configuration.modelInstructions
    Self.logger.info(
      "session started",
      metadata: [
        "id": "\(id)", "model": "\(configuration.model)",
        "provider": "\(configuration.provider.id)", "cwd": "\(configuration.workingDirectory)",
      ])
    toldContext = Self.environmentContext(configuration, environment)
    items.append(.user(toldContext))
    if let developer = configuration.developerInstructions, !developer.isEmpty {
      items.append(.developer(developer))
    }
    if let skills = configuration.skills.instructions { items.append(.developer(skills)) }
  }

  /// Continues a saved session: its id and history, with the environment context of
  /// now (the directory or policies may differ), written on to the same log.
  public convenience init(
    resuming saved: SavedSession, configuration: Configuration, client: any ModelStreaming,
    approvals: ApprovalHandler, environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws {
    self.init(
      configuration: configuration, client: client, approvals: approvals, environment: environment,
      id: saved.id)
    items += Self.carriedOver(saved.items)
    log = try SessionLog(appendingTo: saved.path)
    startSource = "resume"
    // A run that died between a call and its output left the call unanswered, which
    // the API refuses; answer each such call now, in the log too.
    for call in Self.unansweredCalls(in: items) {
      append(.output(callID: call.id, custom: call.custom, Self.interruptedOutput))
    }
  }

  /// A new session (its own id and log) that starts with a copy of another's
  /// conversation, under the environment context and developer instructions of now.
  public convenience init(
    forking saved: SavedSession, configuration: Configuration, client: any ModelStreaming,
    approvals: ApprovalHandler, environment: [String: String] = ProcessInfo.processInfo.environment
  ) {
    self.init(
      configuration: configuration, client: client, approvals: approvals, environment: environment)
    items += Self.carriedOver(saved.items)
    for call in Self.unansweredCalls(in: items) {
      items.append(.output(callID: call.id, custom: call.custom, Self.interruptedOutput))
    }
  }

  /// This session as a saved one (its log, its conversation so far), to fork from.
  public var asSaved: SavedSession {
    SavedSession(
      id: id, path: log?.path ?? "", workingDirectory: configuration.workingDirectory,
      started: "", items: items)
  }

  /// What the model is told for a call whose run was interrupted before it finished.
  public static let interruptedOutput =
    "aborted: codex was interrupted before this command finished"

  /// The calls (function or custom) with no output after them, in order.
  static func unansweredCalls(in items: [ConversationItem]) -> [(id: String, custom: Bool)] {
    var pending: [(id: String, custom: Bool)] = []
    for item in items {
      if let call = item.call {
        pending.append(call)
      } else if let id = item.outputCallID {
        pending.removeAll { $0.id == id }
      }
    }
    return pending
  }

  /// Starts writing this session to `$CODEX_HOME/sessions` (what is said so far first).
  public func startLog() throws {
    let log = try SessionLog(
      codexHome: configuration.codexHome, id: id, workingDirectory: configuration.workingDirectory,
      modelProvider: configuration.provider.id)
    items.forEach(log.append)
    self.log = log
  }

  /// Starts the configured MCP servers in the background; the first turn waits for
  /// them (each within its start-up timeout). Nothing happens without servers.
  public func startMCPServers() {
    guard mcp == nil, configuration.mcpServers.contains(where: \.enabled) else { return }
    let servers = MCPServers(servers: configuration.mcpServers, environment: environment)
    servers.start()
    mcp = servers
  }

  /// Adds an item to the conversation and to the log.
  func append(_ item: ConversationItem) {
    items.append(item)
    log?.append(item)
  }

  static let logger = Logger(label: "codex.session")

  /// Adds input to the turn running now: the model sees it with its next request.
  public func steer(_ text: String) {
    steeringLock.withLock { steering.append(text) }
  }

  /// Whether input added to the running turn waits.
  var hasSteering: Bool { steeringLock.withLock { !steering.isEmpty } }

  /// The input added to the running turn, taken.
  func takeSteering() -> [String] {
    steeringLock.withLock {
      defer { steering = [] }
      return steering
    }
  }

  /// Adds text the user wants the model to see with the next prompt (e.g. `!command` output).
  public func addContext(_ text: String) {
    append(.user(text))
  }

  /// Keeps a review done beside the conversation in it, so the user can ask the model
  /// to act on the findings.
  public func addReview(_ result: ReviewResult) {
    append(.user("Code review of \(result.target) requested."))
    append(.assistant(result.plainText))
  }

  /// The share of the context window left after the latest request, when the window is known.
  public var contextLeft: Double? {
    guard let window = configuration.contextWindow, window > 0 else { return nil }
    return max(0, 1 - Double(lastRequestInputTokens) / Double(window))
  }

  /// Sends `sessionConfigured` the first time it is called in this process (the first
  /// turn does; so does a review, which runs beside the conversation).
  public func announce(_ emit: @Sendable (EngineEvent) -> Void) {
    guard !announced else { return }
    announced = true
    emit(
      .sessionConfigured(
        sessionID: id, model: configuration.model, provider: configuration.provider.id))
  }

  /// Runs one turn for the user's text, reporting through `emit`, and returns how it
  /// ended. The first turn of a session in this process opens with
  /// `sessionConfigured`; every turn ends with exactly one of `turnCompleted`,
  /// `turnFailed` and `turnInterrupted`, never with a thrown error.
  @discardableResult
  public func submit(
    _ text: String, images: [String] = [], emit: @escaping @Sendable (EngineEvent) -> Void
  ) async -> TurnEnd {
    announce(emit)
    beginUndoBaseline()
    if let notice = configuration.modelToolsNotice, toolsNoticeModel != configuration.model {
      toolsNoticeModel = configuration.model
      emit(.warning(notice))
    }
    let context = Self.environmentContext(configuration, environment)
    if context != toldContext {
      toldContext = context
      // Before the first prompt the first context is still the only one: it is replaced.
      if items.dropFirst().allSatisfy(\.isDeveloper) {
        items[0] = .user(context)
      } else {
        append(.user(context))
      }
    }
    await startHooks(emit: emit)
    let turnID = UUID().uuidString.lowercased()
    let prompted = await runHooks(
      .userPromptSubmit, turnID: turnID, fields: ["prompt": .string(text)], emit: emit)
    if let reason = prompted.stop ?? prompted.block {
      emit(.turnStarted)
      return end(.failed(reason: "a UserPromptSubmit hook blocked the prompt: \(reason)"), emit)
    }
    images.forEach { append(.userImage(dataURL: $0)) }
    append(.user(text))
    prompted.contexts.forEach { append(.developer($0)) }
    useSkills(mentionedIn: text, emit: emit)
    // The working tree is captured (for /undo) only before the turn's first call that
    // may write: a turn that only reads costs nothing here, however large the repository.
    lastTurnDiff = TurnDiff(environment: environment)
    turnSnapshotTaken = false
    emit(.turnStarted)
    Self.logger.debug("turn started", metadata: ["session": "\(id)"])
    if let mcp {
      await mcp.ready()
      for problem in await mcp.newProblems() { emit(.warning(problem)) }
    }
    let orchestrator = ToolOrchestrator(
      router: ToolRouter(
        mcp: mcp, commands: configuration.commandTools,
        freeformPatch: configuration.freeformPatch,
        edits: !configuration.readOnlyTools,
        images: configuration.viewImage && configuration.isEnabled("view_image_tool")
          && !imagesRefused, replaying: client is CassettePlayer),
      approvals: approvals, memory: approvalMemory)
    let outcome: TurnLoop.Outcome
    do {
      outcome = try await runLoop(
        TurnLoop(session: self, orchestrator: orchestrator, emit: emit, turnID: turnID))
    } catch is CancellationError {
      return end(.interrupted, emit)
    } catch is ToolOrchestrator.TurnAborted {
      return end(.interrupted, emit)
    } catch let exceeded as BudgetExceeded {
      return end(.failed(reason: exceeded.message), emit)
    } catch {
      let modelError = error as? ModelError
      let reason = modelError?.message ?? "\(error)"
      Self.logger.error(
        "turn failed",
        metadata: [
          "session": "\(id)", "provider": "\(configuration.provider.id)",
          "url": "\(configuration.provider.baseURL)",
          "status": "\(modelError?.status.map(String.init) ?? "none")",
          "attempts": "\(modelError?.attempts ?? 1)", "reason": "\(reason)",
        ])
      return end(.failed(reason: reason), emit)
    }
    emit(.tokenUsage(turn: outcome.usage, total: totalUsage, contextLeft: contextLeft))
    let ending = end(.completed(lastMessage: outcome.lastMessage), emit)
    if let command = configuration.notify, !command.isEmpty {
      let notifier = TurnNotifier(
        command: command, workingDirectory: configuration.workingDirectory,
        environment: environment)
      if let problem = await notifier.notify(
        threadID: id, turnID: UUID().uuidString.lowercased(), inputs: [text],
        lastMessage: outcome.lastMessage)
      {
        emit(.warning(problem))
      }
    }
    if let limit = configuration.autoCompactTokenLimit, lastRequestInputTokens >= limit,
      !Task.isCancelled
    {
      do {
        try await compact(emit: emit, trigger: "auto")
      } catch {
        let reason = (error as? ModelError)?.message ?? "\(error)"
        emit(.warning("the conversation was not compacted: \(reason)"))
      }
    }
    return ending
  }

  private func end(_ ending: TurnEnd, _ emit: @Sendable (EngineEvent) -> Void) -> TurnEnd {
    emit(ending.event)
    return ending
  }

  /// The processes `exec_command` left running (`/ps`, `/stop`); they end with codex,
  /// and go on into a session `/new` starts.
  public var execSessions = UnifiedExecSessions()

  /// Output item types the model sent that codex does not handle, said once each.
  private var unknownItemTypes: Set<String> = []

  /// True the first time `type` is seen in this session.
  func firstSighting(ofItemType type: String) -> Bool {
    Self.logger.warning("the model sent an output item codex does not handle: \(type)")
    return unknownItemTypes.insert(type).inserted
  }

  func recordUsage(_ usage: TokenUsage) {
    totalUsage = totalUsage + usage
    lastRequestInputTokens = usage.inputTokens
    if let pricing = configuration.provider.pricing { spentCost += pricing.cost(of: usage) }
  }
}
