import Foundation
import Sandbox

/// `write_stdin`: writes characters to a process `exec_command` left running (`\u0003`
/// is Ctrl-C on a terminal), waits `yield_time_ms`, and returns what it printed since;
/// empty `chars` only polls.
public struct WriteStdinTool: Tool {
  /// The arguments as Codex's `write_stdin` defines them.
  public struct Arguments: Decodable, Sendable {
    public var session_id: Int
    public var chars: String?
    public var yield_time_ms: Double?
    public var max_output_tokens: Double?
  }

  /// The tool.
  public init() {}

  /// How long a call waits when it names no `yield_time_ms`.
  static let defaultYieldMilliseconds: Double = 250

  /// The schema the model sees, with Codex's parameter names.
  public let spec = ToolSpec(
    name: "write_stdin",
    description:
      "Write characters to a running exec_command session (\\u0003 is Ctrl-C) and return its output since the last call; empty chars only polls.",
    parameters: """
      {"type":"object","properties":{
        "session_id":{"type":"number","description":"The session_id exec_command returned."},
        "chars":{"type":"string","description":"The characters to write (may be empty)."},
        "yield_time_ms":{"type":"number","description":"How long to wait for output before returning (250 to 30000)."},
        "max_output_tokens":{"type":"number","description":"The most output tokens to return."}},
       "required":["session_id"],"additionalProperties":false}
      """)

  /// Writing to a process already approved and sandboxed needs nothing more.
  public func requirement(for arguments: Arguments, in context: ToolContext) async
    -> ToolRequirement
  {
    .run(sandboxed: true)
  }

  /// Writes, waits, and returns what came.
  public func run(_ arguments: Arguments, attempt: SandboxAttempt, in context: ToolContext)
    async throws -> ToolResult
  {
    guard let process = context.execSessions.process(arguments.session_id) else {
      return ToolResult(
        output:
          "write_stdin failed: there is no running process with session ID \(arguments.session_id)")
    }
    let start = ContinuousClock.now
    if let chars = arguments.chars, !chars.isEmpty, !process.write(chars) {
      // A process that closed its input may still have output to give.
      context.emit(.notice("session \(process.id) no longer reads its input"))
    }
    let deadline =
      start
      + UnifiedExecOutput.yield(
        arguments.yield_time_ms, default: Self.defaultYieldMilliseconds)
    let collected = await Task.detached { process.collect(until: deadline) }.value
    if !collected.output.isEmpty {
      context.emit(.execOutput(callID: context.callID, stream: .stdout, bytes: collected.output))
    }
    if collected.exit != nil { context.execSessions.remove(process.id) }
    return ToolResult(
      output: UnifiedExecOutput.format(
        wallTime: ContinuousClock.now - start, exitCode: collected.exit, sessionID: process.id,
        output: collected.output, dropped: collected.dropped,
        maxTokens: Int(
          arguments.max_output_tokens ?? Double(ExecCommandTool.defaultMaxOutputTokens))))
  }
}
