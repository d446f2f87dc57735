import Sandbox
import Testing

@Suite struct SafeCommandsTests {
  /// (argv, known safe). Scripts are written as `bash -lc` strings.
  static let cases: [([String], Bool)] = [
    // Plain read-only tools.
    (["ls"], true), (["ls", "-la", "src"], true), (["cat", "README.md"], true),
    (["head", "-n", "5", "a"], true),
    (["tail", "-f", "log"], true), (["wc", "-l", "x"], true), (["grep", "-rn", "TODO", "."], true),
    (["pwd"], true), (["echo", "hi"], true), (["which", "swift"], true), (["/bin/ls"], true),
    (["/usr/bin/cat", "x"], true), (["stat", "x"], true), (["file", "x"], true),
    (["diff", "a", "b"], true),
    (["jq", ".", "x.json"], true), (["true"], true),
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
    (["rg", "--pre-glob", "*", "x"], false),
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
    (["sed", "-n", "$p", "a"], true),
    (["sed", "-i", "s/a/b/", "a"], false), (["sed", "s/a/b/", "a"], false),
    (["sed", "-n", "1,2d", "a"], false),
    (["sed", "-n", "1w out", "a"], false), (["sed", "-n", "e ls", "a"], false),
    // Tools with one writing option.
    (["base64", "a"], true), (["base64", "-o", "out", "a"], false),
    (["base64", "--output=out", "a"], false),
    (["sort", "a"], true), (["sort", "-o", "a", "a"], false), (["uniq", "a"], true),
    (["uniq", "a", "b"], false),
    (["tree", "-L", "2"], true), (["tree", "-o", "out"], false), (["date"], true),
    (["date", "-s", "now"], false),
    (["xxd", "a"], true), (["xxd", "-r", "a"], false),
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
  ]

  @Test(arguments: cases)
  func classifies(argv: [String], safe: Bool) {
    #expect(SafeCommands.isKnownSafe(argv) == safe, "\(argv)")
  }

  @Test func theTableIsLargeAndHasBothKinds() {
    #expect(Self.cases.count >= 80)
    #expect(Self.cases.filter(\.1).count >= 35)
    #expect(Self.cases.filter { !$0.1 }.count >= 35)
  }
}

@Suite struct CommandTextTests {
  @Test func quotesOnlyWhatAShellWouldSplit() {
    #expect(CommandText.join(["ls", "-la", "src/a.swift"]) == "ls -la src/a.swift")
    #expect(CommandText.join(["bash", "-lc", "echo hi > f"]) == "bash -lc 'echo hi > f'")
    #expect(CommandText.join(["echo", "it's", ""]) == "echo 'it'\\''s' ''")
  }
}
