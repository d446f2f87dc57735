import Foundation

/// What the session has spent, and the budgets its turns stop at.
extension Session {
  /// Tokens, requests and (with prices) cost so far.
  public var spending: Spending {
    Spending(
      tokens: totalUsage.inputTokens + totalUsage.outputTokens, turns: requestsMade,
      cost: configuration.provider.pricing == nil ? nil : spentCost)
  }

  /// A budget counting from now.
  public func meter(_ budget: Budget) -> BudgetMeter {
    BudgetMeter(budget: budget, baseline: spending)
  }

  /// Throws when a budget is spent: `beforeRequest`, also when one more request would
  /// pass the turns limit.
  func checkBudgets(beforeRequest: Bool = false) throws(BudgetExceeded) {
    let now = spending
    for meter in meters {
      if beforeRequest, let limit = meter.budget.turns, now.turns - meter.baseline.turns >= limit {
        throw BudgetExceeded(
          message: "budget exceeded: \(now.turns - meter.baseline.turns + 1) turns of \(limit)")
      }
      if let message = meter.exceeded(by: now) { throw BudgetExceeded(message: message) }
    }
  }

  /// The earliest time limit of the budgets, with the message it ends with.
  var budgetDeadline: (instant: ContinuousClock.Instant, meter: BudgetMeter)? {
    meters.compactMap { meter in meter.deadline.map { ($0, meter) } }.min { $0.0 < $1.0 }
  }

  /// Runs the turn loop, stopped when a time budget runs out (as Ctrl-C stops it, so
  /// the conversation stays usable).
  func runLoop(_ loop: TurnLoop) async throws -> TurnLoop.Outcome {
    guard let (deadline, meter) = budgetDeadline else { return try await loop.run() }
    return try await withThrowingTaskGroup(of: TurnLoop.Outcome?.self) { group in
      group.addTask { try await loop.run() }
      group.addTask {
        try await Task.sleep(until: deadline, clock: .continuous)
        throw BudgetExceeded(
          message: meter.exceeded(by: Spending(), at: .now)
            ?? "budget exceeded: time \(Budget.text(meter.budget.time ?? .zero))")
      }
      defer { group.cancelAll() }
      guard let first = try await group.next(), let outcome = first else {
        throw CancellationError()
      }
      return outcome
    }
  }
}
