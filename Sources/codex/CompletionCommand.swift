import ArgumentParser

/// `codex completion bash|zsh|fish`: the shell's completion script for codex.
struct CompletionCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "completion",
    abstract: "Print a completion script for bash, zsh or fish.",
    discussion: """
      bash: source <(codex completion bash)
      zsh:  codex completion zsh > "${fpath[1]}/_codex"
      fish: codex completion fish > ~/.config/fish/completions/codex.fish
      """)

  @Argument(help: "bash, zsh or fish.")
  var shell: String

  func run() throws {
    guard let known = CompletionShell(rawValue: shell) else {
      let refusal =
        ["powershell", "elvish"].contains(shell)
        ? "codex completion \(shell): not offered here: the argument parser this program uses writes completion scripts for bash, zsh and fish only"
        : "codex completion \(shell): unknown shell; use bash, zsh or fish"
      throw Failure.report(refusal, code: 2)
    }
    print(Codex.completionScript(for: known))
  }
}
