import Agent
import Foundation
import Sandbox

/// `codex sandbox`: one command run as the model's commands are (own process group,
/// stdin from /dev/null, `shell_environment_policy`'s environment, the configured
/// sandbox), or, with `--explain`, what the sandbox enforces here.
public struct SandboxFrontEnd {
  /// The command line's settings (`-s`, `-c`, `--full-auto`, ...).
  public var overrides: CommandLineOverrides
  /// The command and its arguments.
  public var command: [String]
  /// Seconds before the command's process group is stopped.
  public var timeout: Double?

  /// A run of `command` under the policy `overrides` resolve to.
  public init(overrides: CommandLineOverrides, command: [String], timeout: Double?) {
    self.overrides = overrides
    self.command = command
    self.timeout = timeout
  }

  /// A problem found before the command runs, with the exit status it calls for.
  public struct Refusal: Error {
    /// What is wrong, for the user.
    public var message: String
    /// 2 for configuration, 1 when the kernel cannot sandbox, 127 when the command
    /// cannot start.
    public var status: Int32
  }

  /// What the sandbox enforces for this configuration here, and by which mechanism.
  public func explanation() throws -> [String] {
    let configuration = try load()
    let profile = configuration.permissionProfile.map { ["permission profile: \($0)"] } ?? []
    return profile
      + SandboxExplanation.lines(
        policy: configuration.sandboxPolicy, workingDirectory: configuration.workingDirectory,
        environment: ProcessInfo.processInfo.environment)
  }

  /// Runs the command, its output passed through as it comes; returns its exit status
  /// (128 + the signal when one ended it).
  public func run() throws -> Int32 {
    let configuration = try load()
    let environment = ProcessInfo.processInfo.environment
    let policy = configuration.sandboxPolicy
    if policy.mode != .dangerFullAccess, let problem = LinuxSandbox.Support.current.problem {
      throw Refusal(message: problem, status: 1)
    }
    let request = ExecRequest(
      command: command, workingDirectory: configuration.workingDirectory,
      environment: configuration.shellEnvironment.environment(from: environment),
      timeout: timeout.map { .milliseconds(Int64($0 * 1000)) },
      sandbox: LinuxSandbox.rules(
        for: policy, workingDirectory: configuration.workingDirectory, environment: environment))
    do {
      let result = try ProcessExecutor.runBlocking(request) { stream, bytes in
        (stream == .stdout ? FileHandle.standardOutput : FileHandle.standardError).write(
          Data(bytes))
      }
      if result.timedOut {
        warn("timed out after \(timeout ?? 0) s; the process group was stopped")
      }
      return result.status
    } catch let error as ExecError {
      throw Refusal(message: error.description, status: 127)
    }
  }

  private func load() throws -> Configuration {
    do {
      let configuration = try ConfigLoader().load(overrides)
      configuration.warnings.forEach(warn)
      return configuration
    } catch let error as ConfigError {
      throw Refusal(message: error.message, status: 2)
    }
  }

  private func warn(_ message: String) {
    let style = TerminalStyle(descriptor: 2, environment: ProcessInfo.processInfo.environment)
    FileHandle.standardError.write(Data((style.yellow("warning: ") + message + "\n").utf8))
  }
}
