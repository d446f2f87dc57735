import Agent
import Foundation

/// `/new`: a new conversation with the same settings.
struct NewCommand: SlashCommandDefinition {
  let spec = SlashCommand("new", "start a new conversation with the same settings")

  func run(_ use: SlashCommandUse, in interpreter: Interpreter) async throws
    -> Interpreter.Outcome
  {
    interpreter.session.reset()
    interpreter.console.line("new conversation")
    return .done
  }
}

/// `/compact`: the model summarises the conversation, which the summary replaces.
struct CompactCommand: SlashCommandDefinition {
  let spec = SlashCommand("compact", "summarise the conversation to free context")

  func run(_ use: SlashCommandUse, in interpreter: Interpreter) async throws
    -> Interpreter.Outcome
  {
    let console = interpreter.console
    try await interpreter.session.compact { console.event($0) }
    console.line("conversation compacted")
    return .done
  }
}

/// `/undo`: restores the files the last turn changed.
struct UndoCommand: SlashCommandDefinition {
  let spec = SlashCommand("undo", "restore the files changed by the last turn")

  func run(_ use: SlashCommandUse, in interpreter: Interpreter) async throws
    -> Interpreter.Outcome
  {
    let restored = try await interpreter.session.lastTurnDiff.undo()
    interpreter.console.line(
      restored.isEmpty ? "nothing to undo" : "restored: " + restored.joined(separator: ", "))
    return .done
  }
}

/// `/init`: asks the model to write an AGENTS.md, unless there is one.
struct InitCommand: SlashCommandDefinition {
  let spec = SlashCommand("init", "ask the model to write an AGENTS.md for this repository")

  static let prompt =
    "Write an AGENTS.md for this repository: how to build, test and run it, its layout, and the conventions a coding agent must follow. Keep it short and factual; read the repository first."

  func run(_ use: SlashCommandUse, in interpreter: Interpreter) async throws
    -> Interpreter.Outcome
  {
    // Never over a file the user wrote: they can ask for changes in plain words.
    let target = URL(fileURLWithPath: interpreter.session.configuration.workingDirectory)
      .appendingPathComponent("AGENTS.md").path
    if FileManager.default.fileExists(atPath: target) {
      interpreter.console.line("AGENTS.md already exists here; /init leaves it as it is")
      return .done
    }
    return await interpreter.turn(Self.prompt)
  }
}

/// `/resume [SESSION]`: lists recent sessions, or continues one in place of this one.
struct ResumeSessionCommand: SlashCommandDefinition {
  let spec = SlashCommand(
    "resume", "list recent sessions, or continue one (by number or id) in place of this one",
    arguments: [.text(name: "SESSION")])

  func run(_ use: SlashCommandUse, in interpreter: Interpreter) async throws
    -> Interpreter.Outcome
  {
    let console = interpreter.console
    let session = interpreter.session
    let home = session.configuration.codexHome
    let recent = SavedSession.list(codexHome: home).filter { !$0.contains(session.id) }
    guard let choice = use.arguments.first else {
      if recent.isEmpty { console.line("no other saved sessions in \(home)/sessions") }
      for (index, path) in recent.enumerated() {
        guard let saved = try? SavedSession.read(path: path) else { continue }
        let prompt =
          saved.firstPrompt?.split(separator: "\n").first.map(String.init) ?? "(no prompt)"
        console.line(
          "\(index + 1)  \(saved.started.prefix(19))  \(saved.workingDirectory)  \(prompt.prefix(60))"
        )
      }
      if !recent.isEmpty { console.line("continue one with /resume NUMBER or /resume ID") }
      return .done
    }
    let path: String?
    if let number = Int(choice), number >= 1, number <= recent.count {
      path = recent[number - 1]
    } else {
      path = SavedSession.find(codexHome: home, id: choice)
    }
    guard let path else {
      console.line("no saved session \(choice); /resume lists them")
      return .failed("no saved session \(choice)")
    }
    do {
      let saved = try SavedSession.read(path: path)
      let servers = session.mcp
      let resumed = try Session(
        resuming: saved, configuration: session.configuration, client: session.client,
        approvals: session.approvals, environment: interpreter.environment)
      resumed.mcp = servers
      interpreter.session = resumed
      console.line("resumed session \(saved.id) (\(saved.items.count - 1) items)")
      return .done
    } catch {
      let message = (error as? ModelError)?.message ?? "\(error)"
      console.line("error: " + message)
      return .failed(message)
    }
  }
}
