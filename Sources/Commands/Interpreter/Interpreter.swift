import Agent
import Foundation
import Sandbox

/// Where the interpreter's output goes: the REPL's terminal, a script's log.
public protocol Console: Sendable {
  /// A line of the interpreter's own output (command results, errors).
  func line(_ text: String)
  /// An event of the engine, to render.
  func event(_ event: EngineEvent)
  /// A unified diff (`/diff`), which a terminal colours.
  func diff(_ text: String)
}

extension Console {
  /// By default a diff is printed as plain lines.
  public func diff(_ text: String) { line(text) }
}

/// Gives every input line its meaning and carries it out: prompts become turns,
/// slash commands change the session, `!command` runs under the sandbox.
// @unchecked Sendable: a front-end hands it one input at a time and awaits it; Ctrl-C
// cancels the task instead of touching its state.
public final class Interpreter: @unchecked Sendable {
  /// The slash commands this interpreter knows.
  public let registry = CommandRegistry()
  /// The current session (`/resume` replaces it).
  public internal(set) var session: Session {
    didSet { if keepsUndoSnapshots { session.keepUndoSnapshots() } }
  }
  /// Whether turns keep what `/undo` needs to put back a command's changes (the REPL and
  /// scripts offer `/undo`; `exec` does not, and spares the snapshots). Sessions begun
  /// later by `/new`, `/fork` or `/resume` keep it too.
  public var keepsUndoSnapshots = false {
    didSet { if keepsUndoSnapshots { session.keepUndoSnapshots() } }
  }
  /// The command line's settings, changed by `/model`, `/approve`, `/sandbox` and
  /// `/profile`.
  public internal(set) var overrides: CommandLineOverrides
  /// `/NAME` prompts from `$CODEX_HOME/prompts` and the repository's `.codex/prompts`.
  public private(set) var prompts: [CustomPrompt]
  /// Where typed prompts are remembered (`history.jsonl`), when the front-end wants it.
  public var history: PromptHistory?
  /// Images (data URLs) given on the command line (`-i`), attached to the next prompt.
  public var pendingImages: [String] = []
  /// `/onerror continue`: a script goes on after a failing step.
  public var continueOnError = false
  /// `/onerror rollback`: a failing step's changes to the working tree are undone.
  public var rollbackOnError = false
  /// What the interactive session did, for `/save` (nil elsewhere).
  public var record: SessionRecord?
  /// The last turn's commands, files and tokens.
  var lastTurnReport: TurnReport?
  /// `/checkpoint NAME`: the working tree at points to go back to.
  public var checkpoints: [String: WorkspaceCheckpoint] = [:]
  /// `/budget`: the limit each following turn gets.
  public var stepBudget: Budget?
  /// `--max-tokens`, `--max-turns`, `--timeout`: the limit of the whole run, counting
  /// from when it was set.
  public var runMeter: BudgetMeter?
  /// Where its output goes.
  public let console: Console
  let environment: [String: String]

  /// Where model requests go (the provider, a recording, a cassette).
  let traffic: ModelTraffic

  /// An interpreter whose configuration is resolved from `overrides` here.
  public convenience init(
    overrides: CommandLineOverrides, console: Console, approvals: ApprovalHandler,
    environment: [String: String] = ProcessInfo.processInfo.environment,
    traffic: ModelTraffic = .live
  ) throws {
    let configuration = try ConfigLoader(environment: environment).load(overrides)
    try self.init(
      configuration: configuration, overrides: overrides, console: console, approvals: approvals,
      environment: environment, traffic: traffic)
  }

  /// With `configuration` already resolved from `overrides`. A session given in
  /// `resuming` that cannot be continued is an error, never a fresh session instead.
  public init(
    configuration: Configuration, overrides: CommandLineOverrides, console: Console,
    approvals: ApprovalHandler,
    environment: [String: String], traffic: ModelTraffic = .live, resuming: SavedSession? = nil,
    forking: SavedSession? = nil
  ) throws {
    self.traffic = traffic
    self.overrides = overrides
    self.console = console
    self.environment = environment
    prompts = CustomPrompt.load(
      codexHome: configuration.codexHome,
      projectRoot: Instructions.gitRoot(from: configuration.workingDirectory)
        ?? configuration.workingDirectory)
    session = try Session.start(
      configuration: configuration, traffic: traffic, approvals: approvals,
      environment: environment, resuming: resuming, forking: forking, notice: console.line)
  }

  /// `codex (o3 · work · workspace-write) › `
  public var prompt: String {
    let configuration = session.configuration
    let parts = [configuration.model, configuration.profile, configuration.sandboxMode.rawValue]
      .compactMap { $0 }
    return "codex (" + parts.joined(separator: " · ") + ") › "
  }

  /// Tab completion for the current settings, commands and prompts.
  public var completer: Completer {
    Completer(
      registry: registry, prompts: prompts, profiles: session.configuration.profileNames,
      models: session.configuration.knownModels,
      workingDirectory: session.configuration.workingDirectory)
  }

