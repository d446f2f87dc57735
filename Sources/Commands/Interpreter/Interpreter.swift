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
  public func diff(_ text: String) { line(text) }
}

/// Gives every input line its meaning and carries it out: prompts become turns,
/// slash commands change the session, `!command` runs under the sandbox.
public final class Interpreter: @unchecked Sendable {
  public let registry = CommandRegistry()
  public private(set) var session: Session
  public internal(set) var overrides: CommandLineOverrides
  /// `/NAME` prompts from `$CODEX_HOME/prompts` and the repository's `.codex/prompts`.
  public private(set) var prompts: [CustomPrompt]
  /// Where typed prompts are remembered (`history.jsonl`), when the front-end wants it.
  public var history: PromptHistory?
  public let console: Console
  let environment: [String: String]

  public convenience init(
    overrides: CommandLineOverrides, console: Console, approvals: ApprovalHandler,
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws {
    let configuration = try ConfigLoader(environment: environment).load(overrides)
    self.init(
      configuration: configuration, overrides: overrides, console: console, approvals: approvals,
      environment: environment)
  }

  /// With `configuration` already resolved from `overrides`.
  public init(
    configuration: Configuration, overrides: CommandLineOverrides, console: Console,
    approvals: ApprovalHandler,
    environment: [String: String]
  ) {
    self.overrides = overrides
    self.console = console
    self.environment = environment
    prompts = CustomPrompt.load(
      codexHome: configuration.codexHome,
      projectRoot: Instructions.gitRoot(from: configuration.workingDirectory)
        ?? configuration.workingDirectory)
    session = Session(
      configuration: configuration, client: Self.client(configuration, environment),
      approvals: approvals,
      environment: environment)
  }

  static func client(_ configuration: Configuration, _ environment: [String: String]) -> ModelClient
  {
    let key = ModelClient.apiKey(
      for: configuration.provider, environment: environment, codexHome: configuration.codexHome)
    return ModelClient(provider: configuration.provider, apiKey: key, environment: environment)
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

  /// Handles one assembled input; returns false when the user asked to leave.
  public func handle(_ input: InputAssembler.Input) async -> Bool {
    switch input {
    case .line(let line): return await handle(line)
    case .literal(let text):
      if !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { await turn(text) }
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
    switch input {
    case .empty:
      return true
    case .prompt(let text):
      await turn(text)
      return true
    case .shell(let command):
      await shell(command)
      return true
    case .command(let name, let arguments, let columns):
      if registry.command(named: name) == nil,
        let prompt = prompts.first(where: { $0.name == name })
      {
        await turn(prompt.expand(arguments))
        return true
      }
      do {
        let command = try registry.resolve(
          name: name, arguments: arguments, columns: columns, inScript: false,
          otherNames: prompts.map(\.name))
        return try await run(command, arguments)
      } catch let error as InputError {
        console.line("error: " + error.message)
      } catch let error as ConfigError {
        console.line("error: " + error.message)
      } catch {
        console.line("error: \(error)")
      }
      return true
    }
  }

  func turn(_ text: String) async {
    let console = self.console
    history?.append(text)
    let mentions = FileMentions.expand(
      text, workingDirectory: session.configuration.workingDirectory)
    if !mentions.attached.isEmpty {
      console.line("attached: " + mentions.attached.joined(separator: ", "))
    }
    do {
      try await session.submit(mentions.text, images: mentions.images) { console.event($0) }
    } catch is CancellationError {
      console.line("interrupted; the conversation keeps what was said so far")
    } catch {
      console.line("error: " + ((error as? ModelError)?.message ?? "\(error)"))
    }
  }

  private func shell(_ command: String) async {
    let configuration = session.configuration
    let rules = LinuxSandbox.rules(
      for: configuration.sandboxPolicy, workingDirectory: configuration.workingDirectory,
      environment: environment)
    let request = ExecRequest(
      command: ["bash", "-c", command], workingDirectory: configuration.workingDirectory,
      environment: configuration.shellEnvironment.environment(from: environment),
      outputLimit: 32 * 1024, sandbox: rules)
    do {
      let result = try await ProcessExecutor.run(request) { [console] _, bytes in
        console.event(.execOutput(callID: "user", stream: .stdout, bytes: bytes))
      }
      console.line("exit \(result.status)")
      let output = result.stdout.text + result.stderr.text
      session.addContext("I ran `\(command)` (exit \(result.status)). Its output:\n\(output)")
    } catch {
      console.line("error: \(error)")
    }
  }

  /// Re-resolves the whole configuration from the overrides, keeping the conversation.
  func reconfigure() throws {
    let configuration = try ConfigLoader(environment: environment).load(overrides)
    session.configuration = configuration
    session.client = Self.client(configuration, environment)
  }
}
