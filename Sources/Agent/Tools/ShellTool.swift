import Foundation
import Sandbox

/// `shell`: runs a command (an argv array) under the sandbox and returns its output,
/// exit code and wall time.
public struct ShellTool: Tool {
  /// The arguments as Codex's `shell` tool defines them.
  public struct Arguments: Decodable, Sendable {
    /// The program and its arguments (no shell unless it is one).
    public var command: [String]
    /// Where to run it, relative to the working directory or absolute.
    public var workdir: String?
    /// A time limit in milliseconds.
    public var timeout_ms: Double?
    /// Run without the sandbox (the user is asked).
    public var with_escalated_permissions: Bool?
    /// Why the escalation is needed, shown to the user.
    public var justification: String?
  }

  /// The tool.
  /// How long a command may run when the call names no `timeout_ms`: Codex's default,
  /// so a forgotten `sleep` or a server started in the foreground cannot hold a turn.
  public static let defaultTimeoutMilliseconds: Double = 10_000

  public init() {}

  /// The schema the model sees, Codex's.
  public let spec = ToolSpec(
    name: "shell",
    description:
      "Run a command (argv array) and get its output and exit code. Runs in the sandbox.",
    parameters: """
      {"type":"object","properties":{
        "command":{"type":"array","items":{"type":"string"},"description":"The program and its arguments."},
        "workdir":{"type":"string","description":"Directory to run in (default: the working directory)."},
        "timeout_ms":{"type":"number","description":"Stop the command after this many milliseconds. Defaults to 10000 ms; give more for builds and test suites."},
        "with_escalated_permissions":{"type":"boolean","description":"Ask the user to run this command without the sandbox."},
        "justification":{"type":"string","description":"Why the command needs to run without the sandbox (shown to the user)."}},
       "required":["command"],"additionalProperties":false}
      """)

  /// The most a command's output may give the model.
  static let modelOutputLimit = 16 * 1024

  /// Runs known read-only commands, asks or refuses the rest as the approval policy and the
  /// sandbox mode say (`ExecApproval`).
  public func requirement(for arguments: Arguments, in context: ToolContext) async
    -> ToolRequirement
  {
    guard !arguments.command.isEmpty else {
      return .answered(ToolResult(output: "error: `command` must be a non-empty array of strings"))
    }
    let policy = context.policy
    var request = ExecApprovalRequest(
      command: arguments.command, approvalPolicy: context.approvalPolicy,
      sandboxMode: policy.mode, escalation: arguments.with_escalated_permissions ?? false,
      justification: arguments.justification,
      sandboxUnavailable: policy.mode == .dangerFullAccess
        ? nil : LinuxSandbox.Support.current.problem)
    request.rules = context.configuration.execPolicy
    return ToolRequirement(ExecApproval.decide(request))
  }

  /// A command that only reads (Codex's known-safe list) and asks for no escalation: it
  /// never needs an approval, so it may run beside others. A patch given through the
  /// shell is a write.
  public func isReadOnly(_ arguments: Arguments) -> Bool {
    arguments.with_escalated_permissions != true && SafeCommands.isKnownSafe(arguments.command)
      && EmbeddedPatch.patchText(in: arguments.command) == nil
  }

  /// Hooks see a command as Codex's `Bash` tool: the script of `bash -lc SCRIPT`, else
  /// the command line.
  public func hookView(_ arguments: Arguments) -> HookToolView? {
    let text = SafeCommands.script(of: arguments.command) ?? CommandText.join(arguments.command)
    return HookToolView(name: "Bash", input: ["command": .string(text)], command: text)
  }

  /// The command, where it runs, and why it is asked about.
  public func question(for arguments: Arguments, reason: String, in context: ToolContext)
    -> ApprovalQuestion
  {
    var question = ApprovalQuestion(
      kind: .command, command: arguments.command,
      workingDirectory: directory(arguments, context), reason: reason)
    question.proposedRule = ExecApproval.proposedRule(
      for: arguments.command, modelProposal: nil, rules: context.configuration.execPolicy)
    return question
  }

