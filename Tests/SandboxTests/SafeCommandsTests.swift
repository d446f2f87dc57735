import Sandbox
import Testing

@Suite(.timeLimit(.minutes(10))) struct SafeCommandsTests {
  /// (argv, known safe). Scripts are written as `bash -lc` strings.
  static let cases: [([String], Bool)] = [
    // Plain read-only tools.
    (["ls"], true), (["ls", "-la", "src"], true), (["cat", "README.md"], true),
    (["head", "-n", "5", "a"], true),
    (["tail", "-f", "log"], true), (["wc", "-l", "x"], true), (["grep", "-rn", "TODO", "."], true),
    (["pwd"], true), (["echo", "hi"], true), (["which", "swift"], true), (["/bin/ls"], true),
    (["/usr/bin/cat", "x"], true), (["stat", "x"], true), (["true"], true),
    // Read-only, but not on Codex's list: asked about.
    (["file", "x"], false), (["diff", "a", "b"], false), (["jq", ".", "x.json"], false),
    // Programs not on the list, or from unusual places.
    (["rm", "-rf", "x"], false), (["mv", "a", "b"], false), (["cp", "a", "b"], false),
    (["touch", "x"], false),
    (["python3", "-c", "print(1)"], false), (["curl", "http://x"], false), (["./ls"], false),
    (["/tmp/ls"], false), (["npm", "install"], false), ([], false), (["awk", "{print}"], false),
    (["env"], false), (["xargs", "rm"], false), (["tee", "x"], false),
    (["chmod", "+x", "a"], false),
    // find
    (["find", ".", "-name", "*.swift"], true), (["find", ".", "-type", "f", "-print"], true),
    (["find", ".", "-exec", "rm", "{}", ";"], false), (["find", ".", "-execdir", "x", ";"], false),
    (["find", ".", "-ok", "rm", ";"], false), (["find", ".", "-delete"], false),
    (["find", ".", "-fprint", "out"], false), (["find", ".", "-fprintf", "out", "%p"], false),
    (["find", ".", "-fls", "out"], false), (["find", ".", "-okdir", "x", ";"], false),
    // rg
    (["rg", "TODO"], true), (["rg", "-n", "foo", "src"], true),
    (["rg", "--pre", "sh", "x"], false),
    (["rg", "--pre=cat", "x"], false), (["rg", "--search-zip", "x"], false),
    (["rg", "-z", "x"], false),
    (["rg", "--pre-glob", "*", "x"], true), (["rg", "--hostname-bin", "h", "x"], false),
    (["rg", "--hostname-bin=h", "x"], false),
    // git
    (["git", "status"], true), (["git", "log", "--oneline"], true),
    (["git", "diff", "HEAD~1"], true),
    (["git", "show", "HEAD"], true), (["git", "branch"], true), (["git", "branch", "-a"], true),
    (["git", "branch", "--show-current"], true), (["git", "branch", "new-feature"], false),
    (["git", "branch", "-D", "x"], false), (["git", "commit", "-m", "x"], false),
    (["git", "push"], false),
    (["git", "checkout", "."], false), (["git", "reset", "--hard"], false),
    (["git", "diff", "--output=x"], false),
    (["git", "log", "--output", "x"], false), (["git", "-c", "core.pager=sh", "log"], false),
    (["git"], false),
    (["git", "diff", "--ext-diff"], false),
    // sed
    (["sed", "-n", "10p", "a"], true), (["sed", "-n", "1,20p", "a"], true),
    (["sed", "-n", "$p", "a"], false),
    (["sed", "-i", "s/a/b/", "a"], false), (["sed", "s/a/b/", "a"], false),
    (["sed", "-n", "1,2d", "a"], false),
    (["sed", "-n", "1w out", "a"], false), (["sed", "-n", "e ls", "a"], false),
    // Tools with one writing option.
    (["base64", "a"], true), (["base64", "-o", "out", "a"], false),
    (["base64", "--output=out", "a"], false),
    (["base64", "-ob64.txt"], false), (["base64", "--output", "out"], false),
    (["sort", "a"], false), (["uniq", "a"], true), (["uniq", "a", "b"], true),
    (["tree", "-L", "2"], false), (["date"], false), (["xxd", "a"], false),
    // Linux extras, read-only.
    (["tac", "FILE"], true), (["paste", "-s", "FILE"], true), (["numfmt", "1000"], true),
    (["cut", "-d,", "-f1", "a.csv"], true), (["nl", "-ba", "a"], true), (["rev", "a"], true),
    (["seq", "10"], true), (["tr", "a-z", "A-Z"], true), (["id"], true), (["uname", "-a"], true),
    (["whoami"], true), (["expr", "1", "+", "1"], true), (["cd", "src"], true),
    (["false"], true),
    // git: global options skipped, dangerous ones refused wherever they are.
    (["git", "-C", "src", "status"], true), (["git", "-C", ".", "log", "-n", "3"], true),
    (["git", "--no-pager", "diff"], true), (["git", "--git-dir=.git", "status"], true),
    (["git", "-C", "src", "branch", "--show-current"], true),
    (["git", "-C", ".", "branch", "-d", "feature"], false),
    (["git", "--work-tree", "w", "status"], true), (["git", "log", "-p"], true),
    (["git", "show", "--stat", "HEAD"], true), (["git", "diff", "--cached"], true),
    (["git", "show", "--textconv", "HEAD:a"], false), (["git", "diff", "--textconv"], false),
    (["git", "grep", "--open-files-in-pager=vim", "x"], false), (["git", "grep", "x"], false),
    (["git", "-ccore.pager=sh", "status"], false), (["git", "--config-env=a=B", "log"], false),
    (["git", "--config-env", "a=B", "log"], false), (["git", "-p", "log"], false),
    (["git", "--paginate", "log"], false), (["git", "log", "--paginate"], false),
    (["git", "log", "--exec=x"], false), (["git", "checkout", "status"], false),
    (["git", "fetch"], false), (["git", "blame", "a"], false), (["git", "ls-files"], false),
    (["git", "rev-parse", "HEAD"], false), (["git", "config", "user.name"], false),
    (["git", "-C"], false), (["git", "branch", "--format=%(refname)"], true),
    (["git", "branch", "-m", "a", "b"], false), (["git", "stash"], false),
    (["/usr/bin/git", "status"], true), (["git", "show", "--output=/tmp/x"], false),
    // sed: only -n with a print-only address and at most one file.
    (["sed", "-n", "1p", "-i", "FILE"], false), (["sed", "-n", "1p", "a", "b"], false),
    (["sed", "-n", "p", "a"], false), (["sed", "-n", "1,p", "a"], false),
    (["sed", "-n", "1,2,3p", "a"], false), (["sed", "-n", "5p"], true),
    (["sed", "-n", "12,40p", "src/main.swift"], true), (["sed", "-n", "1p", "-e", "w x"], false),
    (["sed", "-e", "1p", "a"], false), (["sed", "-n"], false),
    // find without executing or writing actions.
    (["find", "src", "-maxdepth", "2", "-name", "*.c"], true),
    (["find", ".", "-newer", "a", "-print0"], true),
    // Shell scripts.
    (["bash", "-lc", "ls && pwd"], true), (["bash", "-lc", "ls -la | head -5"], true),
    (["sh", "-c", "cat a; cat b || true"], true),
    (["bash", "-lc", "grep -rn 'a b' src | wc -l"], true),
    (["bash", "-lc", "git status && git diff"], true), (["/bin/bash", "-c", "ls"], true),
    (["bash", "-lc", "echo \"quoted words\""], true), (["zsh", "-c", "ls\npwd"], true),
    (["bash", "-lc", "ls > out"], false), (["bash", "-lc", "cat < in"], false),
    (["bash", "-lc", "echo $(rm -rf x)"], false), (["bash", "-lc", "echo `rm x`"], false),
    (["bash", "-lc", "echo \"$HOME\""], false), (["bash", "-lc", "(ls)"], false),
    (["bash", "-lc", "ls &"], false), (["bash", "-lc", "ls && rm x"], false),
    (["bash", "-lc", "find . -delete"], false), (["bash", "-lc", "{ ls; }"], false),
    (["bash", "-lc", "ls |& cat"], false), (["bash", "-lc", "ls &&"], false),
    (["bash", "-lc", ""], false),
    (["bash", "-lc", "ls # comment"], false), (["bash", "-lc", "cat 'unterminated"], false),
    (["bash", "-lc", "ls", "extra"], false), (["bash", "script.sh"], false),
    (["bash", "-lc", "git -C . branch -d feature"], false),
    (["bash", "-lc", "sed -n 1p -i FILE"], false), (["bash", "-lc", "tac a | head"], true),
    (["zsh", "-lc", "ls"], true), (["bash", "-lc", "git show --textconv HEAD"], false),
    (["bash", "-lc", "cat a && git status"], true), (["sudo", "ls"], false),
    (["bash", "-c", "rg TODO | wc -l"], true), (["dash", "-c", "ls"], true),
    // Substitutions hidden in quotes still run.
    (["bash", "-lc", "echo \"`rm x`\""], false), (["bash", "-lc", "echo \"$(rm x)\""], false),
    (["bash", "-lc", "echo '`rm x`'"], true), (["bash", "-lc", "echo \"a\\`b\""], true),
  ]

  @Test(arguments: cases)
  func classifies(argv: [String], safe: Bool) {
    #expect(SafeCommands.isKnownSafe(argv) == safe, "\(argv)")
  }

}

@Suite(.timeLimit(.minutes(10))) struct CommandTextTests {
  @Test func quotesOnlyWhatAShellWouldSplit() {
    #expect(CommandText.join(["ls", "-la", "src/a.swift"]) == "ls -la src/a.swift")
    #expect(CommandText.join(["bash", "-lc", "echo hi > f"]) == "bash -lc 'echo hi > f'")
    #expect(CommandText.join(["echo", "it's", ""]) == "echo 'it'\\''s' ''")
  }
}
