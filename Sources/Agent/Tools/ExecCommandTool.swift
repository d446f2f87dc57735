internal import CSandbox
import Foundation
import Sandbox

/// `exec_command`: runs a shell command line, in a pseudo-terminal (`tty`) or with pipes,
/// under the sandbox and the approval sequence; waits until it ends or `yield_time_ms`
/// passes, and returns its output so far with its exit code, or the session id to write
/// to and poll with `write_stdin` while it keeps running.
public struct ExecCommandTool: Tool {
  /// The arguments as Codex's `exec_command` defines them.
  public struct Arguments: Decodable, Sendable {
    public var cmd: String
    public var workdir: String?
    public var yield_time_ms: Double?
    public var max_output_tokens: Double?
    public var tty: Bool?
    public var login: Bool?
    public var shell: String?
    /// `use_default`, or `require_escalated` to ask to run without the sandbox.
    public var sandbox_permissions: String?
    public var justification: String?
    public var prefix_rule: [String]?
  }

  /// The tool.
  public init() {}

  /// How long a call waits for the command when it names no `yield_time_ms`.
  static let defaultYieldMilliseconds: Double = 10_000
  /// How much output a call returns when it names no `max_output_tokens`.
  static let defaultMaxOutputTokens = 10_000

  /// The schema the model sees, with Codex's parameter names.
  public let spec = ToolSpec(
    name: "exec_command",
    description:
      "Run a shell command line in the sandbox and return its output. Waits up to yield_time_ms (default 10000); a command still running then keeps running and its session_id is returned, to pass to write_stdin.",
    parameters: """
      {"type":"object","properties":{
        "cmd":{"type":"string","description":"The shell command line to run."},
        "workdir":{"type":"string","description":"Directory to run in (default: the working directory)."},
        "yield_time_ms":{"type":"number","description":"How long to wait for output before returning (250 to 30000)."},
        "max_output_tokens":{"type":"number","description":"The most output tokens to return."},
        "tty":{"type":"boolean","description":"Run in a pseudo-terminal (for interactive programs). Default false."},
        "login":{"type":"boolean","description":"Run the shell as a login shell (default true)."},
        "shell":{"type":"string","description":"The shell to use (default /bin/bash)."},
        "sandbox_permissions":{"type":"string","enum":["use_default","require_escalated"],"description":"require_escalated asks the user to run the command without the sandbox."},
        "justification":{"type":"string","description":"Why the command needs to run without the sandbox (shown to the user)."},
        "prefix_rule":{"type":"array","items":{"type":"string"},"description":"When asking for approval: a command prefix (such as [\\"npm\\", \\"test\\"]) the user may allow from now on."}},
       "required":["cmd"],"additionalProperties":false}
      """)

  func argv(_ arguments: Arguments) -> [String] {
    [arguments.shell ?? "/bin/bash", arguments.login == false ? "-c" : "-lc", arguments.cmd]
  }

  func directory(_ arguments: Arguments, _ context: ToolContext) -> String {
    guard let workdir = arguments.workdir, !workdir.isEmpty else { return context.workingDirectory }
    return workdir.hasPrefix("/") ? workdir : context.workingDirectory + "/" + workdir
  }

  /// As `shell`: known read-only command lines run, the rest as the approval policy and the
  /// sandbox mode say; `require_escalated` asks to run without the sandbox.
  public func requirement(for arguments: Arguments, in context: ToolContext) async
    -> ToolRequirement
  {
    guard !arguments.cmd.trimmingCharacters(in: .whitespaces).isEmpty else {
      return .answered(ToolResult(output: "error: `cmd` must be a command line"))
    }
    guard context.execSessions.hasRoom else {
      return .answered(
        ToolResult(
          output:
            "error: \(UnifiedExecSessions.limit) processes are running already; end one with write_stdin (Ctrl-C) first"
        ))
    }
    let policy = context.policy
    var request = ExecApprovalRequest(
      command: argv(arguments), approvalPolicy: context.approvalPolicy,
      sandboxMode: policy.mode,
      escalation: arguments.sandbox_permissions == "require_escalated",
      justification: arguments.justification,
      sandboxUnavailable: policy.mode == .dangerFullAccess
        ? nil : LinuxSandbox.Support.current.problem)
    request.rules = context.configuration.execPolicy
    return ToolRequirement(ExecApproval.decide(request))
  }

  /// A known read-only command line without escalation and without a terminal.
  public func isReadOnly(_ arguments: Arguments) -> Bool {
    arguments.sandbox_permissions != "require_escalated" && arguments.tty != true
      && SafeCommands.isKnownSafe(argv(arguments))
  }

  /// Hooks see the command line as Codex's `Bash` tool.
  public func hookView(_ arguments: Arguments) -> HookToolView? {
    HookToolView(name: "Bash", input: ["command": .string(arguments.cmd)], command: arguments.cmd)
  }

