/// `/run FILE [ARGS...]`: a `.codex` script, run in this session.
struct RunScriptCommand: SlashCommandDefinition, ScriptIncluding {
  let spec = SlashCommand(
    "run", "run a .codex script in this session",
    arguments: [
      .configured(name: "FILE", kind: .scripts), .configured(name: "ARGS", kind: .paths),
    ], required: 1, variadic: true)

  func included(by use: SlashCommandUse) -> (path: String, arguments: [String]) {
    (use.arguments[0], Array(use.arguments.dropFirst()))
  }

  func run(_ use: SlashCommandUse, in interpreter: Interpreter) async throws
    -> Interpreter.Outcome
  {
    await interpreter.runScript(use.arguments)
  }
}
