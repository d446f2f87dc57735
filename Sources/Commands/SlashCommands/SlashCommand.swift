import Agent
import Sandbox

/// A slash command's name, arguments, help and completion: one table shared by the
/// REPL, scripts and the help text, so every command means the same everywhere.
public struct SlashCommand: Sendable {
  /// One argument a command takes, and how it is checked and completed.
  public enum Argument: Sendable {
    /// One of fixed choices (policies, modes, efforts).
    case choice(name: String, values: [String])
    /// Free text (a model name, a file path, a regular expression).
    case text(name: String)
    /// A name from the configuration (profiles, models).
    case configured(name: String, kind: CompletionKind)
  }

  /// Where completions for a `configured` argument come from.
  public enum CompletionKind: Sendable {
    case profiles, models, paths, commands
    /// `.codex` scripts (and the folders that may hold them).
    case scripts
    /// What `/review` looks at: `uncommitted`, `base`, `commit`.
    case reviewTargets
    /// Branches and tags of the repository.
    case revisions
  }

  /// The name typed after the slash.
  public var name: String
  /// Other names for it (`/exit` for `/quit`).
  public var aliases: [String]
  /// One line of help.
  public var summary: String
  /// Arguments in order; those past `required` are optional.
  public var arguments: [Argument]
  /// How many of the arguments must be given.
  public var required: Int
  /// Further words are allowed (script arguments, `/expect shell COMMAND`).
  public var variadic: Bool
  /// Only in `.codex` scripts.
  public var scriptOnly: Bool

  /// A declaration: by default no arguments, usable in the REPL and in scripts.
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
