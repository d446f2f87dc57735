import Agent
import Sandbox

/// A slash command's name, arguments, help and completion: one table shared by the
/// REPL, scripts and the help text, so every command means the same everywhere.
public struct SlashCommand: Sendable {
  public enum Argument: Sendable {
    /// One of fixed choices (policies, modes, efforts).
    case choice(name: String, values: [String])
    /// Free text (a model name, a file path, a regular expression).
    case text(name: String)
    /// A name from the configuration (profiles, models).
    case configured(name: String, kind: CompletionKind)
  }

  public enum CompletionKind: Sendable { case profiles, models, paths, commands }

  public var name: String
  public var aliases: [String]
  public var summary: String
  /// Arguments in order; those past `required` are optional.
  public var arguments: [Argument]
  public var required: Int
  /// Further words are allowed (script arguments, `/expect shell COMMAND`).
  public var variadic: Bool
  /// Only in `.codex` scripts.
  public var scriptOnly: Bool

  public init(
    _ name: String, aliases: [String] = [], _ summary: String, arguments: [Argument] = [],
    required: Int = 0,
    variadic: Bool = false, scriptOnly: Bool = false
  ) {
    self.name = name
    self.aliases = aliases
    self.summary = summary
    self.arguments = arguments
    self.required = required
    self.variadic = variadic
    self.scriptOnly = scriptOnly
  }

  /// `/model [NAME [EFFORT]]`
  public var usage: String {
    var text = "/" + name
    var closing = ""
    for (index, argument) in arguments.enumerated() {
      let word: String
      switch argument {
      case .choice(let name, _), .text(let name), .configured(let name, _): word = name
      }
      if index >= required {
        text += " [" + word
        closing += "]"
      } else {
        text += " " + word
      }
    }
    return text + closing + (variadic ? " ..." : "")
  }
}
