import Agent

/// `/ps`: the processes `exec_command` left running (background terminals): session id,
/// how long it has run, the command, the last line it printed.
struct ProcessListCommand: SlashCommandDefinition {
  let spec = SlashCommand("ps", "the background processes the model started (/stop ends one)")

  func run(_ use: SlashCommandUse, in interpreter: Interpreter) async throws
    -> Interpreter.Outcome
  {
    let console = interpreter.console
    let running = interpreter.session.execSessions.running
    guard !running.isEmpty else {
      console.line("no background processes")
      return .done
    }
    for process in running {
      let last = process.lastLine.isEmpty ? "" : "  · " + TerminalText.sanitize(process.lastLine)
      console.line(
        "\(process.id)  \(process.seconds)s  " + TerminalText.sanitize(process.command) + last)
    }
    return .done
  }
}

/// `/stop ID` or `/stop all`: ends background processes with everything they started.
struct StopProcessCommand: SlashCommandDefinition {
  let spec = SlashCommand(
    "stop", "end a background process and what it started (/stop ID, /stop all)",
    arguments: [.text(name: "ID|all")], required: 1)

  func run(_ use: SlashCommandUse, in interpreter: Interpreter) async throws
    -> Interpreter.Outcome
  {
    let console = interpreter.console
    let sessions = interpreter.session.execSessions
    let word = use.arguments.first ?? ""
    if word == "all" {
      let count = sessions.running.count
      sessions.stopAll()
      console.line(count == 1 ? "stopped 1 process" : "stopped \(count) processes")
      return .done
    }
    guard let id = Int(word), sessions.stop(id) else {
      console.line("no background process \(TerminalText.sanitize(word)) (/ps lists them)")
      return .failed("no background process \(word)")
    }
    console.line("stopped \(id)")
    return .done
  }
}
