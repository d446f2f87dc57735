import Foundation
import Logging
import Sandbox

/// One conversation with the model: its history, settings and the turn loop.
///
/// A turn streams the model, runs the tools it calls, sends the results back and ends
/// when the model answers without calling a tool. Cancelling the task running `submit`
/// interrupts the turn at any point and leaves the conversation usable: partial text
/// is kept and pending tool calls are answered as aborted.
public final class Session: @unchecked Sendable {
  public let id: String
  public var configuration: Configuration
  public private(set) var items: [ConversationItem] = []
  public private(set) var totalUsage = TokenUsage()
  public var client: any ModelStreaming
  public var approvals: ApprovalHandler
  let environment: [String: String]
  private var approvedCommands: Set<[String]> = []
  /// Files the latest turn changed through patches, for `/diff` and `/undo`.
  public private(set) var lastTurnDiff = TurnDiff()
  /// Files changed through patches since the session began (for `/diff` outside git).
  public private(set) var sessionDiff = TurnDiff()
  /// How much context the latest request used, for auto-compaction.
  public private(set) var lastRequestInputTokens = 0
  private var instructions: String
  /// Where the conversation is written as it happens (`codex resume` reads it back).
  public var log: SessionLog?
  /// The configured MCP servers and their tools; nil when none is configured.
  public var mcp: MCPServers?

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
    let docs = Instructions.projectDocs(
      codexHome: configuration.codexHome, workingDirectory: configuration.workingDirectory,
      maxBytes: configuration.projectDocMaxBytes)
    instructions = Instructions.text(docs: docs, base: baseInstructions)
    Self.logger.info(
      "session started",
      metadata: [
        "id": "\(id)", "model": "\(configuration.model)",
        "provider": "\(configuration.provider.id)", "cwd": "\(configuration.workingDirectory)",
      ])
    items.append(
      .user(
        Instructions.environmentContext(
          workingDirectory: configuration.workingDirectory,
          approvalPolicy: configuration.approvalPolicy,
          sandbox: configuration.sandboxPolicy, shell: environment["SHELL"] ?? "/bin/sh")))
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
    items += saved.items.dropFirst()
    log = try SessionLog(appendingTo: saved.path)
  }

  /// Starts writing this session to `$CODEX_HOME/sessions` (what is said so far first).
  public func startLog() throws {
    let log = try SessionLog(
      codexHome: configuration.codexHome, id: id, workingDirectory: configuration.workingDirectory)
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
  private func append(_ item: ConversationItem) {
    items.append(item)
    log?.append(item)
  }

  static let logger = Logger(label: "codex.session")

  struct TurnAborted: Error {}

  static let compactionPrompt = """
    Summarize the conversation so far for yourself, to continue the work with this summary
    instead of the full history: the user's goals, decisions made, files changed and why,
    commands that matter and their results, and what remains to be done. Be complete but brief.
    """

  /// Starts a new conversation with the same settings.
  public func reset() {
    items = [items[0]]
    log?.replaced(summary: nil)
    totalUsage = TokenUsage()
    lastRequestInputTokens = 0
    lastTurnDiff = TurnDiff()
  }

  /// Adds text the user wants the model to see with the next prompt (e.g. `!command` output).
  public func addContext(_ text: String) {
    append(.user(text))
  }

  /// The share of the context window left after the latest request, when the window is known.
  public var contextLeft: Double? {
    guard let window = configuration.contextWindow, window > 0 else { return nil }
    return max(0, 1 - Double(lastRequestInputTokens) / Double(window))
  }

  /// Replaces the history by a summary the model writes, to free context. The
  /// environment context stays first.
  public func compact(emit: @escaping @Sendable (EngineEvent) -> Void) async throws {
    let request = ModelRequest(
      model: configuration.model, instructions: instructions,
      items: items + [.user(Self.compactionPrompt)], tools: [],
      reasoningEffort: configuration.reasoningEffort, reasoningSummary: nil,
      store: !configuration.disableResponseStorage,
      sessionID: id)
    var summary = ""
    var usage = TokenUsage()
    for try await event in client.stream(request) {
      switch event {
      case .item(.assistant(let text)): summary = text
      case .completed(let reported): usage = reported ?? usage
      case .retrying(let attempt, let delay, let reason):
        emit(.retrying(attempt: attempt, delay: delay, reason: reason))
      default: break
      }
    }
    try Task.checkCancellation()
    guard !summary.isEmpty else {
      throw ModelError("the model returned no summary; the history was kept")
    }
    totalUsage = totalUsage + usage
    items = [items[0], .user("Summary of the conversation so far:\n" + summary)]
    log?.replaced(summary: summary)
    emit(.compacted(summary: summary))
  }

  /// Runs one turn for the user's text, reporting through `emit`.
  public func submit(
    _ text: String, images: [String] = [], emit: @escaping @Sendable (EngineEvent) -> Void
  ) async throws {
    images.forEach { append(.userImage(dataURL: $0)) }
    append(.user(text))
    lastTurnDiff = TurnDiff(
      gitBase: await GitSnapshot.take(in: configuration.workingDirectory, environment: environment),
      environment: environment)
    emit(.turnStarted)
    Self.logger.debug("turn started", metadata: ["session": "\(id)"])
    if let mcp {
      await mcp.ready()
      for problem in await mcp.newProblems() { emit(.warning(problem)) }
    }
    let tools = ToolSpecs.all + (mcp?.toolSpecs ?? [])
    var turnUsage = TokenUsage()
    var lastMessage: String?
    do {
      while true {
        let request = ModelRequest(
          model: configuration.model, instructions: instructions, items: items,
          tools: tools,
          reasoningEffort: configuration.reasoningEffort,
          reasoningSummary: configuration.reasoningSummary,
          store: !configuration.disableResponseStorage,
          sessionID: id)
        var calls: [(id: String, name: String, arguments: String)] = []
        var partial = ""
        do {
          for try await event in client.stream(request) {
            switch event {
            case .textDelta(let delta):
              partial += delta
              emit(.agentMessageDelta(delta))
            case .reasoningDelta(let delta): emit(.reasoningDelta(delta))
            case .item(let item):
              switch item {
              case .assistant(let message):
                append(item)
                partial = ""
                lastMessage = message
                emit(.agentMessage(message))
              case .functionCall(let callID, let name, let arguments):
                append(item)
                calls.append((callID, name, arguments))
              case .reasoning(let summary):
                emit(.reasoning(summary))
              default: break
              }
            case .completed(let usage):
              if let usage {
                turnUsage = turnUsage + usage
                totalUsage = totalUsage + usage
                lastRequestInputTokens = usage.inputTokens
              }
            case .retrying(let attempt, let delay, let reason):
              // The text of a broken attempt comes again with the retry.
              partial = ""
              emit(.retrying(attempt: attempt, delay: delay, reason: reason))
            }
          }
          // A cancelled consumer sees the stream simply end: that is an interruption.
          try Task.checkCancellation()
        } catch {
          // Keep what the model already said, and answer calls that will not run.
          if !partial.isEmpty { append(.assistant(partial)) }
          answerPending(calls, from: 0)
          throw error
        }
        if calls.isEmpty { break }
        for (index, call) in calls.enumerated() {
          do {
            try Task.checkCancellation()
            let output = try await runTool(
              callID: call.id, name: call.name, arguments: call.arguments, emit: emit)
            append(.functionOutput(callID: call.id, output: output))
          } catch {
            answerPending(calls, from: index)
            throw error
          }
        }
      }
    } catch is TurnAborted {
      emit(.error("turn aborted"))
    }
    emit(.tokenUsage(turn: turnUsage, total: totalUsage, contextLeft: contextLeft))
    emit(.turnCompleted(lastMessage: lastMessage))
    if let command = configuration.notify, !command.isEmpty {
      let notifier = TurnNotifier(
        command: command, workingDirectory: configuration.workingDirectory,
        environment: environment)
      if let problem = await notifier.notify(
        turnID: UUID().uuidString.lowercased(), inputs: [text], lastMessage: lastMessage)
      {
        emit(.warning(problem))
      }
    }
    if let limit = configuration.autoCompactTokenLimit, lastRequestInputTokens >= limit {
      try await compact(emit: emit)
    }
  }

  private func answerPending(
    _ calls: [(id: String, name: String, arguments: String)], from index: Int
  ) {
    let answered = Set(
      items.compactMap { item -> String? in
        if case .functionOutput(let id, _) = item { return id }
        return nil
      })
    for call in calls[index...] where !answered.contains(call.id) {
      append(.functionOutput(callID: call.id, output: "aborted: the user interrupted the turn"))
    }
  }

  // MARK: - Tools

  func runTool(
    callID: String, name: String, arguments: String, emit: @escaping @Sendable (EngineEvent) -> Void
  )
    async throws -> String
  {
    let object = JSON.object(arguments) ?? [:]
    switch name {
    case "shell", "container.exec":
      guard let command = object["command"] as? [String], !command.isEmpty else {
        return "error: `command` must be a non-empty array of strings"
      }
      if let patch = EmbeddedPatch.patchText(in: command) {
        return try await applyPatch(callID: callID, text: patch, emit: emit)
      }
      let timeout = (object["timeout_ms"] as? NSNumber).map { Duration.milliseconds($0.int64Value) }
      return try await runShell(
        callID: callID, command: command, workdir: object["workdir"] as? String, timeout: timeout,
        escalation: object["with_escalated_permissions"] as? Bool ?? false,
        justification: object["justification"] as? String, emit: emit)
    case "apply_patch":
      guard let input = object["input"] as? String else {
        return "error: `input` must hold the patch"
      }
      return try await applyPatch(callID: callID, text: input, emit: emit)
    case "update_plan":
      let steps = (object["plan"] as? [[String: Any]] ?? []).compactMap { entry -> PlanStep? in
        guard let step = entry["step"] as? String,
          let status = PlanStep.Status(rawValue: entry["status"] as? String ?? "")
        else { return nil }
        return PlanStep(step: step, status: status)
      }
      emit(.planUpdated(steps))
      return "Plan updated"
    default:
      if let mcp, let route = mcp.route(name) {
        return try await callMCPTool(
          mcp, callID: callID, name: name, route: route, arguments: arguments, emit: emit)
      }
      let names = (ToolSpecs.all + (mcp?.toolSpecs ?? [])).map(\.name)
      return "error: unknown tool `\(name)`; the tools are \(names.joined(separator: ", "))"
    }
  }

  private func callMCPTool(
    _ mcp: MCPServers, callID: String, name: String, route: (server: String, tool: String),
    arguments: String,
    emit: @escaping @Sendable (EngineEvent) -> Void
  ) async throws -> String {
    emit(
      .mcpToolCallBegin(
        callID: callID, server: route.server, tool: route.tool, arguments: arguments))
    let start = ContinuousClock.now
    let result = try await mcp.call(name, arguments: arguments)
    emit(
      .mcpToolCallEnd(
        callID: callID, server: route.server, tool: route.tool, result: result.text,
        isError: result.isError, duration: ContinuousClock.now - start))
    return result.isError && !result.text.hasPrefix("error") ? "error: " + result.text : result.text
  }

  private func runShell(
    callID: String, command: [String], workdir: String?, timeout: Duration?, escalation: Bool,
    justification: String?,
    emit: @escaping @Sendable (EngineEvent) -> Void
  ) async throws -> String {
    let base = configuration.workingDirectory
    let directory = workdir.map { $0.hasPrefix("/") ? $0 : base + "/" + $0 } ?? base
    let policy = configuration.sandboxPolicy
    var request = ExecApprovalRequest(
      command: command, approvalPolicy: configuration.approvalPolicy, sandboxMode: policy.mode,
      escalation: escalation,
      justification: justification, approvedForSession: approvedCommands.contains(command),
      sandboxUnavailable: policy.mode == .dangerFullAccess
        ? nil : LinuxSandbox.Support.current.problem)
    var decision = ExecApproval.decide(request)
    if case .ask(let reason) = decision { decision = try await ask(command, directory, reason) }
    switch decision {
    case .refuse(let reason):
      emit(.commandRefused(callID: callID, command: command, reason: reason))
      return "command was not run: \(reason)"
    case .ask: return "command was not run"
    case .runSandboxed, .runUnsandboxed:
      let sandboxed = decision == .runSandboxed
      let first = try await execute(
        callID, command, directory, timeout, sandboxed: sandboxed, emit: emit)
      guard sandboxed, first.exitCode != 0, configuration.approvalPolicy == .onFailure else {
        return first.output
      }
      request.retryAfterSandboxFailure = true
      var retry = ExecApproval.decide(request)
      if case .ask(let reason) = retry { retry = try await ask(command, directory, reason) }
      guard retry == .runUnsandboxed else { return first.output }
      return try await execute(callID, command, directory, timeout, sandboxed: false, emit: emit)
        .output
    }
  }

  private func ask(
    _ command: [String], _ directory: String, _ reason: String, diff: String? = nil
  ) async throws
    -> ExecDecision
  {
    switch await approvals.answer(
      ApprovalQuestion(command: command, workingDirectory: directory, reason: reason, diff: diff))
    {
    case .approve: return .runUnsandboxed
    case .approveForSession:
      approvedCommands.insert(command)
      return .runUnsandboxed
    case .deny: return .refuse(reason: "the user declined")
    case .abort: throw TurnAborted()
    }
  }

  private func execute(
    _ callID: String, _ command: [String], _ directory: String, _ timeout: Duration?,
    sandboxed: Bool,
    emit: @escaping @Sendable (EngineEvent) -> Void
  ) async throws -> (exitCode: Int32, output: String) {
    emit(
      .execBegin(
        callID: callID, command: command, workingDirectory: directory, sandboxed: sandboxed))
    let rules =
      sandboxed
      ? LinuxSandbox.rules(
        for: configuration.sandboxPolicy, workingDirectory: directory, environment: environment)
      : nil
    let request = ExecRequest(
      command: command, workingDirectory: directory,
      environment: configuration.shellEnvironment.environment(from: environment), timeout: timeout,
      outputLimit: 64 * 1024, sandbox: rules)
    let aggregated = AggregatedOutput(limit: 16 * 1024)
    var text = ""
    var exitCode: Int32 = 0
    var duration = Duration.zero
    do {
      let result = try await ProcessExecutor.run(request) { stream, bytes in
        aggregated.append(bytes)
        emit(.execOutput(callID: callID, stream: stream, bytes: bytes))
      }
      exitCode = result.status
      duration = result.duration
      text = aggregated.text + (result.timedOut ? "\n[command timed out]" : "")
      if result.cancelled { throw CancellationError() }
    } catch let error as ExecError {
      exitCode = 127
      duration = .zero
      text = error.description
    }
    emit(
      .execEnd(
        callID: callID, command: command, exitCode: exitCode, duration: duration, output: text))
    let seconds =
      Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    let payload: [String: Any] = [
      "output": text,
      "metadata": ["exit_code": Int(exitCode), "duration_seconds": (seconds * 10).rounded() / 10],
    ]
    let output = (try? JSON.data(payload)).map { String(decoding: $0, as: UTF8.self) } ?? text
    return (exitCode, output)
  }

  private func applyPatch(
    callID: String, text: String, emit: @escaping @Sendable (EngineEvent) -> Void
  ) async throws
    -> String
  {
    let applier = PatchApplier(workingDirectory: configuration.workingDirectory)
    do {
      let patch = try PatchParser.parse(text)
      let planned = try applier.plan(patch)
      if let reason = patchNeedsApproval(planned, applier: applier) {
        var decision = ExecApproval.decide(
          ExecApprovalRequest(
            command: ["apply_patch"], approvalPolicy: configuration.approvalPolicy,
            sandboxMode: .readOnly,
            escalation: true, justification: reason))
        if case .ask(let question) = decision {
          decision = try await ask(
            ["apply_patch"] + planned.map(\.summary), configuration.workingDirectory, question,
            diff: planned.map(\.diff).joined())
        }
        if case .refuse(let why) = decision {
          emit(.patchFailed(callID: callID, message: why))
          return "patch not applied: \(why)"
        }
      }
      let changes = try applier.apply(patch)
      for change in changes {
        lastTurnDiff.record(change, applier: applier)
        sessionDiff.record(change, applier: applier)
      }
      emit(.patchApplied(callID: callID, changes: changes))
      return "Success. Updated the following files:\n"
        + changes.map(\.summary).joined(separator: "\n")
    } catch let error as PatchError {
      emit(.patchFailed(callID: callID, message: error.message))
      return "patch not applied, no file changed: \(error.message)"
    }
  }

  /// Why a patch may not be applied without asking: read-only mode, or a file outside
  /// the writable roots (or in a protected directory).
  private func patchNeedsApproval(_ changes: [FileChange], applier: PatchApplier) -> String? {
    let policy = configuration.sandboxPolicy
    switch policy.mode {
    case .dangerFullAccess: return nil
    case .readOnly: return "the sandbox is read-only"
    case .workspaceWrite:
      let roots = policy.writableRoots(
        workingDirectory: configuration.workingDirectory, environment: environment)
      for change in changes {
        for path in [change.path, change.movedTo].compactMap({ $0 }) {
          let absolute = URL(fileURLWithPath: applier.absolute(path)).standardizedFileURL.path
          let inside = roots.contains { absolute.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") }
          let protected = roots.contains { root in
            SandboxPolicy.protectedNames.contains { absolute.hasPrefix(root + "/" + $0 + "/") }
          }
          if !inside || protected { return "\(path) is outside the writable roots" }
        }
      }
      return nil
    }
  }
}

/// Output of both streams in arrival order, capped, for the model.
final class AggregatedOutput: @unchecked Sendable {
  private let lock = NSLock()
  private var output: CappedOutput

  init(limit: Int) { output = CappedOutput(limit: limit) }
  func append(_ bytes: [UInt8]) { lock.withLock { output.append(bytes) } }
  var text: String { lock.withLock { output.text } }
}
