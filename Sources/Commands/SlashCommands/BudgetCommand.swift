import Agent

/// `/budget [tokens=N] [turns=N] [time=DURATION] [cost=USD]`: the limit each following
/// turn gets, until the next `/budget` (`/budget off` lifts it; bare `/budget` shows it
/// and what was spent).
struct BudgetCommand: SlashCommandDefinition {
  let spec = SlashCommand(
    "budget", "limit each following turn: tokens=N turns=N time=DURATION cost=USD, or off",
    arguments: [.text(name: "LIMIT")], variadic: true)

  func check(_ use: SlashCommandUse) throws(InputError) {
    guard use.arguments != ["off"], !use.arguments.isEmpty else { return }
    do {
      _ = try Budget.parse(use.arguments)
    } catch {
      throw InputError(message: error.message, column: use.column(error.index))
    }
  }

  func run(_ use: SlashCommandUse, in interpreter: Interpreter) async throws
    -> Interpreter.Outcome
  {
    let session = interpreter.session
    if use.arguments.isEmpty {
      interpreter.console.line("budget: " + (interpreter.stepBudget?.description ?? "none"))
      interpreter.console.line("spent: " + Self.spent(session.spending))
      return .done
    }
    if use.arguments == ["off"] {
      interpreter.stepBudget = nil
      interpreter.console.line("budget off")
      return .done
    }
    let budget = try Budget.parse(use.arguments)
    if budget.cost != nil, session.configuration.provider.pricing == nil {
      return .failed(BudgetPrices.missing(session.configuration.provider.id))
    }
    interpreter.stepBudget = budget
    interpreter.console.line("budget for each turn: \(budget.description)")
    return .done
  }

  /// `1234 tokens in 3 requests, $0.0123`
  static func spent(_ spending: Spending) -> String {
    var text =
      "\(spending.tokens) tokens in \(spending.turns) request\(spending.turns == 1 ? "" : "s")"
    if let cost = spending.cost { text += String(format: ", $%.4f", cost) }
    return text
  }
}
