/// Which environment variables commands start from (`shell_environment_policy.inherit`).
public enum EnvironmentInherit: String, Sendable, CaseIterable, Codable {
  /// Everything codex itself was started with.
  case all
  /// Only the variables programs need to work: HOME, PATH, USER, SHELL, LANG, TERM, TMPDIR...
  case core
  /// Nothing but what `set` adds.
  case none

  /// Reads `all`, `core` or `none`; anything else is an error listing them.
  public init(from decoder: any Decoder) throws {
    self = try PolicyValue.decode(from: decoder, name: "an inherit setting")
  }
}
