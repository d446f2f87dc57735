/// Decides whether a command only reads and is safe to run without asking, even under
/// the `untrusted` approval policy.
///
/// A command is known-safe when its program is in `rules` and the rule accepts its
/// arguments. `bash -lc SCRIPT` (or `sh -c`, `zsh -c`) is known-safe when the script
/// is only plain words joined by `&&`, `||`, `;` and `|`, and every command in it is.
/// A misclassification is fixed by changing one entry of `rules`.
public enum SafeCommands {
  /// Whether the command only reads (Codex's list: `ls`, `cat`, `grep`, `git status`, ...,
  /// and `bash -lc` scripts made only of them); such commands run without asking under
  /// `untrusted`.
  public static func isKnownSafe(_ argv: [String]) -> Bool {
    if let script = shellScript(argv) {
      guard let commands = ShellScript.parse(script) else { return false }
      return commands.allSatisfy(isSafeSimpleCommand)
    }
    return isSafeSimpleCommand(argv)
  }

  /// The script of `bash -lc SCRIPT`, `sh -c SCRIPT` and the like; nil for other
  /// commands.
  public static func script(of argv: [String]) -> String? { shellScript(argv) }

  /// The script of `bash -lc SCRIPT`, `sh -c SCRIPT` and the like.
  static func shellScript(_ argv: [String]) -> String? {
    guard argv.count == 3, let shell = systemProgramName(argv[0]),
      ["bash", "sh", "zsh", "dash"].contains(shell),
      ["-c", "-lc", "-cl"].contains(argv[1])
    else { return nil }
    return argv[2]
  }

  static func isSafeSimpleCommand(_ argv: [String]) -> Bool {
    guard let first = argv.first, let name = systemProgramName(first),
      let rule = rules[name]
    else { return false }
    return rule(Array(argv.dropFirst()))
  }

  /// The program's name when `path` names a system program: a plain name (looked up in
  /// `PATH`), or exactly `/bin/NAME` or `/usr/bin/NAME`. Nothing else, since a path is
  /// resolved by the kernel, not by its spelling: `/usr/bin/../../tmp/evil/ls` and
  /// `/usr/bin/link/../ls` end in `ls` and lead anywhere, and `./ls` could be anything.
  static func systemProgramName(_ path: String) -> String? {
    guard path.contains("/") else { return path.isEmpty ? nil : path }
    for directory in ["/bin/", "/usr/bin/"] where path.hasPrefix(directory) {
      let name = path.dropFirst(directory.count)
      if !name.isEmpty, !name.contains("/"), name != ".", name != ".." { return String(name) }
    }
    return nil
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
    "cat": any, "cd": any, "cut": any, "echo": any, "expr": any, "false": any, "grep": any,
    "head": any, "id": any, "ls": any, "nl": any, "paste": any, "pwd": any, "rev": any,
    "seq": any, "stat": any, "tail": any, "tr": any, "true": any, "uname": any, "uniq": any,
    "wc": any, "which": any, "whoami": any,
    // GNU extras found on Linux.
    "tac": any, "numfmt": any,
    "base64": { arguments in
      !arguments.contains {
        $0 == "-o" || $0 == "--output" || $0.hasPrefix("--output=")
          || ($0.hasPrefix("-o") && $0.count > 2)
      }
    },
    "rg": { arguments in
      !arguments.contains {
        ["--search-zip", "-z", "--pre", "--hostname-bin"].contains($0)
          || $0.hasPrefix("--pre=") || $0.hasPrefix("--hostname-bin=")
      }
    },
    "find": without([
      "-exec", "-execdir", "-ok", "-okdir", "-delete", "-fls", "-fprint", "-fprint0", "-fprintf",
    ]),
    "sed": sedRule,
    "git": GitCommandRule.isReadOnly,
  ]

  /// `sed -n N[,M]p [FILE]`: prints lines, nothing else (no `-i`, no other script).
  static let sedRule: Rule = { arguments in
    guard arguments.count == 2 || arguments.count == 3, arguments[0] == "-n" else { return false }
    if arguments.count == 3, arguments[2].hasPrefix("-") { return false }
    let script = arguments[1]
    guard script.hasSuffix("p") else { return false }
    let parts = script.dropLast().split(separator: ",", omittingEmptySubsequences: false)
    guard parts.count == 1 || parts.count == 2 else { return false }
    return parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
  }
}
