import Agent
import Foundation
import Sandbox

/// Where the interpreter's output goes: the REPL's terminal, a script's log.
public protocol Console: Sendable {
  /// A line of the interpreter's own output (command results, errors).
  func line(_ text: String)
  /// An event of the engine, to render.
  func event(_ event: EngineEvent)
}

/// Gives every input line its meaning and carries it out: prompts become turns,
/// slash commands change the session, `!command` runs under the sandbox.
public final class Interpreter: @unchecked Sendable {
  public let registry = CommandRegistry()
  public private(set) var session: Session
  public private(set) var overrides: CommandLineOverrides
  let console: Console
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
      do {
        let command = try registry.resolve(
          name: name, arguments: arguments, columns: columns, inScript: false)
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

  private func turn(_ text: String) async {
    let console = self.console
    do {
      try await session.submit(text) { console.event($0) }
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

  private func run(_ command: SlashCommand, _ arguments: [String]) async throws -> Bool {
    switch command.name {
    case "quit":
      return false
    case "help":
      registry.help(arguments.first).forEach(console.line)
    case "model":
      if let name = arguments.first { overrides.model = name }
      if arguments.count > 1 {
        overrides.settings.append("model_reasoning_effort=\(arguments[1])")
      }
      if !arguments.isEmpty { try reconfigure() }
      console.line(
        "model: \(session.configuration.model) (reasoning effort \(session.configuration.reasoningEffort.rawValue))"
      )
    case "approve":
      if let value = arguments.first {
        overrides.approvalPolicy = ApprovalPolicy(rawValue: value)
        try reconfigure()
      }
      console.line("approval policy: \(session.configuration.approvalPolicy.rawValue)")
    case "sandbox":
      if let value = arguments.first {
        overrides.sandboxMode = SandboxMode(rawValue: value)
        try reconfigure()
      }
      console.line("sandbox: \(session.configuration.sandboxMode.rawValue)")
    case "profile":
      if let name = arguments.first {
        overrides.profile = name
        // A profile's own model and policies apply, not earlier /model or /approve choices.
        overrides.model = nil
        overrides.approvalPolicy = nil
        overrides.sandboxMode = nil
        try reconfigure()
        console.line(
          "profile: \(name) (\(session.configuration.model) via \(session.configuration.provider.id))"
        )
      } else {
        console.line("profile: \(session.configuration.profile ?? "(none)")")
      }
    case "status":
      status().forEach(console.line)
    case "config":
      ConfigReport(session.configuration).lines().forEach(console.line)
    case "new":
      session.reset()
      console.line("new conversation")
    case "compact":
      let console = self.console
      try await session.compact { console.event($0) }
      console.line("conversation compacted")
    case "diff":
      let diff = try await session.lastTurnDiff.unifiedDiff()
      console.line(diff.isEmpty ? "no changes in the last turn" : diff)
    case "undo":
      let restored = try await session.lastTurnDiff.undo()
      console.line(
        restored.isEmpty ? "nothing to undo" : "restored: " + restored.joined(separator: ", "))
    case "init":
      await turn(
        "Write an AGENTS.md for this repository: how to build, test and run it, its layout, and the conventions a coding agent must follow. Keep it short and factual; read the repository first."
      )
    default:
      console.line("/\(command.name) is not available in this version yet")
    }
    return true
  }

  /// Re-resolves the whole configuration from the overrides, keeping the conversation.
  private func reconfigure() throws {
    let configuration = try ConfigLoader(environment: environment).load(overrides)
    session.configuration = configuration
    session.client = Self.client(configuration, environment)
  }

  private func status() -> [String] {
    let configuration = session.configuration
    let usage = session.totalUsage
    var lines = [
      "model: \(configuration.model) via \(configuration.provider.id) (\(configuration.provider.wireAPI.rawValue))",
      "profile: \(configuration.profile ?? "(none)")",
      "approval policy: \(configuration.approvalPolicy.rawValue) · sandbox: \(configuration.sandboxMode.rawValue)",
      "cwd: \(configuration.workingDirectory)",
      "session: \(session.id)",
      "tokens: \(usage.inputTokens) in, \(usage.outputTokens) out",
    ]
    if let left = session.contextLeft {
      lines.append(String(format: "context left: %.0f%%", left * 100))
    }
    return lines
  }
}
