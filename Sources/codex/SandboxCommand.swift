import ArgumentParser
import Foundation
import Repl

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

  @Option(
    name: [.customShort("P"), .customLong("permission-profile")],
    help: ArgumentHelp(
      "Run under this permission profile ([permissions.NAME], or :read-only, :workspace, :danger-full-access).",
      valueName: "name"))
  var permissionProfile: String?

  @Argument(parsing: .postTerminator, help: "The command and its arguments, after --.")
  var command: [String] = []

  func validate() throws {
    if command.isEmpty && !explain {
      throw ValidationError("give the command after --, e.g. codex sandbox -- ls -la")
    }
  }

  func run() throws {
    var overrides = options.overrides
    overrides.permissionProfile = permissionProfile
    let sandbox = SandboxFrontEnd(overrides: overrides, command: command, timeout: timeout)
    do {
      if explain {
        print(try sandbox.explanation().joined(separator: "\n"))
        return
      }
      throw ExitCode(try sandbox.run())
    } catch let refusal as SandboxFrontEnd.Refusal {
      throw Failure.report(refusal.message, code: refusal.status)
    }
  }
}
