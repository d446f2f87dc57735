/// Which `git` invocations only read: `status`, `log`, `diff`, `show` and the listing
/// forms of `branch`, after any global options (`-C DIR`, `--git-dir=...`), with no
/// option that writes a file, runs a program or a pager, or changes the configuration.
enum GitCommandRule {
  static let readOnlySubcommands: Set<String> = ["status", "log", "diff", "show", "branch"]

  /// Global options followed by a value in the next argument.
  static let globalOptionsWithValue: Set<String> = [
    "-C", "--git-dir", "--work-tree", "--namespace", "--super-prefix", "--exec-path",
    "--list-cmds", "--attr-source",
  ]

  /// Options that run a program, write a file or turn on a pager, anywhere on the line.
  static func isUnsafe(_ argument: String) -> Bool {
    let exact: Set<String> = [
      "-c", "--config-env", "--output", "--ext-diff", "--textconv", "--exec", "--paginate",
      "--open-files-in-pager",
    ]
    if exact.contains(argument) { return true }
    let prefixes = [
      "--config-env=", "--output=", "--exec=", "--open-files-in-pager=", "--exec-path=",
    ]
    if prefixes.contains(where: argument.hasPrefix) { return true }
    // `-ccore.pager=...` is `-c` with its value attached.
    return argument.hasPrefix("-c") && !argument.hasPrefix("--") && argument.count > 2
  }

  static let isReadOnly: SafeCommands.Rule = { arguments in
    var index = 0
    // Global options come before the subcommand; the first plain word is the subcommand.
    while index < arguments.count, arguments[index].hasPrefix("-") {
      let option = arguments[index]
      // Before the subcommand `-p` is `--paginate`; after it, `git log -p` shows patches.
      if isUnsafe(option) || option == "-p" { return false }
      index += globalOptionsWithValue.contains(option) ? 2 : 1
    }
    guard index < arguments.count, readOnlySubcommands.contains(arguments[index]) else {
      return false
    }
    let rest = Array(arguments[(index + 1)...])
    if rest.contains(where: isUnsafe) { return false }
    return arguments[index] == "branch" ? branchOnlyLists(rest) : true
  }

  /// `git branch` lists with no arguments or with listing flags only; a plain word
  /// would create a branch, `-d`/`-m` delete or rename one.
  static func branchOnlyLists(_ arguments: [String]) -> Bool {
    let listing: Set<String> = [
      "--list", "-l", "--show-current", "-a", "--all", "-r", "--remotes", "-v", "-vv",
      "--verbose", "--no-color", "--color",
    ]
    return arguments.allSatisfy { listing.contains($0) || $0.hasPrefix("--format=") }
  }
}
