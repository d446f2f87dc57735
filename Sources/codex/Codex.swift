import Agent
import ArgumentParser
import Foundation
import Repl
import Sandbox

@main
struct Codex: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "codex",
    abstract:
      "A coding agent for the terminal: a model reads, runs and edits your repository under a sandbox.",
    version: CodexVersion.current,
    subcommands: [
      ReplCommand.self, ExecCommand.self, ExecResumeCommand.self, ExecForkCommand.self,
      ReviewCommand.self,
      RunCommand.self,
      ResumeCommand.self, ForkSessionCommand.self, ConfigCommand.self, LoginCommand.self,
      LogoutCommand.self,
      SandboxCommand.self,
      ApplyPatchCommand.self, MCPCommand.self, MCPServerCommand.self, FeaturesCommand.self,
      CompletionCommand.self,
      DebugCommand.self, ArchiveCommand.self, UnarchiveCommand.self, DeleteSessionCommand.self,
      DoctorCommand.self, AppServerCommand.self, ExecPolicyCommand.self, TestCommand.self,
    ],
    defaultSubcommand: ReplCommand.self
  )

  @OptionGroup var options: ConfigOptions

  /// `codex exec [OPTIONS] resume ...` goes to the hidden `exec-resume` command, and
  /// `codex exec [OPTIONS] review ...` to `review`: `exec` takes a prompt as its argument,
  /// which would otherwise swallow the word. Options may come before the word as after it.
  static func routed(_ arguments: [String]) -> [String] {
    var arguments = arguments
    // `codex sandbox linux -- CMD` (also `landlock`) is Codex CLI's spelling of the
    // sandbox command on Linux.
    if let sandbox = arguments.firstIndex(of: "sandbox"), sandbox + 1 < arguments.count,
      ["linux", "landlock"].contains(arguments[sandbox + 1]),
      !arguments[..<sandbox].contains("--")
    {
      arguments.remove(at: sandbox + 1)
    }
    if let check = ExecPolicyCheckCommand.routed(arguments) { return check }
    guard let exec = arguments.firstIndex(where: { $0 == "exec" || $0 == "e" }) else {
      return arguments
    }
    // The word is the subcommand when what stands between `exec` and it parses as exec's
    // options alone (exec's own declarations decide which options take a value).
    for index in (exec + 1)..<arguments.count {
      let word = arguments[index]
      if word == "--" { break }
      guard ["resume", "review", "fork"].contains(word) else { continue }
      let between = Array(arguments[(exec + 1)..<index])
      guard let parsed = try? ExecCommand.parse(between), parsed.prompt == nil else { continue }
      var out = arguments
      out.remove(at: index)
      out[exec] = word == "review" ? "review" : "exec-" + word
      return out
    }
    return arguments
  }

  static func main() async {
    // The one answer that needs nothing else: skip building the whole command tree
    // (argument-parser reflects over every subcommand's options).
    if CommandLine.arguments.dropFirst().elementsEqual(["--version"]) {
      FileHandle.standardOutput.write(Data((CodexVersion.current + "\n").utf8))
      return
    }
    LinuxSandbox.protectSecrets()
    for problem in CodexLogging.bootstrap(environment: ProcessInfo.processInfo.environment) {
      FileHandle.standardError.write(Data("warning: CODEX_LOG: \(problem)\n".utf8))
    }
    do {
      let arguments = Array(CommandLine.arguments.dropFirst())
      // `apply-patch` runs once per patch from scripts and tools: its usual arguments are
      // read by hand, skipping argument-parser's reflection over every command (a third
      // of its run on a large file). Anything else, help included, goes through the whole
      // tree, which names it `codex apply-patch` in messages.
      if arguments.first == "apply-patch",
        let quick = ApplyPatchCommand.quickArguments(Array(arguments.dropFirst()))
      {
        try ApplyPatchCommand.apply(
          patch: quick.patch, directory: quick.directory, diff: quick.diff)
        return
      }
      var command = try parseAsRoot(routed(arguments))
      if var asyncCommand = command as? AsyncParsableCommand {
        try await asyncCommand.run()
      } else {
        try command.run()
      }
    } catch {
      let code = exitCode(for: error)
      if code == .validationFailure {
        exit(withError: ExitCode(2), message: fullMessage(for: error))
      }
      exit(withError: error)
    }
  }

  static func exit(withError error: ExitCode, message: String) -> Never {
    if !message.isEmpty {
      FileHandle.standardError.write(Data((message + "\n").utf8))
    }
    Self.exit(withError: error)
  }
}
