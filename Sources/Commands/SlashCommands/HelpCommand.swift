/// `/help [COMMAND]`: every command (and custom prompt), or one.
struct HelpCommand: SlashCommandDefinition {
  let spec = SlashCommand(
    "help", "the commands, or one command",
    arguments: [.configured(name: "COMMAND", kind: .commands)])

  func run(_ use: SlashCommandUse, in interpreter: Interpreter) async throws
    -> Interpreter.Outcome
  {
    let name = use.arguments.first
    let registry = interpreter.registry
    let prompts = interpreter.prompts
    var lines: [String]
    if let name, registry.command(named: name) == nil,
      let prompt = prompts.first(where: { $0.name == name })
    {
      lines = [
        "/\(prompt.name) \(prompt.argumentHint ?? "[ARGS...]")", "  " + prompt.description,
        "  from " + prompt.path,
      ]
    } else {
      lines = registry.help(name)
      if name == nil && !prompts.isEmpty {
        lines.append("custom prompts:")
        lines += prompts.map { "/\($0.name) \($0.argumentHint ?? "[ARGS...]")  \($0.description)" }
      }
      if name == nil { lines.append("!COMMAND  run a shell command under the sandbox") }
    }
    lines.forEach(interpreter.console.line)
    return .done
  }
}
