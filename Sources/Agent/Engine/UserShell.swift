import Sandbox

/// A command the user typed (`!cmd`, a script's shell step, `/expect shell`), run by
/// the engine under the session's sandbox, with the same executor as the model's
/// commands. Its output arrives as `userShellOutput` events, stdout and stderr apart.
public struct UserShellResult: Sendable {
  /// How the model is told of a `!` command: this, the command, its exit and output.
  public static let outputPrefix = "I ran `"

  /// The exit status (128 + the signal when one ended it).
  public var status: Int32
  /// What it printed, both streams, capped.
  public var output: String
  /// Ctrl-C stopped it.
  public var cancelled: Bool
}

extension Session {
  /// Runs `command` with `bash -c` in the working directory under the current sandbox.
  /// With `addToConversation`, the model is told what ran and what it printed.
  public func runUserShell(
    _ command: String, environment: [String: String], addToConversation: Bool,
    emit: @escaping @Sendable (EngineEvent) -> Void
  ) async throws -> UserShellResult {
    let rules = LinuxSandbox.rules(
      for: configuration.sandboxPolicy, workingDirectory: configuration.workingDirectory,
      environment: environment)
    let request = ExecRequest(
      command: ["bash", "-c", command], workingDirectory: configuration.workingDirectory,
      environment: configuration.shellEnvironment.environment(from: environment),
      outputLimit: 32 * 1024, sandbox: rules)
    let result = try await executor.run(request) { stream, bytes in
      emit(.userShellOutput(stream: stream, bytes: bytes))
    }
    let output = result.stdout.text + result.stderr.text
    if addToConversation && !result.cancelled {
      addContext(
        UserShellResult.outputPrefix + "\(command)` (exit \(result.status)). Its output:\n\(output)"
      )
    }
    return UserShellResult(status: result.status, output: output, cancelled: result.cancelled)
  }
}
