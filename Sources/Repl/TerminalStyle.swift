#if canImport(Glibc)
  import Glibc
#endif

/// Whether and how to colour output for one stream: colour only on a terminal, never
/// with `NO_COLOR` set, plain text with `TERM=dumb`.
public struct TerminalStyle: Sendable {
  public var colors: Bool

  public init(colors: Bool) {
    self.colors = colors
  }

  /// The style for a file descriptor (1 for stdout, 2 for stderr) in this environment.
  public init(descriptor: Int32, environment: [String: String]) {
    self.init(isTerminal: isatty(descriptor) == 1, environment: environment)
  }

  public init(isTerminal: Bool, environment: [String: String]) {
    let noColor = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
    let dumb = environment["TERM"] == "dumb"
    colors = isTerminal && !noColor && !dumb
  }

  public func dim(_ text: String) -> String { wrap(text, "2") }
  public func bold(_ text: String) -> String { wrap(text, "1") }
  public func red(_ text: String) -> String { wrap(text, "31") }
  public func yellow(_ text: String) -> String { wrap(text, "33") }
  public func green(_ text: String) -> String { wrap(text, "32") }
  public func cyan(_ text: String) -> String { wrap(text, "36") }
  public func italic(_ text: String) -> String { wrap(text, "3") }
  public func underline(_ text: String) -> String { wrap(text, "4") }

  private func wrap(_ text: String, _ code: String) -> String {
    colors ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
  }
}
