/// The shape of the configuration keys codex knows: those it uses, and those Codex CLI
/// defines that it accepts without using (each said once, with the reason). Anything
/// else is an unknown key, warned about with a suggestion.
indirect enum ConfigSchema: Sendable {
  /// A value of any type (type errors are the decoder's job).
  case leaf
  /// A table with these known keys.
  case table([String: ConfigSchema])
  /// A table whose keys are names chosen by the user, each holding this shape.
  case map(ConfigSchema)
  /// A table of free-form string entries (headers, environment).
  case anyTable
  /// A key Codex CLI defines that this program accepts but does not use, and why.
  case unsupported(String)

  /// The names a user may have meant at this level, for suggestions.
  var knownKeys: [String] {
    if case .table(let keys) = self { return keys.keys.sorted() }
    return []
  }

  /// Whether a full key path names a known setting (or lies inside a free-form or
  /// unsupported table).
  func knows(_ path: [String]) -> Bool {
    guard let first = path.first else { return true }
    switch self {
    case .anyTable, .unsupported: return true
    default: break
    }
    guard let next = child(first) else { return false }
    return next.knows(Array(path.dropFirst()))
  }

  func child(_ key: String) -> ConfigSchema? {
    switch self {
    case .leaf, .anyTable, .unsupported: return nil
    case .table(let keys): return keys[key]
    case .map(let element): return element
    }
  }

  /// The whole file: settings, plus the profile selection and the profiles.
  static let file: ConfigSchema = {
    var keys = ConfigKeys.settings
    keys["profile"] = .leaf
    keys["profiles"] = .map(.table(ConfigKeys.settings))
    return .table(keys)
  }()
}
