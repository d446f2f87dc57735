import Foundation
import Sandbox

/// One turn: stream the model, run the tools it calls through the orchestrator, send
/// the results back, until the model answers without calling a tool.
///
/// Cancelling the task interrupts the turn at any point and leaves the conversation
/// usable: partial text is kept and pending tool calls are answered as aborted.
struct TurnLoop {
  let session: Session
  let orchestrator: ToolOrchestrator
  let emit: @Sendable (EngineEvent) -> Void
  /// The turn's id, as hooks are told it.
  let turnID: String
  /// Images the tools of the current batch attached.
  let attachments = PendingImages()
  /// Developer messages hooks added during the current batch.
  let hookContexts = PendingImages()

  struct Outcome {
    /// Nil while no request of the turn reported usage.
    var usage: TokenUsage?
    var lastMessage: String?
  }

  func run() async throws -> Outcome {
    var outcome = Outcome()
    var stopHookActive = false
    while true {
      // Input the user added to the running turn (`turn/steer`) goes in before the next
      // request, never between a call and its output.
      for text in session.takeSteering() { session.append(.user(text)) }
      try session.checkBudgets(beforeRequest: true)
      let calls: [ToolCall]
      do {
        calls = try await streamOnce(&outcome)
      } catch let error as ModelError where session.dropImagesAfterRefusal(error) {
        emit(
          .notice(
            "this model does not take images (the provider answered: \(error.message)); "
              + "going on without them"))
        calls = try await streamOnce(&outcome)
      }
      // A budget spent by this request stops the turn before its calls run.
      do {
        try session.checkBudgets()
      } catch {
        answerPending(calls[...], reason: error.message)
        throw error
      }
      if calls.isEmpty {
        if session.hasSteering { continue }
        // A Stop hook may ask for one more round (once per turn): its reason goes to
        // the model as the user's words, tagged as a hook's.
        let verdict = await session.runHooks(
          .stop, turnID: turnID,
          fields: [
            "stop_hook_active": .bool(stopHookActive),
            "last_assistant_message": outcome.lastMessage.map { .string($0) } ?? .null,
          ], emit: emit)
        guard !stopHookActive, let reason = verdict.block, let hook = verdict.blockedBy else {
          break
        }
        stopHookActive = true
        session.append(
          .user(
            "<hook_prompt hook_run_id=\"stop:\(hook.order):\(hook.sourcePath)\">\(reason)</hook_prompt>"
          ))
        continue
      }
      var index = 0
      while index < calls.count {
        // Calls that only read (known-safe shell commands, which never ask) run side by
        // side; every output goes back in the order of the calls.
        var batch = [calls[index]]
        if onlyReads(calls[index]) {
          while index + batch.count < calls.count, onlyReads(calls[index + batch.count]) {
            batch.append(calls[index + batch.count])
          }
        }
        do {
          try Task.checkCancellation()
          let outputs = try await handle(batch)
          let limit = session.configuration.toolOutputTokenLimit
          for (call, output) in zip(batch, outputs) {
            session.append(
              .output(
                callID: call.id, custom: call.custom, ToolOutputLimit.cut(output, tokens: limit)))
          }
        } catch {
          answerPending(calls[index...])
          throw error
        }
        index += batch.count
        do {
          try session.checkBudgets()
        } catch {
          answerPending(calls[index...], reason: error.message)
          throw error
        }
      }
      // Images the calls attached (`view_image`) follow all their outputs (the Chat wire
      // allows nothing between a call and its output), for the next request.
      for image in attachments.take() { session.append(.userImage(dataURL: image)) }
      for text in hookContexts.take() { session.append(.developer(text)) }
    }
    return outcome
  }

  /// The outputs of `batch`, in its order: one call directly, several concurrently.
  private func handle(_ batch: [ToolCall]) async throws -> [String] {
    if batch.count == 1 {
      return [try await orchestrator.handle(batch[0], context: context(for: batch[0]))]
    }
    return try await withThrowingTaskGroup(of: (Int, String).self) { group in
      for (position, call) in batch.enumerated() {
        let context = context(for: call)
        group.addTask { [orchestrator] in
          (position, try await orchestrator.handle(call, context: context))
        }
      }
      var outputs = [String](repeating: "", count: batch.count)
      for try await (position, output) in group { outputs[position] = output }
      return outputs
    }
  }

