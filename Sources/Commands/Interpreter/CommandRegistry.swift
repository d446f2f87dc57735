import Agent
import Sandbox

/// The known slash commands, and the checks every use of one goes through.
public struct CommandRegistry: Sendable {
  public var commands: [SlashCommand]

  public init(commands: [SlashCommand] = CommandRegistry.builtIn) {
    self.commands = commands
  }

  public func command(named name: String) -> SlashCommand? {
    commands.first { $0.name == name || $0.aliases.contains(name) }
  }

  /// The command for `name` with its arguments checked, or an error that says what is
  /// wrong, where, and what would be right.
  public func resolve(
    name: String, arguments: [String], columns: [Int], inScript: Bool,
    otherNames: [String] = []
  ) throws(InputError) -> SlashCommand {
    guard let command = command(named: name), inScript || !command.scriptOnly else {
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
    if arguments.count < command.required {
      throw InputError(
        message: "/\(command.name) needs more arguments: \(command.usage)", column: 1)
    }
    if arguments.count > command.arguments.count && !command.variadic {
      let column = columns.count > command.arguments.count ? columns[command.arguments.count] : 1
      throw InputError(
        message:
          "/\(command.name) takes at most \(command.arguments.count) arguments: \(command.usage)",
        column: column)
    }
    for (index, value) in arguments.enumerated() where index < command.arguments.count {
      if case .choice(let argumentName, let values) = command.arguments[index],
        !values.contains(value)
      {
        throw InputError(
          message: "/\(command.name): \(argumentName) \"\(value)\" is not one of "
            + values.joined(separator: ", "),
          column: index < columns.count ? columns[index] : 1)
      }
    }
    return command
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

  public static let builtIn: [SlashCommand] = [
    SlashCommand(
      "model", "show or set the model (and reasoning effort) for the rest of the session",
      arguments: [
        .configured(name: "NAME", kind: .models),
        .choice(name: "EFFORT", values: ReasoningEffort.allCases.map(\.rawValue)),
      ]),
    SlashCommand(
      "profile", "show profiles, or switch to one, keeping the conversation",
      arguments: [.configured(name: "NAME", kind: .profiles)]),
    SlashCommand(
      "approve", "show or set the approval policy",
      arguments: [.choice(name: "POLICY", values: ApprovalPolicy.allCases.map(\.rawValue))]),
    SlashCommand(
      "sandbox", "show or set the sandbox mode",
      arguments: [.choice(name: "MODE", values: SandboxMode.allCases.map(\.rawValue))]),
    SlashCommand("diff", "the changes in the working tree (git), or those of this session"),
    SlashCommand(
      "status", "model, provider, profile, policies, tokens, context left, AGENTS.md files"),
    SlashCommand("config", "effective settings with their origins"),
    SlashCommand("new", "start a new conversation with the same settings"),
    SlashCommand("compact", "summarise the conversation to free context"),
    SlashCommand("undo", "restore the files changed by the last turn"),
    SlashCommand("init", "ask the model to write an AGENTS.md for this repository"),
    SlashCommand("mcp", "MCP servers, their state and tools"),
    SlashCommand(
      "resume", "list recent sessions, or continue one (by number or id) in place of this one",
      arguments: [.text(name: "SESSION")]),
    SlashCommand(
      "run", "run a .codex script in this session",
      arguments: [.configured(name: "FILE", kind: .paths)], required: 1,
      variadic: true),
    SlashCommand(
      "help", "the commands, or one command",
      arguments: [.configured(name: "COMMAND", kind: .commands)]),
    SlashCommand(
      "quit", aliases: ["exit"], "leave codex (a script: end it, with CODE as its exit status)",
      arguments: [.text(name: "CODE")]),
    SlashCommand(
      "expect",
      "check the last reply, a file, or a command: reply /RE/ | file PATH [/RE/] | shell COMMAND",
      arguments: [
        .choice(name: "WHAT", values: ["reply", "file", "shell"]), .text(name: "ARGUMENT"),
      ], required: 2,
      variadic: true, scriptOnly: true),
    SlashCommand(
      "onerror", "what a failing step does to the rest of the script",
      arguments: [.choice(name: "ACTION", values: ["stop", "continue"])], required: 1,
      scriptOnly: true),
  ]
}
