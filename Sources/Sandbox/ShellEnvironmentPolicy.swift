/// Builds the environment a command runs with (`shell_environment_policy`).
///
/// Steps, in order: start from `inherit`; unless `ignoreDefaultExcludes`, drop every
/// variable whose name contains KEY, SECRET or TOKEN (so API keys never reach commands
/// the model runs); drop names matching `exclude`; add `set`; keep only names matching
/// `includeOnly` when it is not empty. Patterns are globs with `*` and `?`, matched
/// without regard to case.
public struct ShellEnvironmentPolicy: Sendable, Equatable {
  /// Which variables start the environment: all, a core set, or none.
  public var inherit: EnvironmentInherit
  /// Patterns of names to drop (`*KEY*`).
  public var exclude: [String]
  /// Variables to set, after the rest.
  public var set: [String: String]
  /// When not empty, only names matching these patterns are kept.
  public var includeOnly: [String]
  /// Keep names with KEY, SECRET or TOKEN, which are dropped by default.
  public var ignoreDefaultExcludes: Bool

  /// A policy; the defaults are Codex's (inherit all, drop secrets).
  public init(
    inherit: EnvironmentInherit = .all, exclude: [String] = [], set: [String: String] = [:],
    includeOnly: [String] = [], ignoreDefaultExcludes: Bool = false
  ) {
    self.inherit = inherit
    self.exclude = exclude
    self.set = set
    self.includeOnly = includeOnly
    self.ignoreDefaultExcludes = ignoreDefaultExcludes
  }

  static let coreNames: Set<String> = [
    "HOME", "LOGNAME", "PATH", "SHELL", "USER", "USERNAME", "TMPDIR", "TEMP", "TMP", "LANG",
    "LC_ALL",
    "LC_CTYPE", "TERM", "TZ",
  ]
  static let defaultExcludes = ["*KEY*", "*SECRET*", "*TOKEN*"]

  /// The environment a command gets, built from `parent` by the policy's steps in Codex's
  /// order.
  public func environment(from parent: [String: String]) -> [String: String] {
    var result: [String: String]
    switch inherit {
    case .all: result = parent
    case .core: result = parent.filter { Self.coreNames.contains($0.key) }
    case .none: result = [:]
    }
    let excludes = (ignoreDefaultExcludes ? [] : Self.defaultExcludes) + exclude
    result = result.filter { name, _ in !excludes.contains { Glob.matches($0, name) } }
    for (name, value) in set { result[name] = value }
    if !includeOnly.isEmpty {
      result = result.filter { name, _ in includeOnly.contains { Glob.matches($0, name) } }
    }
    return result
  }
}

/// Case-insensitive glob matching with `*` and `?`.
enum Glob {
  static func matches(_ pattern: String, _ text: String) -> Bool {
    let p = Array(pattern.uppercased())
    let t = Array(text.uppercased())
    var pi = 0
    var ti = 0
    var star = -1
    var mark = 0
    while ti < t.count {
      if pi < p.count && (p[pi] == "?" || p[pi] == t[ti]) {
        pi += 1
        ti += 1
      } else if pi < p.count && p[pi] == "*" {
        star = pi
        mark = ti
        pi += 1
      } else if star >= 0 {
        pi = star + 1
        mark += 1
        ti = mark
      } else {
        return false
      }
    }
    while pi < p.count && p[pi] == "*" { pi += 1 }
    return pi == p.count
  }
}
