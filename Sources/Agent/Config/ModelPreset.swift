/// A model Codex CLI offers by name, with what it knows of it: `/model` lists these
/// beside the models named in `config.toml`, and the first is the default.
public struct ModelPreset: Sendable, Equatable {
  /// The name requests carry.
  public var slug: String
  /// The reasoning efforts the model accepts.
  public var efforts: [ReasoningEffort]
  /// Its context window in tokens.
  public var contextWindow: Int

  /// The models Codex CLI lists, in its order of preference (from its bundled catalog).
  public static let all: [ModelPreset] = {
    let full: [ReasoningEffort] = [.low, .medium, .high, .xhigh, .max, .ultra]
    let noUltra: [ReasoningEffort] = [.low, .medium, .high, .xhigh, .max]
    return [
      ModelPreset(slug: "gpt-6.1-sol", efforts: full, contextWindow: 272_000),
      ModelPreset(slug: "gpt-6-astra", efforts: full, contextWindow: 272_000),
      ModelPreset(slug: "gpt-6-sol", efforts: full, contextWindow: 272_000),
      ModelPreset(slug: "gpt-6-luna", efforts: noUltra, contextWindow: 272_000),
      ModelPreset(slug: "gpt-5.6-sol", efforts: full, contextWindow: 272_000),
      ModelPreset(slug: "gpt-5.6-terra", efforts: full, contextWindow: 272_000),
      ModelPreset(slug: "gpt-5.6-luna", efforts: noUltra, contextWindow: 272_000),
      ModelPreset(
        slug: "gpt-5.5", efforts: [.low, .medium, .high, .xhigh], contextWindow: 272_000),
    ]
  }()

  /// The model used when none is configured: Codex CLI's first choice.
  public static let defaultModel = all[0].slug

  /// The preset called `slug`, if Codex knows it.
  public static func named(_ slug: String) -> ModelPreset? {
    all.first { $0.slug == slug }
  }
}
