/// One slash command as a unit: its declaration (name, aliases, arguments, help, where
/// it may run), the checks a use must pass before anything runs, and what it does.
///
/// The REPL, scripts and help all read the same declarations from the registry's one
/// list (`CommandRegistry.builtIn`); adding a command is a type conforming to this
/// protocol and a line in that list.
public protocol SlashCommandDefinition: Sendable {
  /// What the command is called, what it takes, and its help.
  var spec: SlashCommand { get }

  /// Checks of a use beyond its arguments' declared shapes (a regular expression, a
  /// number); made before a script runs, so every problem is found up front.
  func check(_ use: SlashCommandUse) throws(InputError)

  /// Carries out a use that passed the checks.
  func run(_ use: SlashCommandUse, in interpreter: Interpreter) async throws
    -> Interpreter.Outcome
}

extension SlashCommandDefinition {
  /// By default a use whose arguments fit the declaration is valid.
  public func check(_ use: SlashCommandUse) throws(InputError) {}
}

/// A command as it was typed: its arguments, where each starts, and the whole line.
public struct SlashCommandUse: Sendable {
  /// The arguments, split as a shell would.
  public var arguments: [String]
  /// The 1-based column of each argument in the line (for error positions).
  public var columns: [Int]
  /// The text after the command's name as written, for commands that read it whole
  /// (`/expect shell COMMAND`).
  public var raw: String

  /// A use as parsed from a line.
  public init(arguments: [String], columns: [Int], raw: String) {
    self.arguments = arguments
    self.columns = columns
    self.raw = raw
  }

  /// The column of argument `index`, or 1 when unknown.
  func column(_ index: Int) -> Int { index < columns.count ? columns[index] : 1 }
}

/// A command that runs another script (`/run`): a script that uses it is checked
/// together with the script it runs.
protocol ScriptIncluding {
  /// The script a use runs, and the arguments it gets.
  func included(by use: SlashCommandUse) -> (path: String, arguments: [String])
}