  /// How carrying out an input ended.
  public enum Outcome: Sendable, Equatable {
    case done
    /// The turn, command or shell step failed (for scripts: the step fails).
    case failed(String)
    /// Ctrl-C stopped it.
    case interrupted
    /// `/quit` or `/exit [CODE]`.
    case quit(code: Int32?)
  }

  /// Handles one assembled input; returns false when the user asked to leave.
  public func handle(_ input: InputAssembler.Input) async -> Bool {
    switch input {
    case .line(let line): return await handle(line)
    case .literal(let text):
      if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return true }
      lastTurnReport = nil
      let outcome = await turn(text)
      record?.prompt(text, report: lastTurnReport)
      if case .quit = outcome { return false }
      return true
    }
  }

  /// Handles one line; returns false when the user asked to leave.
  public func handle(_ line: String) async -> Bool {
    let input: InputLine
    do {
      input = try InputLine.parse(line)
    } catch {
      console.line("error: column \(error.column): \(error.message)")
      return true
    }
    lastTurnReport = nil
    let outcome = await execute(input, inScript: false)
    if let record {
      switch input {
      case .prompt(let text): record.prompt(text, report: lastTurnReport)
      case .shell(let command): record.shell(command)
      case .command(let name, _, _): record.command(line, name: name, report: lastTurnReport)
      case .empty: break
      }
    }
    if case .quit = outcome { return false }
    return true
  }

  /// Carries out one input (in a script, script-only commands are allowed).
  public func execute(_ input: InputLine, inScript: Bool, raw: String = "") async -> Outcome {
    switch input {
    case .empty:
      return .done
    case .prompt(let text):
      return await turn(text)
    case .shell(let command):
      guard let status = await shell(command, addToConversation: true) else {
        return Task.isCancelled ? .interrupted : .failed("the command could not run")
      }
      return status == 0 ? .done : .failed("`\(command)` exited with \(status)")
    case .command(let name, let arguments, let columns):
      // `/prompts:NAME` is Codex CLI's spelling of a custom prompt.
      let promptName = name.hasPrefix("prompts:") ? String(name.dropFirst(8)) : name
      if registry.command(named: name) == nil || name != promptName,
        let prompt = prompts.first(where: { $0.name == promptName })
      {
        return await turn(prompt.expand(arguments))
      }
      do {
        let use = SlashCommandUse(arguments: arguments, columns: columns, raw: raw)
        let command = try registry.resolve(
          name: name, use: use, inScript: inScript, otherNames: prompts.map(\.name))
        return try await command.run(use, in: self)
      } catch is CancellationError {
        return .interrupted
      } catch {
        let message =
          (error as? InputError)?.message ?? (error as? ConfigError)?.message
          ?? (error as? ModelError)?.message ?? "\(error)"
        console.line("error: " + TerminalText.sanitize(message))
        return .failed(message)
      }
    }
  }

  /// The last answer of the model in this session (for `/expect reply`).
  public internal(set) var lastReply: String?
  /// The last review's result (for `/expect review` and `codex exec review`).
  public internal(set) var lastReview: ReviewResult?

  /// Sends `text` as a prompt, exactly as a typed one: `@path` mentions attach their
  /// files; `images` (data URLs) are attached as well.
  public func submit(_ text: String, images: [String] = []) async -> Outcome {
    await turn(text, images: images)
  }

  func turn(_ text: String, images: [String] = []) async -> Outcome {
    let console = self.console
    history?.append(text)
    let mentions = FileMentions.expand(
      text, workingDirectory: session.configuration.workingDirectory)
    if !mentions.attached.isEmpty {
      // File names come from the repository: untrusted.
      console.line("attached: " + TerminalText.sanitize(mentions.attached.joined(separator: ", ")))
    }
    let attachments = mentions.images + pendingImages + images
    pendingImages = []
    session.meters = [runMeter, stepBudget.map(session.meter)].compactMap { $0 }
    let report = TurnReport(workingDirectory: session.configuration.workingDirectory)
    lastTurnReport = report
    let ending = await session.submit(mentions.text, images: attachments) {
      report.observe($0)
      console.event($0)
    }
    switch ending {
    case .completed(let message):
      lastReply = message
      return .done
    case .failed(let reason):
      lastReply = nil
      return .failed(reason)
    case .interrupted:
      lastReply = nil
      return .interrupted
    }
  }

  /// Runs a shell command under the current sandbox, its output shown as it comes;
  /// returns its exit status, or nil when it could not run.
  func shell(_ command: String, addToConversation: Bool) async -> Int32? {
    let console = self.console
    do {
      let result = try await session.runUserShell(
        command, environment: environment, addToConversation: addToConversation
      ) { console.event($0) }
      if result.cancelled {
        console.line("interrupted")
        return nil
      }
      console.line("exit \(result.status)")
      return result.status
    } catch {
      console.line("error: " + TerminalText.sanitize("\(error)"))
      return nil
    }
  }

  /// Re-resolves the whole configuration from the overrides, keeping the conversation.
  func reconfigure() throws {
    let configuration = try ConfigLoader(environment: environment).load(overrides)
    session.configuration = configuration
    session.client = traffic.client(for: configuration, environment: environment)
  }
}
