import Agent
import Foundation

/// Asks once at the start of an interactive session whether to trust hooks that are
/// new or changed since trusted, listing each (event, command, file); the answer is
/// recorded in `config.toml` as Codex records it. Other front-ends never ask: their
/// untrusted hooks do not run, and a warning says how to trust them.
struct HookTrustPrompt {
  let configuration: Configuration
  let style: TerminalStyle

  /// Asks on the terminal; true when the hooks were trusted.
  func ask(readKey: () -> String?) -> Bool {
    let waiting = configuration.hooks.untrusted
    guard !waiting.isEmpty else { return false }
    var text = style.bold("These hooks would run commands of their own at lifecycle events:") + "\n"
    for hook in waiting {
      let changed = hook.trust == .modified ? " (changed since trusted)" : ""
      text +=
        "  \(hook.event.rawValue)\(hook.matcher.map { " [\($0)]" } ?? ""): "
        + TerminalText.sanitize(hook.command) + changed + "\n"
      text += style.dim("    from " + TerminalText.sanitize(hook.sourcePath)) + "\n"
    }
    say(text)
    while true {
      say("Trust and run them? [y/n] ")
      guard let key = readKey() else { return false }
      say(key + "\n")
      switch key.lowercased() {
      case "y":
        do {
          try configuration.hooks.trust(waiting, configPath: configuration.configFile)
          say(style.dim("recorded in \(configuration.configFile)") + "\n")
          return true
        } catch {
          FileHandle.standardError.write(
            Data("warning: the trust could not be recorded: \(error)\n".utf8))
          return false
        }
      case "n": return false
      default: continue
      }
    }
  }

  private func say(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
  }
}
