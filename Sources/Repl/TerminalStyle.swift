#if canImport(Glibc)
  import Glibc
#endif

/// Whether and how to colour output for one stream: colour only on a terminal, never
/// with `NO_COLOR` set, plain text with `TERM=dumb`.
public struct TerminalStyle: Sendable {
  /// Whether escape sequences are written at all.
  public var colors: Bool

  /// A style with colours forced on or off.
  public init(colors: Bool) {
    self.colors = colors
  }

  /// The style for a file descriptor (1 for stdout, 2 for stderr) in this environment.
  public init(descriptor: Int32, environment: [String: String]) {
    self.init(isTerminal: isatty(descriptor) == 1, environment: environment)
  }

  /// Colours when the stream is a terminal, `NO_COLOR` is unset and `TERM` is not `dumb`.
  public init(isTerminal: Bool, environment: [String: String]) {
    let noColor = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
    let dumb = environment["TERM"] == "dumb"
    colors = isTerminal && !noColor && !dumb
  }

  /// Faint text: secondary output (command output, usage).
  public func dim(_ text: String) -> String { wrap(text, "2") }
  /// Bold text: commands, headings, file names.
  public func bold(_ text: String) -> String { wrap(text, "1") }
  /// Red text: errors, removed lines, failed commands.
  public func red(_ text: String) -> String { wrap(text, "31") }
  /// Yellow text: warnings, retries, commands run without the sandbox.
  public func yellow(_ text: String) -> String { wrap(text, "33") }
  /// Green text: added lines.
  public func green(_ text: String) -> String { wrap(text, "32") }
  /// Cyan text: inline code and hunk headers.
  public func cyan(_ text: String) -> String { wrap(text, "36") }
  /// Italic text: emphasis.
  public func italic(_ text: String) -> String { wrap(text, "3") }
  /// Underlined text: top-level headings.
  public func underline(_ text: String) -> String { wrap(text, "4") }

  private func wrap(_ text: String, _ code: String) -> String {
    colors ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
  }
}
