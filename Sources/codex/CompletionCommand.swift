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
  var shell: CompletionShell

  func run() {
    print(Codex.completionScript(for: shell))
  }
}

extension CompletionShell: @retroactive ExpressibleByArgument {}
