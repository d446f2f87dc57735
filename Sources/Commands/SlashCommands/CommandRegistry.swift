import Agent
import Sandbox

/// The known slash commands, and the checks every use of one goes through.
public struct CommandRegistry: Sendable {
  /// Every command, in the order help lists them.
  public let definitions: [any SlashCommandDefinition]

  /// A registry of `definitions` (the built-in commands unless given).
  public init(definitions: [any SlashCommandDefinition] = CommandRegistry.builtIn) {
    self.definitions = definitions
  }

  /// The declarations, for help and completion.
  public var commands: [SlashCommand] { definitions.map(\.spec) }

  /// The command called `name` or one of its aliases.
  public func definition(named name: String) -> (any SlashCommandDefinition)? {
    definitions.first { $0.spec.name == name || $0.spec.aliases.contains(name) }
  }

  /// The declaration of the command called `name` or one of its aliases.
  public func command(named name: String) -> SlashCommand? {
    definition(named: name)?.spec
  }

  /// The command for `name` with its use checked (its arguments against the
  /// declaration, then the command's own checks), or an error that says what is wrong,
  /// where, and what would be right.
  public func resolve(
    name: String, use: SlashCommandUse, inScript: Bool, otherNames: [String] = []
  ) throws(InputError) -> any SlashCommandDefinition {
    guard let definition = definition(named: name), inScript || !definition.spec.scriptOnly
    else {
      let visible =
        commands.filter { inScript || !$0.scriptOnly }.flatMap {
          [$0.name] + $0.aliases
        } + otherNames
      var message = "unknown command /\(name)"
      if let near = NearestName.suggest(name, from: visible) {
        message += "; did you mean /\(near)?"
      }
      throw InputError(message: message + " (/help lists the commands)", column: 1)
    }
    let command = definition.spec
    let arguments = use.arguments
    if arguments.count < command.required {
      throw InputError(
        message: "/\(command.name) needs more arguments: \(command.usage)", column: 1)
    }
    if arguments.count > command.arguments.count && !command.variadic {
      throw InputError(
        message:
          "/\(command.name) takes at most \(command.arguments.count) arguments: \(command.usage)",
        column: use.columns.count > command.arguments.count
          ? use.columns[command.arguments.count] : 1)
    }
    for (index, value) in arguments.enumerated() where index < command.arguments.count {
      if case .choice(let argumentName, let values) = command.arguments[index],
        !values.contains(value)
      {
        throw InputError(
          message: "/\(command.name): \(argumentName) \"\(value)\" is not one of "
            + values.joined(separator: ", "),
          column: use.column(index))
      }
    }
    try definition.check(use)
    return definition
  }

  /// Help: every command with its usage and summary, or one command's.
  public func help(_ name: String? = nil, inScript: Bool = false) -> [String] {
    if let name, let command = command(named: name) {
      return [command.usage, "  " + command.summary]
        + (command.aliases.isEmpty
          ? [] : ["  also: " + command.aliases.map { "/" + $0 }.joined(separator: ", ")])
    }
    let shown = commands.filter { inScript || !$0.scriptOnly }
    let width = shown.map(\.usage.count).max() ?? 0
    return shown.map {
      $0.usage + String(repeating: " ", count: width - $0.usage.count + 2) + $0.summary
    }
  }

  /// The built-in commands: each a unit in `Sources/Commands/SlashCommands`.
  public static let builtIn: [any SlashCommandDefinition] = [
    ModelCommand(), ProfileCommand(), ApproveCommand(), SandboxModeCommand(), DiffCommand(),
    StatusCommand(), ReviewCommand(), ConfigReportCommand(), NewCommand(), ForkCommand(),
    RenameCommand(), SessionArchiveCommand(deletes: false), SessionArchiveCommand(deletes: true),
    CompactCommand(), UndoCommand(),
    InitCommand(), MCPStatusCommand(), HooksCommand(), SkillsCommand(), ResumeSessionCommand(),
    RunScriptCommand(),
    HelpCommand(), QuitCommand(), ExpectCommand(), OnErrorCommand(), BudgetCommand(),
    CheckpointCommand(), RollbackCommand(), SaveCommand(),
    ProcessListCommand(),
    StopProcessCommand(),
  ]
}