  /// The command line, where it runs, and why it is asked about.
  public func question(for arguments: Arguments, reason: String, in context: ToolContext)
    -> ApprovalQuestion
  {
    var question = ApprovalQuestion(
      kind: .command, command: argv(arguments), workingDirectory: directory(arguments, context),
      reason: reason)
    question.proposedRule = ExecApproval.proposedRule(
      for: argv(arguments), modelProposal: arguments.prefix_rule,
      rules: context.configuration.execPolicy)
    return question
  }

  /// The model is told the command did not run, and why.
  public func declined(_ arguments: Arguments, reason: String, in context: ToolContext) -> String {
    context.emit(.commandRefused(callID: context.callID, command: argv(arguments), reason: reason))
    return "command was not run: \(reason)"
  }

  /// Starts the command and waits for it as the call asks.
  public func run(_ arguments: Arguments, attempt: SandboxAttempt, in context: ToolContext)
    async throws -> ToolResult
  {
    let command = argv(arguments)
    let workingDirectory = directory(arguments, context)
    let start = ContinuousClock.now
    context.emit(
      .execBegin(
        callID: context.callID, command: command, workingDirectory: workingDirectory,
        sandboxed: attempt.sandboxed))
    var request = ExecRequest(
      command: command, workingDirectory: workingDirectory,
      environment: context.configuration.shellEnvironment.environment(from: context.environment),
      sandbox: attempt.rules(workingDirectory: workingDirectory, environment: context.environment))
    if arguments.tty == true { request.environment["TERM"] = "xterm-256color" }
    let sessions = context.execSessions
    let process: UnifiedExecProcess
    do {
      process = try Self.start(
        request, terminal: arguments.tty == true, id: sessions.newID(), command: arguments.cmd)
    } catch let error as ExecError {
      context.emit(
        .execEnd(
          callID: context.callID, command: command, exitCode: 127, duration: .zero,
          output: error.description))
      return ToolResult(output: "error: \(error.description)")
    }
    sessions.add(process)
    let deadline =
      start
      + UnifiedExecOutput.yield(
        arguments.yield_time_ms, default: Self.defaultYieldMilliseconds)
    let collected = await Task.detached { process.collect(until: deadline) }.value
    let wall = ContinuousClock.now - start
    let text = String(decoding: collected.output, as: UTF8.self)
    if !collected.output.isEmpty {
      context.emit(.execOutput(callID: context.callID, stream: .stdout, bytes: collected.output))
    }
    var denial: String?
    if let exit = collected.exit {
      sessions.remove(process.id)
      context.emit(
        .execEnd(
          callID: context.callID, command: command, exitCode: exit, duration: wall, output: text))
      if attempt.sandboxed {
        denial = SandboxDenial.reason(exitCode: exit, signal: nil, output: text)
      }
    } else {
      context.emit(
        .execRunning(callID: context.callID, command: arguments.cmd, processID: process.id))
    }
    return ToolResult(
      output: UnifiedExecOutput.format(
        wallTime: wall, exitCode: collected.exit, sessionID: process.id, output: collected.output,
        dropped: collected.dropped,
        maxTokens: Int(arguments.max_output_tokens ?? Double(Self.defaultMaxOutputTokens))),
      sandboxDenial: denial, hookResponse: text)
  }

  /// The process with its streams: a pseudo-terminal for all three, or a pipe for stdin
  /// and one for stdout and stderr together (in the order they were written).
  static func start(_ request: ExecRequest, terminal: Bool, id: Int, command: String) throws
    -> UnifiedExecProcess
  {
    if terminal {
      let pty = try PseudoTerminal.open()
      defer { close(pty.slave) }
      let launched: LaunchedProcess
      do {
        launched = try ProcessExecutor.start(
          request, stdin: pty.slave, stdout: pty.slave, stderr: pty.slave, terminal: true)
      } catch {
        close(pty.master)
        throw error
      }
      return UnifiedExecProcess(
        id: id, command: command, process: launched, input: dup(pty.master), outputs: [pty.master])
    }
    var input: [Int32] = [0, 0]
    var output: [Int32] = [0, 0]
    guard codex_pipe_cloexec(&input) == 0 else {
      throw ExecError.spawnFailed("a pipe", String(cString: strerror(errno)))
    }
    guard codex_pipe_cloexec(&output) == 0 else {
      close(input[0])
      close(input[1])
      throw ExecError.spawnFailed("a pipe", String(cString: strerror(errno)))
    }
    defer {
      close(input[0])
      close(output[1])
    }
    let launched: LaunchedProcess
    do {
      launched = try ProcessExecutor.start(
        request, stdin: input[0], stdout: output[1], stderr: output[1])
    } catch {
      close(input[1])
      close(output[0])
      throw error
    }
    return UnifiedExecProcess(
      id: id, command: command, process: launched, input: input[1], outputs: [output[0]])
  }
}
