/// How racing a piece of MCP work against its deadline and its server ended.
enum MCPRaceOutcome<Value: Sendable>: Sendable {
  case finished(Result<Value, Error>)
  case timedOut
  /// The server went away (the sentence says how).
  case ended(String)
  case cancelled
}

/// Runs `work` against a timeout and the end of the server. When the work loses, it
/// is cancelled, after `abandon` (which closes the connection when the server ended).
func mcpRace<Value: Sendable>(
  timeout: Duration, ended: OneShot<String>?,
  work: @escaping @Sendable () async throws -> Value,
  abandon: @escaping @Sendable (MCPRaceOutcome<Value>) async -> Void
) async -> MCPRaceOutcome<Value> {
  await withTaskGroup(of: MCPRaceOutcome<Value>?.self) { group in
    group.addTask {
      do { return .finished(.success(try await work())) } catch {
        return .finished(.failure(error))
      }
    }
    group.addTask {
      do {
        try await Task.sleep(for: timeout)
        return .timedOut
      } catch {
        return nil
      }
    }
    if let ended {
      group.addTask { await ended.wait().map { .ended($0) } }
    }
    // A child answers nil only when cancelled, that is when the user interrupted.
    var outcome: MCPRaceOutcome<Value> = .cancelled
    while let next = await group.next() {
      if let next {
        outcome = next
        break
      }
      if Task.isCancelled { break }
    }
    if Task.isCancelled { outcome = .cancelled }
    if case .finished = outcome {
    } else {
      await abandon(outcome)
    }
    group.cancelAll()
    while await group.next() != nil {}
    return outcome
  }
}
