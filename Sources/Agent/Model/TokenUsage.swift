/// Tokens a request used, as the provider reports them (zero where it reports none).
public struct TokenUsage: Sendable, Equatable {
  /// Tokens of the request.
  public var inputTokens: Int
  /// Of those, the ones served from the provider's cache.
  public var cachedInputTokens: Int
  /// Of those, the ones written to the provider's cache.
  public var cacheWriteInputTokens: Int
  /// Tokens of the answer.
  public var outputTokens: Int
  /// Of those, the ones spent reasoning.
  public var reasoningOutputTokens: Int

  /// A usage; zero unless given.
  public init(
    inputTokens: Int = 0, cachedInputTokens: Int = 0, cacheWriteInputTokens: Int = 0,
    outputTokens: Int = 0, reasoningOutputTokens: Int = 0
  ) {
    self.inputTokens = inputTokens
    self.cachedInputTokens = cachedInputTokens
    self.cacheWriteInputTokens = cacheWriteInputTokens
    self.outputTokens = outputTokens
    self.reasoningOutputTokens = reasoningOutputTokens
  }

  /// The sum, field by field.
  public static func + (a: TokenUsage, b: TokenUsage) -> TokenUsage {
    TokenUsage(
      inputTokens: a.inputTokens + b.inputTokens,
      cachedInputTokens: a.cachedInputTokens + b.cachedInputTokens,
      cacheWriteInputTokens: a.cacheWriteInputTokens + b.cacheWriteInputTokens,
      outputTokens: a.outputTokens + b.outputTokens,
      reasoningOutputTokens: a.reasoningOutputTokens + b.reasoningOutputTokens)
  }
}
