/// A place in a `.codex` file.
public struct ScriptLocation: Sendable, Equatable, CustomStringConvertible {
  /// The script, as the user named it.
  public var file: String
  /// The 1-based line; 0 for a problem with the whole file.
  public var line: Int
  /// The 1-based column.
  public var column: Int

  /// A place in a script.
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
  /// Where the problem is.
  public var location: ScriptLocation
  /// What is wrong and how to fix it.
  public var message: String

  /// A problem at `location`.
  public init(_ location: ScriptLocation, _ message: String) {
    self.location = location
    self.message = message
  }

  /// `fix.codex:7:1: unknown command /modle; did you mean /model?`
  public var description: String { "\(location): \(message)" }
}

/// One step of a script, its variables already substituted.
public struct ScriptStep: Sendable, Equatable {
  /// What a step does.
  public enum Kind: Sendable, Equatable {
    /// Text for the model (a paragraph or a `"""` block).
    case prompt(String)
    /// `/name args`; `raw` is the text after the name, for commands that read it whole
    /// (`/expect reply /a b/`).
    case command(name: String, arguments: [String], raw: String)
    /// `!command`
    case shell(String)
  }

  /// What the step does.
  public var kind: Kind
  /// Where it starts.
  public var location: ScriptLocation
  /// The step as written (first line), to announce it and name it in reports.
  public var text: String

  /// A step read at `location` from `text`.
  public init(kind: Kind, location: ScriptLocation, text: String) {
    self.kind = kind
    self.location = location
    self.text = text
  }
}

extension ScriptStep {
  /// An `/expect` line: a check of the step before it.
  public var isExpectation: Bool {
    if case .command("expect", _, _) = kind { return true }
    return false
  }
}
