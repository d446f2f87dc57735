/// `/quit [CODE]` (also `/exit`): leaves the REPL, or ends a script with CODE.
struct QuitCommand: SlashCommandDefinition {
  let spec = SlashCommand(
    "quit", aliases: ["exit"], "leave codex (a script: end it, with CODE as its exit status)",
    arguments: [.text(name: "CODE")])

  func check(_ use: SlashCommandUse) throws(InputError) {
    if let code = use.arguments.first, Int32(code) == nil {
      throw InputError(message: "/exit takes a number: /exit [CODE]", column: use.column(0))
    }
  }

  func run(_ use: SlashCommandUse, in interpreter: Interpreter) async throws
    -> Interpreter.Outcome
  {
    .quit(code: use.arguments.first.flatMap { Int32($0) })
  }
}
