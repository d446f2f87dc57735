import Sandbox

/// Runs a command for a tool. The seam where tests put a fake; the real one is
/// `ProcessExecutor` (process group, sandbox, timeout, cancellation).
public protocol CommandExecutor: Sendable {
  func run(_ request: ExecRequest, onOutput: ProcessExecutor.OutputHandler?) async throws
    -> ExecResult
}

/// The system's processes.
public struct SystemCommandExecutor: CommandExecutor {
  /// The executor.
  public init() {}

  /// Runs the request with `ProcessExecutor`.
  public func run(_ request: ExecRequest, onOutput: ProcessExecutor.OutputHandler?) async throws
    -> ExecResult
  {
    try await ProcessExecutor.run(request, onOutput: onOutput)
  }
}
