import Agent
import Foundation
import Sandbox

/// What each slash command does.
extension Interpreter {
  func run(_ command: SlashCommand, _ arguments: [String], raw: String) async throws -> Outcome {
    switch command.name {
    case "quit":
      return .quit(code: arguments.first.flatMap { Int32($0) })
    case "expect":
      return try await expect(Expectation.parse(raw))
    case "onerror":
      continueOnError = arguments.first == "continue"
    case "run":
      return await runScript(arguments)
    case "help":
      help(arguments.first).forEach(console.line)
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
      try profile(arguments.first)
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
      try await diff()
    case "undo":
      let restored = try await session.lastTurnDiff.undo()
      console.line(
        restored.isEmpty ? "nothing to undo" : "restored: " + restored.joined(separator: ", "))
    case "init":
      // Never over a file the user wrote: they can ask for changes in plain words.
      let target = URL(fileURLWithPath: session.configuration.workingDirectory)
        .appendingPathComponent("AGENTS.md").path
      if FileManager.default.fileExists(atPath: target) {
        console.line("AGENTS.md already exists here; /init leaves it as it is")
        return .done
      }
      return await turn(
        "Write an AGENTS.md for this repository: how to build, test and run it, its layout, and the conventions a coding agent must follow. Keep it short and factual; read the repository first."
      )
    case "mcp":
      await mcp().forEach(console.line)
    case "resume":
      return resume(arguments.first)
    default:
      console.line("/\(command.name) is not available in this version yet")
    }
    return .done
  }

  private func expect(_ expectation: Expectation) async -> Outcome {
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

  private func profile(_ name: String?) throws {
    guard let name else {
      let current = session.configuration.profile
      let names = session.configuration.profileNames
      console.line("profile: \(current ?? "(none)")")
      if !names.isEmpty {
        console.line(
          "profiles: "
            + names.map { $0 == current ? $0 + " (current)" : $0 }.joined(separator: ", "))
      }
      return
    }
    let saved = overrides
    overrides.profile = name
    // A profile's own model and policies apply, not earlier /model or /approve choices.
    overrides.model = nil
    overrides.approvalPolicy = nil
    overrides.sandboxMode = nil
    do {
      try reconfigure()
    } catch {
      overrides = saved
      throw error
    }
    let configuration = session.configuration
    console.line(
      "profile: \(name) (\(configuration.model) via \(configuration.provider.id), "
        + "\(configuration.approvalPolicy.rawValue), \(configuration.sandboxMode.rawValue))")
  }

  /// The working tree against the last commit (untracked files included); outside git,
  /// what this session's patches changed.
  private func diff() async throws {
    let directory = session.configuration.workingDirectory
    if let text = try await GitSnapshot.workingTreeDiff(in: directory, environment: environment) {
      if text.isEmpty {
        console.line("no changes in the working tree")
      } else {
        console.diff(text)
      }
      return
    }
    let text = try await session.sessionDiff.unifiedDiff()
    if text.isEmpty {
      console.line("not a git repository, and this session changed no files")
    } else {
      console.diff(text)
    }
  }

  private func help(_ name: String?) -> [String] {
    if let name, registry.command(named: name) == nil,
      let prompt = prompts.first(where: { $0.name == name })
    {
      return ["/\(prompt.name) [ARGS...]", "  " + prompt.description, "  from " + prompt.path]
    }
    var lines = registry.help(name)
    if name == nil && !prompts.isEmpty {
      lines.append("custom prompts:")
      lines += prompts.map { "/\($0.name) [ARGS...]  \($0.description)" }
    }
    if name == nil { lines.append("!COMMAND  run a shell command under the sandbox") }
    return lines
  }

  /// What the sandbox cannot enforce here, said once in `/status` (`codex sandbox
  /// --explain` says it all).
  static func sandboxNotice(_ configuration: Configuration) -> String? {
    let policy = configuration.sandboxPolicy
    guard policy.mode != .dangerFullAccess else { return nil }
    if let problem = LinuxSandbox.Support.current.problem { return "sandbox: " + problem }
    let environment = ProcessInfo.processInfo.environment
    guard
      let rules = LinuxSandbox.rules(
        for: policy, workingDirectory: configuration.workingDirectory, environment: environment)
    else { return nil }
    let area = WritableArea(
      policy: policy, workingDirectory: configuration.workingDirectory, environment: environment)
    return rules.plan.grantsEntryByEntry(area) ? LinuxSandbox.entryByEntryNotice : nil
  }

  func status() -> [String] {
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
    if let notice = Self.sandboxNotice(configuration) { lines.append(notice) }
    let docs = Instructions.projectDocs(
      codexHome: configuration.codexHome, workingDirectory: configuration.workingDirectory,
      maxBytes: configuration.projectDocMaxBytes)
    lines.append(
      "AGENTS.md: " + (docs.isEmpty ? "none" : docs.map(\.path).joined(separator: ", ")))
    let servers = configuration.mcpServers
    lines.append(
      "MCP servers: "
        + (servers.isEmpty
          ? "none"
          : servers.map { $0.name + ($0.enabled ? "" : " (disabled)") }.joined(separator: ", ")))
    return lines
  }

  /// `/resume`: the recent sessions, numbered; `/resume N` or `/resume ID` continues one.
  private func resume(_ choice: String?) -> Outcome {
    let home = session.configuration.codexHome
    let recent = SavedSession.list(codexHome: home).filter { !$0.contains(session.id) }
    guard let choice else {
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
    if let number = Int(choice), (1...max(recent.count, 1)).contains(number), number <= recent.count
    {
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
      session = try Session(
        resuming: saved, configuration: session.configuration, client: session.client,
        approvals: session.approvals, environment: environment)
      session.mcp = servers
      console.line("resumed session \(saved.id) (\(saved.items.count - 1) items)")
      return .done
    } catch {
      let message = (error as? ModelError)?.message ?? "\(error)"
      console.line("error: " + message)
      return .failed(message)
    }
  }

  /// The configured MCP servers, how each is reached, its state and its tools.
  func mcp() async -> [String] {
    let servers = session.configuration.mcpServers
    guard !servers.isEmpty else {
      return ["no MCP servers configured; add one with `codex mcp add` or [mcp_servers.NAME]"]
    }
    guard let running = session.mcp else {
      return servers.map { "\($0.name): disabled" }
    }
    await running.ready()
    var lines: [String] = []
    for status in await running.statuses() {
      switch status.state {
      case .ready:
        lines.append("\(status.name): ready · \(status.transport)")
        lines.append(
          "  tools: " + (status.tools.isEmpty ? "none" : status.tools.joined(separator: ", ")))
      case .failed(let reason):
        lines.append("\(status.name): failed · \(status.transport)")
        lines.append("  " + reason)
      case .disabled: lines.append("\(status.name): disabled · \(status.transport)")
      case .starting: lines.append("\(status.name): starting · \(status.transport)")
      }
    }
    return lines
  }
}
