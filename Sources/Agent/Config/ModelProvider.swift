/// A model provider: where requests go and how they are authenticated.
public struct ModelProvider: Sendable, Equatable {
  /// The key in `[model_providers]` (`openai`, `ollama`, ...).
  public var id: String
  /// The name shown to the user.
  public var name: String
  /// The API's base URL (`https://api.openai.com/v1`).
  public var baseURL: String
  /// The environment variable holding the API key; nil when no key is needed.
  public var envKey: String?
  /// Responses or Chat Completions.
  public var wireAPI: WireAPI
  /// Added to every request's URL (`api-version` for Azure).
  public var queryParams: [String: String]
  /// Headers sent with every request.
  public var httpHeaders: [String: String]
  /// Header name to the environment variable that holds its value.
  public var envHTTPHeaders: [String: String]
  /// How often a failed request is tried again.
  public var requestMaxRetries: Int
  /// How often a broken stream is tried again.
  public var streamMaxRetries: Int
  /// How long a stream may send nothing before it counts as broken.
  public var streamIdleTimeoutMilliseconds: Int
  /// Whether answers are streamed (`stream = false`: ask for whole responses, for
  /// servers that cannot stream).
  public var streams = true
  /// USD per million tokens (`pricing = { input, cached_input, output }`), for cost
  /// budgets and spending; nil when not given.
  public var pricing: Pricing?

  /// Azure OpenAI keeps nothing the model reasoned unless responses are stored, so
  /// requests to it keep `store: true`.
  public var isAzure: Bool {
    id.lowercased() == "azure" || baseURL.lowercased().contains(".openai.azure.")
  }

  /// The local providers `--oss` and `--local-provider` choose from, with the model
  /// each uses unless one is named.
  public static let localDefaultModels = [
    "ollama": "gpt-oss:20b", "lmstudio": "openai/gpt-oss-20b", "oss": "gpt-oss:20b",
  ]

  /// A provider; the retry and timeout settings default to Codex's.
  public init(
    id: String, name: String, baseURL: String, envKey: String?, wireAPI: WireAPI,
    queryParams: [String: String] = [:],
    httpHeaders: [String: String] = [:], envHTTPHeaders: [String: String] = [:],
    requestMaxRetries: Int = 4,
    streamMaxRetries: Int = 5, streamIdleTimeoutMilliseconds: Int = 300_000
  ) {
    self.id = id
    self.name = name
    self.baseURL = baseURL
    self.envKey = envKey
    self.wireAPI = wireAPI
    self.queryParams = queryParams
    self.httpHeaders = httpHeaders
    self.envHTTPHeaders = envHTTPHeaders
    self.requestMaxRetries = requestMaxRetries
    self.streamMaxRetries = streamMaxRetries
    self.streamIdleTimeoutMilliseconds = streamIdleTimeoutMilliseconds
  }
}

extension ModelProvider {
  /// The providers every configuration has, as a TOML table of defaults.
  static let builtInTable = """
    [model_providers.openai]
    name = "OpenAI"
    base_url = "https://api.openai.com/v1"
    env_key = "OPENAI_API_KEY"
    wire_api = "responses"
    request_max_retries = 4
    stream_max_retries = 5
    stream_idle_timeout_ms = 300000

    [model_providers.ollama]
    name = "Ollama"
    base_url = "http://localhost:11434/v1"
    wire_api = "chat"
    request_max_retries = 4
    stream_max_retries = 5
    stream_idle_timeout_ms = 300000

    [model_providers.lmstudio]
    name = "LM Studio"
    base_url = "http://localhost:1234/v1"
    wire_api = "chat"
    request_max_retries = 4
    stream_max_retries = 5
    stream_idle_timeout_ms = 300000

    [model_providers.oss]
    name = "gpt-oss"
    base_url = "http://localhost:11434/v1"
    wire_api = "chat"
    request_max_retries = 4
    stream_max_retries = 5
    stream_idle_timeout_ms = 300000
    """
}

/// A provider's prices, USD per million tokens.
public struct Pricing: Sendable, Equatable {
  public var input: Double
  /// Input tokens served from the cache (the input price when not given).
  public var cachedInput: Double
  public var output: Double

  public init(input: Double, cachedInput: Double? = nil, output: Double) {
    self.input = input
    self.cachedInput = cachedInput ?? input
    self.output = output
  }

  /// What `usage` cost.
  public func cost(of usage: TokenUsage) -> Double {
    let cached = min(usage.cachedInputTokens, usage.inputTokens)
    return
      (Double(usage.inputTokens - cached) * input + Double(cached) * cachedInput
      + Double(usage.outputTokens) * output) / 1_000_000
  }
}
