import Foundation

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

/// `/run FILE [ARGS...]`: a `.codex` script, run in this session.
struct RunScriptCommand: SlashCommandDefinition, ScriptIncluding {
  let spec = SlashCommand(
    "run", "run a .codex script in this session",
    arguments: [.configured(name: "FILE", kind: .paths)], required: 1, variadic: true)

  func included(by use: SlashCommandUse) -> (path: String, arguments: [String]) {
    (use.arguments[0], Array(use.arguments.dropFirst()))
  }

  func run(_ use: SlashCommandUse, in interpreter: Interpreter) async throws
    -> Interpreter.Outcome
  {
    await interpreter.runScript(use.arguments)
  }
}

/// `/expect reply /RE/ | file PATH [/RE/] | shell COMMAND`: a check in a script.
struct ExpectCommand: SlashCommandDefinition {
  let spec = SlashCommand(
    "expect",
    "check the last reply, a file, or a command: reply /RE/ | file PATH [/RE/] | shell COMMAND",
    arguments: [
      .choice(name: "WHAT", values: ["reply", "file", "shell"]), .text(name: "ARGUMENT"),
    ], required: 2, variadic: true, scriptOnly: true)

  func check(_ use: SlashCommandUse) throws(InputError) {
    _ = try Expectation.parse(use.raw)
  }

  func run(_ use: SlashCommandUse, in interpreter: Interpreter) async throws
    -> Interpreter.Outcome
  {
    await interpreter.check(try Expectation.parse(use.raw))
  }
}

/// `/onerror stop|continue`: what a failing step does to the rest of the script.
struct OnErrorCommand: SlashCommandDefinition {
  let spec = SlashCommand(
    "onerror", "what a failing step does to the rest of the script",
    arguments: [.choice(name: "ACTION", values: ["stop", "continue"])], required: 1,
    scriptOnly: true)

  func run(_ use: SlashCommandUse, in interpreter: Interpreter) async throws
    -> Interpreter.Outcome
  {
    interpreter.continueOnError = use.arguments.first == "continue"
    return .done
  }
}

extension Interpreter {
  /// Carries out an `/expect` check.
  func check(_ expectation: Expectation) async -> Outcome {
    let failure: String?
    switch expectation {
    case .reply(let pattern):
      if let reply = lastReply {
        failure =
          Expectation.matches(pattern, reply) ? nil : "the last reply does not match /\(pattern)/"
      } else {
        failure = "there is no reply to check (the last turn gave none)"
      }
    case .file(let path, let pattern):
      let absolute =
        path.hasPrefix("/") ? path : session.configuration.workingDirectory + "/" + path
      if let data = FileManager.default.contents(atPath: absolute) {
        let text = String(decoding: data, as: UTF8.self)
        failure =
          pattern.map { Expectation.matches($0, text) ? nil : "\(path) does not match /\($0)/" }
          ?? nil
      } else {
        failure = "\(path) does not exist"
      }
    case .shell(let command):
      let status = await shell(command, addToConversation: false)
      if status == nil && Task.isCancelled { return .interrupted }
      failure =
        status == 0 ? nil : "`\(command)` exited with \(status.map(String.init) ?? "an error")"
    }
    if let failure {
      console.line("expectation failed: " + failure)
      return .failed(failure)
    }
    console.line("expectation met")
    return .done
  }
}
