import Agent
import Foundation

/// Asks once, in an interactive session in a git repository with no recorded trust
/// level, whether to trust the project, and records the answer in `config.toml` (edited
/// in place) as Codex CLI does. Non-interactive front-ends never ask.
struct ProjectTrustPrompt {
  let configuration: Configuration
  let style: TerminalStyle

  /// Whether to ask: a git repository whose trust is not recorded, and no approval policy
  /// or sandbox mode chosen elsewhere (file, profile, `-c`, flag), as Codex CLI decides.
  var isNeeded: Bool {
    let chosen = configuration.settings.contains {
      ($0.path == ["approval_policy"] || $0.path == ["sandbox_mode"]) && $0.origin != .builtIn
    }
    return !chosen && configuration.projectTrust == nil
      && Instructions.gitRoot(from: configuration.workingDirectory) != nil
  }

  /// Asks on the terminal; returns the level recorded, or nil when the question was left
  /// unanswered (end of input) or the file could not be written (said on stderr).
  func ask(readLine: () -> String?) -> TrustLevel? {
    let root = configuration.projectRoot
    say(
      """
      \(style.bold("Do you trust the files in \(TerminalText.sanitize(root))?"))
        yes: codex may edit files and run commands in its workspace sandbox, and asks for \
      anything more (workspace-write, on-request)
        no:  codex starts read-only and asks before running most commands (read-only, untrusted)

      """)
    var answer: TrustLevel?
    while answer == nil {
      say("Trust this project? [y/n] ")
      guard let line = readLine() else { return nil }
      switch line.trimmingCharacters(in: .whitespaces).lowercased() {
      case "y", "yes": answer = .trusted
      case "n", "no": answer = .untrusted
      default: continue
      }
    }
    guard let answer else { return nil }
    do {
      try ConfigFileEditor(configPath: configuration.configFile).set(
        ["projects", root, "trust_level"], string: answer.rawValue)
      let key = "projects.\"\(root)\".trust_level = \"\(answer.rawValue)\""
      say(
        style.dim("recorded in \(configuration.configFile): \(TerminalText.sanitize(key))") + "\n")
    } catch {
      FileHandle.standardError.write(
        Data("warning: the answer could not be recorded: \(error)\n".utf8))
    }
    return answer
  }

  /// Writes straight to the terminal (the question must show before the answer is read).
  private func say(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
  }
}
