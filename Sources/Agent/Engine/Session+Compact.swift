import Foundation

/// Compaction: the history replaced by a summary the model writes.
extension Session {
  static let compactionPrompt = """
    Summarize the conversation so far for yourself, to continue the work with this summary
    instead of the full history: the user's goals, decisions made, files changed and why,
    commands that matter and their results, and what remains to be done. Be complete but brief.
    """

  /// Replaces the history by a summary the model writes, to free context. The
  /// environment context stays first.
  public func compact(
    emit: @escaping @Sendable (EngineEvent) -> Void, trigger: String = "manual"
  ) async throws {
    await compactHooks(.preCompact, trigger: trigger, emit: emit)
    var request = configuration.modelRequest(
      instructions: instructions,
      items: items + [.user(configuration.compactPrompt ?? Self.compactionPrompt)], tools: [],
      sessionID: id)
    request.reasoningSummary = nil
    var summary = ""
    var usage = TokenUsage()
    for try await event in client.stream(request) {
      switch event {
      case .item(.assistant(let text)): summary = text
      case .completed(let reported): usage = reported ?? usage
      case .retrying(let notice): emit(.retrying(notice))
      case .notice(let text): emit(.notice(text))
      case .webSearch(let search): emit(.webSearch(search))
      default: break
      }
    }
    try Task.checkCancellation()
    guard !summary.isEmpty else {
      throw ModelError("the model returned no summary; the history was kept")
    }
    totalUsage = totalUsage + usage
    items = [.user(toldContext), .user("Summary of the conversation so far:\n" + summary)]
    log?.replaced(summary: summary)
    emit(.compacted(summary: summary))
    await compactHooks(.postCompact, trigger: trigger, emit: emit)
  }
}