  /// A call whose tool says it only reads: it never needs an approval, so it may run
  /// beside others.
  func onlyReads(_ call: ToolCall) -> Bool {
    guard let (tool, routed) = orchestrator.router.route(call) else { return false }
    return Self.onlyReads(tool, routed)
  }

  private static func onlyReads<T: Tool>(_ tool: T, _ call: ToolCall) -> Bool {
    guard let arguments = try? tool.decode(call.arguments) else { return false }
    return tool.isReadOnly(arguments)
  }

  /// One model request; returns the tool calls it made.
  private func streamOnce(_ outcome: inout Outcome) async throws -> [ToolCall] {
    let configuration = session.configuration
    var request = configuration.modelRequest(
      instructions: session.instructions, items: session.items, tools: orchestrator.router.specs,
      sessionID: session.id)
    request.itemCache = session.itemCache
    var calls: [ToolCall] = []
    var partial = ""
    session.requestsMade += 1
    do {
      for try await event in session.client.stream(request) {
        switch event {
        case .textDelta(let delta):
          partial += delta
          emit(.agentMessageDelta(delta))
        case .reasoningDelta(let delta): emit(.reasoningDelta(delta))
        case .toolInputDelta(let delta): emit(.toolInputDelta(delta))
        case .rawReasoningDelta(let delta):
          if configuration.showRawAgentReasoning { emit(.reasoningDelta(delta)) }
        case .item(let item):
          switch item {
          case .assistant(let message):
            session.append(item)
            partial = ""
            outcome.lastMessage = message
            emit(.agentMessage(message))
          case .functionCall(let callID, let name, let arguments, let namespace):
            session.append(item)
            calls.append(
              ToolCall(id: callID, name: name, arguments: arguments, namespace: namespace))
          case .customToolCall(let callID, let name, let input):
            session.append(item)
            calls.append(ToolCall(id: callID, name: name, arguments: input, custom: true))
          case .reasoning(let summary, _):
            // Kept in the conversation, in order: its encrypted content goes back to
            // the model with the calls it led to.
            session.append(item)
            if !summary.isEmpty { emit(.reasoning(summary)) }
          default: break
          }
        case .completed(let usage):
          if let usage {
            outcome.usage = (outcome.usage ?? TokenUsage()) + usage
            session.recordUsage(usage)
          }
        case .retrying(let notice):
          // The text of a broken attempt comes again with the retry.
          partial = ""
          emit(.retrying(notice))
        case .notice(let text): emit(.notice(text))
        case .webSearch(let search):
          session.log?.webSearch(search)
          emit(.webSearch(search))
        case .unknownItem(let type):
          if session.firstSighting(ofItemType: type) {
            emit(
              .notice(
                "the model sent an output item of type `\(type)`, which codex does not handle; it was left out"
              ))
          }
        }
      }
      // A cancelled consumer sees the stream simply end: that is an interruption.
      try Task.checkCancellation()
    } catch {
      // Keep what the model already said, and answer calls that will not run.
      if !partial.isEmpty { session.append(.assistant(partial)) }
      answerPending(calls[...])
      throw error
    }
    return calls
  }

  private func context(for call: ToolCall) -> ToolContext {
    let session = session
    return ToolContext(
      callID: call.id, configuration: session.configuration, environment: session.environment,
      executor: session.executor, mcp: session.mcp, emit: emit,
      recordChange: { change, applier in session.recordChange(change, applier: applier) },
      attachImage: { [attachments] in attachments.add($0) }, execSessions: session.execSessions,
      hookContext: session.hookContext(turnID: turnID),
      beforeWrite: { await session.snapshotBeforeWriting() },
      afterWrite: { session.snapshotAfterWriting() },
      addContext: { [hookContexts] in hookContexts.add($0) })
  }

  private func answerPending(
    _ calls: ArraySlice<ToolCall>, reason: String = "the user interrupted the turn"
  ) {
    let answered = Set(session.items.compactMap(\.outputCallID))
    for call in calls where !answered.contains(call.id) {
      session.append(.output(callID: call.id, custom: call.custom, "aborted: " + reason))
    }
  }
}

/// Images attached by tool calls, kept until their outputs are in the conversation.
// @unchecked Sendable: the list is read and changed under `lock` only.
final class PendingImages: @unchecked Sendable {
  private let lock = NSLock()
  private var images: [String] = []

  func add(_ image: String) { lock.withLock { images.append(image) } }

  func take() -> [String] {
    lock.withLock {
      defer { images = [] }
      return images
    }
  }
}
