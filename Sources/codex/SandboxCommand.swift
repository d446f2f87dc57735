import Agent
import ArgumentParser
import Foundation
import Sandbox

/// Runs one command under the configured sandbox, so users can see what it allows.
struct SandboxCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sandbox",
    abstract:
      "Run a command under the sandbox policy (-s MODE, --full-auto, -c ...) and exit with its status.",
    discussion: """
      The command runs as the model's commands do: in its own process group, with stdin
      from /dev/null and the environment of shell_environment_policy. Example:
        codex sandbox -s workspace-write -- sh -c 'touch ok && touch /etc/nope'
      """)

  @OptionGroup var options: ConfigOptions

  @Option(
    help: "Stop the command after this many seconds (SIGTERM, then SIGKILL to its process group).")
  var timeout: Double?

  @Flag(
    help:
      "Print what the sandbox enforces here and by which mechanism (writable roots, read-only paths, network, unix sockets, signals), and run nothing."
  )
  var explain = false

  @Argument(parsing: .postTerminator, help: "The command and its arguments, after --.")
  var command: [String] = []

  func validate() throws {
    if command.isEmpty && !explain {
      throw ValidationError("give the command after --, e.g. codex sandbox -- ls -la")
    }
  }

  func run() throws {
    let configuration = try Failure.loadConfiguration(options)
    let environment = ProcessInfo.processInfo.environment
    let policy = configuration.sandboxPolicy
    if explain {
      let lines = SandboxExplanation.lines(
        policy: policy, workingDirectory: configuration.workingDirectory, environment: environment)
      print(lines.joined(separator: "\n"))
      return
    }
    if policy.mode != .dangerFullAccess, let problem = LinuxSandbox.Support.current.problem {
      throw Failure.report(problem, code: 1)
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
        Failure.warn("timed out after \(timeout ?? 0) s; the process group was stopped")
      }
      throw ExitCode(result.status)
    } catch let error as ExecError {
      throw Failure.report(error.description, code: 127)
    }
  }
}