  /// Tells the model the command was not run and why, so it can choose another way.
  public func declined(_ arguments: Arguments, reason: String, in context: ToolContext) -> String {
    context.emit(
      .commandRefused(callID: context.callID, command: arguments.command, reason: reason))
    return "command was not run: \(reason)"
  }

  /// Runs the command (sandboxed unless approved otherwise), streaming its output as
  /// events; the model gets Codex's output shape, and a sandbox denial is marked for the
  /// retry question.
  public func run(_ arguments: Arguments, attempt: SandboxAttempt, in context: ToolContext)
    async throws
    -> ToolResult
  {
    let directory = directory(arguments, context)
    let command = arguments.command
    let callID = context.callID
    let emit = context.emit
    let sandboxed = attempt.sandboxed
    emit(
      .execBegin(
        callID: callID, command: command, workingDirectory: directory, sandboxed: sandboxed))
    let rules = attempt.rules(workingDirectory: directory, environment: context.environment)
    let request = ExecRequest(
      command: command, workingDirectory: directory,
      environment: context.configuration.shellEnvironment.environment(from: context.environment),
      timeout: .milliseconds(Int64(arguments.timeout_ms ?? Self.defaultTimeoutMilliseconds)),
      outputLimit: 64 * 1024, sandbox: rules)
    let aggregated = AggregatedOutput(limit: Self.modelOutputLimit)
    var text: String
    var exitCode: Int32
    var duration = Duration.zero
    var denial: String?
    do {
      let result = try await context.executor.run(request) { stream, bytes in
        aggregated.append(bytes)
        emit(.execOutput(callID: callID, stream: stream, bytes: bytes))
      }
      exitCode = result.status
      duration = result.duration
      text = aggregated.text + (result.timedOut ? "\n[command timed out]" : "")
      if result.cancelled { throw CancellationError() }
      if sandboxed {
        denial = SandboxDenial.reason(exitCode: exitCode, signal: result.signal, output: text)
      }
      if denial != nil, let rules, !rules.namespaces, EntryByEntryNotice.shouldSay(rules, context) {
        text += "\n" + LinuxSandbox.entryByEntryNotice
      }
    } catch let error as ExecError {
      exitCode = 127
      text = error.description
    }
    emit(
      .execEnd(
        callID: callID, command: command, exitCode: exitCode, duration: duration, output: text))
    return ToolResult(
      output: Self.modelOutput(text, exitCode: exitCode, duration: duration), sandboxDenial: denial,
      hookResponse: text)
  }

  func directory(_ arguments: Arguments, _ context: ToolContext) -> String {
    guard let workdir = arguments.workdir, !workdir.isEmpty else { return context.workingDirectory }
    return workdir.hasPrefix("/") ? workdir : context.workingDirectory + "/" + workdir
  }

  /// Codex's shape: `{"output": ..., "metadata": {"exit_code": N, "duration_seconds": S}}`.
  static func modelOutput(_ text: String, exitCode: Int32, duration: Duration) -> String {
    let payload: JSONValue = [
      "output": .string(text),
      "metadata": [
        "exit_code": .int(Int(exitCode)),
        "duration_seconds": .double((duration.inSeconds * 10).rounded() / 10),
      ],
    ]
    return payload.text
  }
}

/// Said once per process, with the first sandbox denial where a root is granted entry
/// by entry (no user namespaces here).
enum EntryByEntryNotice {
  private static let lock = NSLock()
  nonisolated(unsafe) private static var said = false

  static func shouldSay(_ rules: SandboxRules, _ context: ToolContext) -> Bool {
    let area = WritableArea(
      policy: context.policy, workingDirectory: context.workingDirectory,
      environment: context.environment)
    guard rules.plan.grantsEntryByEntry(area) else { return false }
    return lock.withLock {
      defer { said = true }
      return !said
    }
  }
}

/// Output of both streams in arrival order, capped, for the model.
// @unchecked Sendable: the output is appended and read under `lock`.
final class AggregatedOutput: @unchecked Sendable {
  private let lock = NSLock()
  private var output: CappedOutput

  init(limit: Int) { output = CappedOutput(limit: limit) }
  func append(_ bytes: [UInt8]) { lock.withLock { output.append(bytes) } }
  var text: String { lock.withLock { output.text } }
}
