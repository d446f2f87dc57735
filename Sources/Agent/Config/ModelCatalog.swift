import Foundation

/// The models this program knows by name and what it knows of each: which tools they
/// are offered and the defaults of their requests. A built-in copy of the fields of
/// Codex CLI's catalog that decide those, or the file `model_catalog_json` names (in the
/// same JSON format as `codex debug models` prints), which replaces it as it does in Codex.
public struct ModelCatalog: Sendable, Equatable {
  /// Why a catalog file cannot be used.
  public struct Problem: Error, Equatable, CustomStringConvertible {
    /// What is wrong, naming the entry.
    public var description: String
    init(_ description: String) { self.description = description }
  }

  /// The entries, in the file's order.
  public var models: [ModelInfo]

  /// A catalog of `models`.
  public init(models: [ModelInfo]) { self.models = models }

  /// The entry for `slug`, if the catalog has one.
  public func info(for slug: String) -> ModelInfo? {
    models.first { $0.slug == slug }
  }

  /// The models `/model` offers: those listed, in the catalog's order of preference.
  public var listed: [ModelInfo] {
    models.enumerated().filter(\.element.listed)
      .sorted { ($0.element.priority, $0.offset) < ($1.element.priority, $1.offset) }
      .map(\.element)
  }

  /// Reads a catalog in Codex's format: `{"models": [ {...}, ... ]}`.
  public init(json data: Data) throws(Problem) {
    guard let value = JSONValue.parse(data) else { throw Problem("it is not valid JSON") }
    guard let entries = value["models"]?.array else {
      throw Problem("it has no `models` array (expected {\"models\": [...]})")
    }
    var models: [ModelInfo] = []
    for (index, entry) in entries.enumerated() {
      models.append(try ModelInfo(catalogEntry: entry, at: "models[\(index)]"))
    }
    self.init(models: models)
  }

  /// The catalog in Codex's JSON format.
  public var json: JSONValue { ["models": .array(models.map(\.catalogEntry))] }

  /// The model used when none is configured: the first one Codex lists that this program
  /// serves as Codex does (Codex's own first choices run in its code mode).
  public static let defaultModel = "gpt-5.5"

  /// The entries of Codex CLI 0.163's catalog, the fields that matter here.
  public static let builtIn: ModelCatalog = {
    let full: [ReasoningEffort] = [.low, .medium, .high, .xhigh, .max, .ultra]
    let noUltra: [ReasoningEffort] = [.low, .medium, .high, .xhigh, .max]
    func codex(
      _ slug: String, _ name: String, _ summary: String, effort: ReasoningEffort,
      efforts: [ReasoningEffort] = full, priority: Int, listed: Bool = true,
      verbosity: Verbosity = .low, window: Int = 272_000, codeMode: Bool = true
    ) -> ModelInfo {
      ModelInfo(
        slug: slug, displayName: name, summary: summary, shellType: .unifiedExec,
        freeformPatch: true, defaultEffort: effort, efforts: efforts,
        defaultSummary: ReasoningSummary.none,
        defaultVerbosity: verbosity, contextWindow: window, listed: listed, priority: priority,
        codeModeOnly: codeMode)
    }
    return ModelCatalog(models: [
      codex("gpt-6-astra", "GPT-6-Astra", "the most capable", effort: .low, priority: 2),
      codex("gpt-6.1-sol", "GPT-6.1-Sol", "newest general model", effort: .low, priority: 1),
      codex("gpt-6-sol", "GPT-6-Sol", "previous general model", effort: .medium, priority: 3),
      codex(
        "gpt-6-luna", "GPT-6-Luna", "fast, for easier tasks", effort: .medium, efforts: noUltra,
        priority: 4),
      codex("gpt-5.6-sol", "GPT-5.6-Sol", "older general model", effort: .low, priority: 5),
      codex("gpt-5.6-terra", "GPT-5.6-Terra", "older balanced model", effort: .medium, priority: 8),
      codex(
        "gpt-5.6-luna", "GPT-5.6-Luna", "older fast model", effort: .medium, efforts: noUltra,
        priority: 9),
      codex(
        "gpt-daybreak-blue-latest", "Daybreak Blue", "security work", effort: .low, priority: 11,
        listed: false),
      codex(
        "gpt-daybreak-red-latest", "Daybreak Red", "security research", effort: .medium,
        priority: 12, listed: false, verbosity: .high, window: 372_000),
      codex(
        "gpt-5.5", "GPT-5.5", "earlier coding model; function tools", effort: .medium,
        efforts: [.low, .medium, .high, .xhigh], priority: 13, codeMode: false),
      codex(
        "codex-auto-review", "Codex Auto Review", "approval reviews", effort: .medium,
        efforts: noUltra, priority: 43, listed: false),
    ])
  }()
}
