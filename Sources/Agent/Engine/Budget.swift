import Foundation

/// Limits on what turns may spend: tokens (input + output, as the provider reports
/// them), model requests ("turns"), wall time, and cost in USD (from the provider's
/// `pricing`). A turn that passes one stops at the next safe point and fails with
/// `budget exceeded: 240 tokens of 150`.
public struct Budget: Sendable, Equatable {
  public var tokens: Int?
  public var turns: Int?
  public var time: Duration?
  public var cost: Double?

  public init(tokens: Int? = nil, turns: Int? = nil, time: Duration? = nil, cost: Double? = nil) {
    self.tokens = tokens
    self.turns = turns
    self.time = time
    self.cost = cost
  }

  /// Whether no limit is set.
  public var isEmpty: Bool { tokens == nil && turns == nil && time == nil && cost == nil }

  /// A problem with one word of `/budget KEY=VALUE...`.
  public struct ParseError: Error, Sendable, Equatable {
    /// Which word (0-based).
    public var index: Int
    public var message: String
  }

  /// `tokens=N turns=N time=DURATION cost=USD`, in any order; each key once.
  public static func parse(_ words: [String]) throws(ParseError) -> Budget {
    var budget = Budget()
    var seen: Set<String> = []
    for (index, word) in words.enumerated() {
      let parts = word.split(separator: "=", maxSplits: 1).map(String.init)
      func fail(_ message: String) -> ParseError { ParseError(index: index, message: message) }
      guard parts.count == 2, !parts[1].isEmpty else {
        throw fail("`\(word)` is not KEY=VALUE (tokens=N, turns=N, time=DURATION, cost=USD)")
      }
      let (key, value) = (parts[0], parts[1])
      guard seen.insert(key).inserted else { throw fail("`\(key)` is given twice") }
      switch key {
      case "tokens":
        guard let number = Int(value), number > 0 else {
          throw fail("tokens=\(value): give a positive whole number of tokens")
        }
        budget.tokens = number
      case "turns":
        guard let number = Int(value), number > 0 else {
          throw fail("turns=\(value): give a positive whole number of model requests")
        }
        budget.turns = number
      case "time":
        guard let duration = duration(value) else {
          throw fail("time=\(value): not a duration (90s, 5m, 1h30m, 250ms)")
        }
        budget.time = duration
      case "cost":
        guard let amount = Double(value.hasPrefix("$") ? String(value.dropFirst()) : value),
          amount > 0, amount.isFinite
        else { throw fail("cost=\(value): give an amount in USD, such as cost=0.50") }
        budget.cost = amount
      default:
        throw fail("unknown budget key `\(key)` (tokens, turns, time, cost)")
      }
    }
    return budget
  }

  /// `90s`, `5m`, `1h30m`, `250ms`, `1.5s`, or a bare number of seconds; nil otherwise
  /// (and for zero).
  public static func duration(_ text: String) -> Duration? {
    if let seconds = Double(text) {
      return seconds > 0 ? .milliseconds(Int64(seconds * 1000)) : nil
    }
    var total = 0.0
    var rest = Substring(text)
    guard !rest.isEmpty else { return nil }
    while !rest.isEmpty {
      let number = rest.prefix { $0.isNumber || $0 == "." }
      guard let value = Double(number) else { return nil }
      rest = rest.dropFirst(number.count)
      let unit = rest.prefix { $0.isLetter }
      rest = rest.dropFirst(unit.count)
      switch unit {
      case "ms": total += value / 1000
      case "s": total += value
      case "m": total += value * 60
      case "h": total += value * 3600
      default: return nil
      }
    }
    return total > 0 ? .milliseconds(Int64(total * 1000)) : nil
  }

  /// `tokens=150 time=30s`
  public var description: String {
    var parts: [String] = []
    if let tokens { parts.append("tokens=\(tokens)") }
    if let turns { parts.append("turns=\(turns)") }
    if let time { parts.append("time=\(Self.text(time))") }
    if let cost { parts.append("cost=\(cost)") }
    return parts.isEmpty ? "none" : parts.joined(separator: " ")
  }

  static func text(_ duration: Duration) -> String {
    let seconds =
      Double(duration.components.seconds)
      + Double(duration.components.attoseconds) / 1e18
    return seconds == seconds.rounded() ? "\(Int(seconds))s" : String(format: "%.1fs", seconds)
  }
}

/// What a session has spent so far.
public struct Spending: Sendable, Equatable {
  /// Input + output tokens as reported.
  public var tokens = 0
  /// Model requests made.
  public var turns = 0
  /// USD, when the provider has prices.
  public var cost: Double?

  public init(tokens: Int = 0, turns: Int = 0, cost: Double? = nil) {
    self.tokens = tokens
    self.turns = turns
    self.cost = cost
  }
}

/// A turn went past a budget: the message says which and by how much.
public struct BudgetExceeded: Error, Sendable, Equatable, CustomStringConvertible {
  public var message: String
  public var description: String { message }
}

/// One budget counting from when it was set (a step's, or a whole run's).
public struct BudgetMeter: Sendable {
  public var budget: Budget
  /// The session's spending when the meter started.
  public var baseline: Spending
  public var started: ContinuousClock.Instant

  public init(budget: Budget, baseline: Spending, started: ContinuousClock.Instant = .now) {
    self.budget = budget
    self.baseline = baseline
    self.started = started
  }

  /// When its time runs out, if it has a time limit.
  public var deadline: ContinuousClock.Instant? { budget.time.map { started + $0 } }

  /// Why `now` is past this budget, or nil.
  public func exceeded(by now: Spending, at instant: ContinuousClock.Instant = .now) -> String? {
    if let limit = budget.tokens, now.tokens - baseline.tokens > limit {
      return "budget exceeded: \(now.tokens - baseline.tokens) tokens of \(limit)"
    }
    if let limit = budget.turns, now.turns - baseline.turns > limit {
      return "budget exceeded: \(now.turns - baseline.turns) turns of \(limit)"
    }
    if let limit = budget.cost, let spent = now.cost.map({ $0 - (baseline.cost ?? 0) }),
      spent > limit
    {
      return String(format: "budget exceeded: $%.4f of $%.4f", spent, limit)
    }
    if let limit = budget.time, instant - started >= limit {
      return "budget exceeded: \(Budget.text(instant - started)) of \(Budget.text(limit))"
    }
    return nil
  }
}
