/// Tokens a request used, as the provider reports them (zero where it reports none).
public struct TokenUsage: Sendable, Equatable {
  /// Tokens of the request.
  public var inputTokens: Int
  /// Of those, the ones served from the provider's cache.
  public var cachedInputTokens: Int
  /// Tokens of the answer.
  public var outputTokens: Int

  /// A usage; zero unless given.
  public init(inputTokens: Int = 0, cachedInputTokens: Int = 0, outputTokens: Int = 0) {
    self.inputTokens = inputTokens
    self.cachedInputTokens = cachedInputTokens
    self.outputTokens = outputTokens
  }

  /// The sum, field by field.
  public static func + (a: TokenUsage, b: TokenUsage) -> TokenUsage {
    TokenUsage(
      inputTokens: a.inputTokens + b.inputTokens,
      cachedInputTokens: a.cachedInputTokens + b.cachedInputTokens,
      outputTokens: a.outputTokens + b.outputTokens)
  }
}
