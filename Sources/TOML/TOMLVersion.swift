/// The version of the TOML specification a document is read with.
///
/// 1.1.0 adds newlines and trailing commas in inline tables, the `\e` and `\xHH`
/// escapes, and times without seconds. Configuration files default to 1.0.0 until
/// 1.1.0 is common among the tools that share them.
public enum TOMLVersion: String, Sendable, CaseIterable {
  case v1_0 = "1.0"
  case v1_1 = "1.1"

  /// Accepts `1.0`, `1.0.0`, `1.1` and `1.1.0`.
  public init?(argument: String) {
    switch argument {
    case "1.0", "1.0.0": self = .v1_0
    case "1.1", "1.1.0": self = .v1_1
    default: return nil
    }
  }
}
