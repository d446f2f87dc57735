import Sandbox

/// How much the model reasons before answering (`model_reasoning_effort`).
public enum ReasoningEffort: String, Sendable, CaseIterable, Codable {
  case minimal, low, medium, high
  /// Reads the value's name; an unknown one is an error listing the valid names.
  public init(from decoder: any Decoder) throws {
    self = try PolicyValue.decode(from: decoder, name: "a reasoning effort")
  }
}

/// How reasoning is summarised (`model_reasoning_summary`).
public enum ReasoningSummary: String, Sendable, CaseIterable, Codable {
  case auto, concise, detailed, none
  /// Reads the value's name; an unknown one is an error listing the valid names.
  public init(from decoder: any Decoder) throws {
    self = try PolicyValue.decode(from: decoder, name: "a reasoning summary")
  }
}

/// Output length for models that support it (`model_verbosity`).
public enum Verbosity: String, Sendable, CaseIterable, Codable {
  case low, medium, high
  /// Reads the value's name; an unknown one is an error listing the valid names.
  public init(from decoder: any Decoder) throws {
    self = try PolicyValue.decode(from: decoder, name: "a verbosity")
  }
}

/// Which OpenAI wire a provider speaks (`wire_api`).
public enum WireAPI: String, Sendable, CaseIterable, Codable {
  case responses, chat
  /// Reads the value's name; an unknown one is an error listing the valid names.
  public init(from decoder: any Decoder) throws {
    self = try PolicyValue.decode(from: decoder, name: "a wire API")
  }
}

/// Whether prompts are saved to `history.jsonl` (`history.persistence`).
public enum HistoryPersistence: String, Sendable, CaseIterable, Codable {
  case saveAll = "save-all"
  case none
  /// Reads the value's name; an unknown one is an error listing the valid names.
  public init(from decoder: any Decoder) throws {
    self = try PolicyValue.decode(from: decoder, name: "a history persistence")
  }
}

/// `projects."<path>".trust_level`
public enum TrustLevel: String, Sendable, CaseIterable, Codable {
  case trusted, untrusted
  /// Reads the value's name; an unknown one is an error listing the valid names.
  public init(from decoder: any Decoder) throws {
    self = try PolicyValue.decode(from: decoder, name: "a trust level")
  }
}
