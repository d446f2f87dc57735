import Sandbox

/// How much the model reasons before answering (`model_reasoning_effort`).
public enum ReasoningEffort: String, Sendable, CaseIterable, Codable {
  case none, minimal, low, medium, high, xhigh, max, ultra
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

/// Which editor file paths in output open in (`file_opener`), as OSC 8 hyperlinks.
public enum FileOpener: String, Sendable, CaseIterable, Codable {
  case vscode
  case vscodeInsiders = "vscode-insiders"
  case windsurf, cursor, none
  /// Reads the value's name; an unknown one is an error listing the valid names.
  public init(from decoder: any Decoder) throws {
    self = try PolicyValue.decode(from: decoder, name: "a file opener")
  }
}

/// `web_search`: whether the model may search the web, and how fresh the results are.
public enum WebSearchMode: String, Sendable, CaseIterable, Codable {
  case disabled, cached, live
  /// Reads the value's name; an unknown one is an error listing the valid names.
  public init(from decoder: any Decoder) throws {
    self = try PolicyValue.decode(from: decoder, name: "a web search mode")
  }
}

/// How the terminal is told that a turn ended or an approval waits
/// (`tui.notification_method`).
public enum NotificationMethod: String, Sendable, CaseIterable, Codable {
  case auto, osc9, bel
  /// Reads the value's name; an unknown one is an error listing the valid names.
  public init(from decoder: any Decoder) throws {
    self = try PolicyValue.decode(from: decoder, name: "a notification method")
  }
}

/// `tui.notifications`: `true`, `false`, or the kinds to notify of
/// (`agent-turn-complete`, `approval-requested`).
public struct NotificationsSetting: Sendable, Equatable, Decodable {
  /// The kinds notified of; empty when off.
  public var kinds: Set<String>

  /// Every kind, or none.
  public init(all: Bool) {
    kinds = all ? ["agent-turn-complete", "approval-requested"] : []
  }

  /// These kinds.
  public init(kinds: Set<String>) {
    self.kinds = kinds
  }

  /// A boolean or a list of kinds.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if let flag = try? container.decode(Bool.self) {
      self.init(all: flag)
    } else {
      self.init(kinds: Set(try container.decode([String].self)))
    }
  }
}

/// `[tools] web_search`: `true`/`false`, or a table of search options (on).
public struct WebSearchToolSetting: Sendable, Equatable, Decodable {
  /// Whether the tool is on.
  public var enabled: Bool

  /// A boolean, or a table (which turns it on).
  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    enabled = (try? container.decode(Bool.self)) ?? true
  }
}
