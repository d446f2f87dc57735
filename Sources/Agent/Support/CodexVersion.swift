/// The program's version, for `--version` and for the peers it introduces itself to.
public enum CodexVersion {
  /// This program's version.
  public static let current = "0.1.0"
}
