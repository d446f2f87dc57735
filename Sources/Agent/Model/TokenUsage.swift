/// Tokens a request used, as the provider reports them (zero where it reports none).
public struct TokenUsage: Sendable, Equatable {
  public var inputTokens: Int
  public var cachedInputTokens: Int
  public var outputTokens: Int

  public init(inputTokens: Int = 0, cachedInputTokens: Int = 0, outputTokens: Int = 0) {
    self.inputTokens = inputTokens
    self.cachedInputTokens = cachedInputTokens
    self.outputTokens = outputTokens
  }

  public static func + (a: TokenUsage, b: TokenUsage) -> TokenUsage {
    TokenUsage(
      inputTokens: a.inputTokens + b.inputTokens,
      cachedInputTokens: a.cachedInputTokens + b.cachedInputTokens,
      outputTokens: a.outputTokens + b.outputTokens)
  }
}
