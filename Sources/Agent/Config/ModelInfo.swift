/// What Codex's model catalog says about one model: the fields that decide which tools
/// it is offered and how its requests are shaped. Read from entries in the catalog's
/// own JSON format (`codex debug models`, `model_catalog_json`).
public struct ModelInfo: Sendable, Equatable {
  /// How the model runs commands (`shell_type`).
  public enum ShellType: String, Sendable, CaseIterable {
    /// A `shell` function taking an argument vector.
    case `default`
    /// The provider's own local-shell tool; served here by the `shell` function.
    case local
    /// A `shell` function taking one command string; served here by `shell`.
    case shellCommand = "shell_command"
    /// `exec_command` and `write_stdin`: processes in a terminal, kept across calls.
    case unifiedExec = "unified_exec"
    /// No command tool at all.
    case disabled
  }

  /// The name requests carry.
  public var slug: String
  /// The name shown in lists.
  public var displayName: String
  /// One line on what it is for.
  public var summary: String
  /// How it runs commands.
  public var shellType: ShellType
  /// Whether `apply_patch` is a freeform (custom, grammar-constrained) tool; when false
  /// it is the function form.
  public var freeformPatch: Bool
  /// The reasoning effort used when none is configured.
  public var defaultEffort: ReasoningEffort?
  /// The efforts it accepts.
  public var efforts: [ReasoningEffort]
  /// The reasoning summary asked for when none is configured.
  public var defaultSummary: ReasoningSummary?
  /// The `text.verbosity` sent when none is configured, for models that take one.
  public var defaultVerbosity: Verbosity?
  /// Its context window in tokens.
  public var contextWindow: Int?
  /// Whether `/model` lists it (`visibility = "list"`).
  public var listed: Bool
  /// Its place in lists: lower first.
  public var priority: Int
  /// Codex drives it in "code mode" only (a JavaScript host calling the tools), which
  /// this program does not have: it gets the function tools instead.
  public var codeModeOnly: Bool

  /// An entry with Codex's defaults for what it does not say.
  public init(
    slug: String, displayName: String? = nil, summary: String = "",
    shellType: ShellType = .default, freeformPatch: Bool = false,
    defaultEffort: ReasoningEffort? = nil, efforts: [ReasoningEffort] = [],
    defaultSummary: ReasoningSummary? = nil, defaultVerbosity: Verbosity? = nil,
    contextWindow: Int? = nil, listed: Bool = true, priority: Int = 0, codeModeOnly: Bool = false
  ) {
    self.slug = slug
    self.displayName = displayName ?? slug
    self.summary = summary
    self.shellType = shellType
    self.freeformPatch = freeformPatch
    self.defaultEffort = defaultEffort
    self.efforts = efforts
    self.defaultSummary = defaultSummary
    self.defaultVerbosity = defaultVerbosity
    self.contextWindow = contextWindow
    self.listed = listed
    self.priority = priority
    self.codeModeOnly = codeModeOnly
  }
}

extension ModelInfo {
  /// Reads one catalog entry. `at` names it in errors (`models[3]`).
  init(catalogEntry value: JSONValue, at place: String) throws(ModelCatalog.Problem) {
    guard let entry = value.object else { throw .init("\(place) is not an object") }
    guard let slug = entry["slug"]?.string, !slug.isEmpty else {
      throw .init("\(place) has no `slug` (the model's name)")
    }
    let place = "\(place) (\(slug))"
    func choice<T: RawRepresentable & CaseIterable>(_ key: String, _: T.Type) throws(ModelCatalog
      .Problem) -> T? where T.RawValue == String
    {
      guard let raw = entry[key], raw != .null else { return nil }
      guard let text = raw.string, let value = T(rawValue: text) else {
        let names = T.allCases.map(\.rawValue).joined(separator: ", ")
        throw .init("\(place): `\(key)` is \(raw.text); expected one of \(names)")
      }
      return value
    }
    self.init(slug: slug)
    displayName = entry["display_name"]?.string ?? slug
    summary = entry["description"]?.string ?? ""
    shellType = try choice("shell_type", ShellType.self) ?? .default
    switch entry["apply_patch_tool_type"] {
    case nil, .null?: freeformPatch = false
    case .string("freeform")?: freeformPatch = true
    case .some(let other):
      throw .init(
        "\(place): `apply_patch_tool_type` is \(other.text); expected \"freeform\" or null")
    }
    defaultEffort = try choice("default_reasoning_level", ReasoningEffort.self)
    for (index, level) in (entry["supported_reasoning_levels"]?.array ?? []).enumerated() {
      guard let name = level["effort"]?.string ?? level.string,
        let effort = ReasoningEffort(rawValue: name)
      else {
        throw .init("\(place): `supported_reasoning_levels[\(index)]` names no known effort")
      }
      efforts.append(effort)
    }
    defaultSummary = try choice("default_reasoning_summary", ReasoningSummary.self)
    if entry["support_verbosity"]?.bool ?? false {
      defaultVerbosity = try choice("default_verbosity", Verbosity.self)
    }
    contextWindow = entry["context_window"]?.int
    listed = (entry["visibility"]?.string ?? "list") == "list"
    priority = entry["priority"]?.int ?? 0
    codeModeOnly = entry["tool_mode"]?.string == "code_mode_only"
  }

  /// The entry in the catalog's JSON format, as `codex debug models` prints it.
  var catalogEntry: JSONValue {
    var entry: JSONObject = [
      "slug": .string(slug), "display_name": .string(displayName),
      "description": .string(summary), "shell_type": .string(shellType.rawValue),
      "apply_patch_tool_type": freeformPatch ? "freeform" : .null,
      "supported_reasoning_levels": .array(efforts.map { ["effort": .string($0.rawValue)] }),
      "support_verbosity": .bool(defaultVerbosity != nil),
      "visibility": listed ? "list" : "hide", "priority": .int(priority),
    ]
    entry["default_reasoning_level"] = defaultEffort.map { .string($0.rawValue) } ?? .null
    entry["default_reasoning_summary"] = defaultSummary.map { .string($0.rawValue) } ?? .null
    entry["default_verbosity"] = defaultVerbosity.map { .string($0.rawValue) } ?? .null
    entry["context_window"] = contextWindow.map { .int($0) } ?? .null
    entry["tool_mode"] = codeModeOnly ? "code_mode_only" : .null
    return .object(entry)
  }
}
