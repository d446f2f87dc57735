/// A place in a `.codex` file.
public struct ScriptLocation: Sendable, Equatable, CustomStringConvertible {
  public var file: String
  public var line: Int
  public var column: Int

  public init(file: String, line: Int, column: Int = 1) {
    self.file = file
    self.line = line
    self.column = column
  }

  /// `fix.codex:12:3`
  public var description: String { "\(file):\(line):\(column)" }
}

/// A problem found in a script before it runs.
public struct ScriptError: Error, Sendable, Equatable, CustomStringConvertible {
  public var location: ScriptLocation
  public var message: String

  public init(_ location: ScriptLocation, _ message: String) {
    self.location = location
    self.message = message
  }

  /// `fix.codex:7:1: unknown command /modle; did you mean /model?`
  public var description: String { "\(location): \(message)" }
}

/// One step of a script, its variables already substituted.
public struct ScriptStep: Sendable, Equatable {
  public enum Kind: Sendable, Equatable {
    /// Text for the model (a paragraph or a `"""` block).
    case prompt(String)
    /// `/name args`; `raw` is the text after the name, for commands that read it whole
    /// (`/expect reply /a b/`).
    case command(name: String, arguments: [String], raw: String)
    /// `!command`
    case shell(String)
  }

  public var kind: Kind
  public var location: ScriptLocation
  /// The step as written (first line), to announce it and name it in reports.
  public var text: String

  public init(kind: Kind, location: ScriptLocation, text: String) {
    self.kind = kind
    self.location = location
    self.text = text
  }
}
