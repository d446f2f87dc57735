/// Decides whether a command only reads and is safe to run without asking, even under
/// the `untrusted` approval policy.
///
/// A command is known-safe when its program is in `rules` and the rule accepts its
/// arguments. `bash -lc SCRIPT` (or `sh -c`, `zsh -c`) is known-safe when the script
/// is only plain words joined by `&&`, `||`, `;` and `|`, and every command in it is.
/// A misclassification is fixed by changing one entry of `rules`.
public enum SafeCommands {
  public static func isKnownSafe(_ argv: [String]) -> Bool {
    if let script = shellScript(argv) {
      guard let commands = ShellScript.parse(script) else { return false }
      return commands.allSatisfy(isSafeSimpleCommand)
    }
    return isSafeSimpleCommand(argv)
  }

  /// The script of `bash -lc SCRIPT`, `sh -c SCRIPT` and the like.
  static func shellScript(_ argv: [String]) -> String? {
    guard argv.count == 3, ["bash", "sh", "zsh", "dash"].contains(programName(argv[0])),
      ["-c", "-lc", "-cl"].contains(argv[1])
    else { return nil }
    return argv[2]
  }

  static func programName(_ path: String) -> String {
    String(path.split(separator: "/").last ?? Substring(path))
  }

  static func isSafeSimpleCommand(_ argv: [String]) -> Bool {
    guard let first = argv.first else { return false }
    // Only plain names or standard system locations: ./ls could be anything.
    if first.contains("/") && !["/bin/", "/usr/bin/"].contains(where: first.hasPrefix) {
      return false
    }
    guard let rule = rules[programName(first)] else { return false }
    return rule(Array(argv.dropFirst()))
  }

  typealias Rule = @Sendable ([String]) -> Bool

  static let any: Rule = { _ in true }
  static func without(_ forbidden: [String], prefixes: [String] = []) -> Rule {
    { arguments in
      !arguments.contains { argument in
        forbidden.contains(argument) || prefixes.contains { argument.hasPrefix($0) }
      }
    }
  }

  /// Program name to the rule for its arguments.
  static let rules: [String: Rule] = [
    "cat": any, "cd": any, "echo": any, "false": any, "true": any, "grep": any, "egrep": any,
    "fgrep": any,
    "head": any, "tail": any, "ls": any, "nl": any, "pwd": any, "wc": any, "which": any,
    "whoami": any,
    "id": any, "uname": any, "stat": any, "file": any, "du": any, "df": any, "basename": any,
    "dirname": any,
    "realpath": any, "readlink": any, "printenv": any, "cmp": any, "comm": any, "diff": any,
    "cut": any,
    "tr": any, "rev": any, "seq": any, "od": any, "hexdump": any, "md5sum": any, "sha1sum": any,
    "sha256sum": any, "sha512sum": any, "column": any, "expr": any, "test": any, "jq": any,
    "wc.exe": any,
    "sort": without(["-o"], prefixes: ["--output", "-o"]),
    "uniq": { arguments in arguments.filter { !$0.hasPrefix("-") }.count <= 1 },
    "tree": without(["-o"], prefixes: ["-o"]),
    "date": without(["-s"], prefixes: ["--set", "-s"]),
    "xxd": { arguments in
      !arguments.contains("-r") && arguments.filter { !$0.hasPrefix("-") }.count <= 1
    },
    "base64": without(["-o"], prefixes: ["--output", "-o"]),
    "rg": without(["--pre", "--search-zip", "-z"], prefixes: ["--pre=", "--pre-glob"]),
    "find": without([
      "-exec", "-execdir", "-ok", "-okdir", "-delete", "-fls", "-fprint", "-fprint0", "-fprintf",
    ]),
    "sed": sedRule,
    "git": gitRule,
  ]

  /// `sed -n` with a single print command such as `10p`, `1,20p` or `$p`, then files.
  static let sedRule: Rule = { arguments in
    guard arguments.count >= 2, arguments[0] == "-n" else { return false }
    let script = arguments[1]
    guard script.hasSuffix("p"), script.count > 1 else { return false }
    let address = script.dropLast()
    let parts = address.split(separator: ",", omittingEmptySubsequences: false)
    guard parts.count <= 2 else { return false }
    return parts.allSatisfy { part in part == "$" || (!part.isEmpty && part.allSatisfy(\.isNumber))
    }
  }

  /// Read-only git subcommands, with no options that write files or run programs.
  static let gitRule: Rule = { arguments in
    guard let subcommand = arguments.first else { return false }
    let rest = Array(arguments.dropFirst())
    let writes = rest.contains {
      $0.hasPrefix("--output") || $0 == "--ext-diff" || $0.hasPrefix("--exec")
    }
    if writes { return false }
    switch subcommand {
    case "status", "log", "diff", "show", "blame", "ls-files", "rev-parse", "grep", "shortlog",
      "describe":
      return true
    case "branch":
      let listing: Set<String> = [
        "-a", "--all", "-r", "--remotes", "-v", "-vv", "--verbose", "--list", "-l",
        "--show-current",
        "--contains", "--merged", "--no-merged", "--no-color", "--color",
      ]
      return rest.allSatisfy {
        listing.contains($0) || !$0.hasPrefix("-") && rest.contains("--list")
      }
    default:
      return false
    }
  }
}
