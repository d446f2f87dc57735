import Foundation
import TestSupport
import Testing

/// Attempts made through the real `codex sandbox`, each with its exact expected outcome.
/// Workspaces live under the test root, not /tmp, so that /tmp is a writable root of its own
/// (a workspace nested inside /tmp is covered by its own test).
@Suite(.timeLimit(.minutes(10))) struct SandboxBatteryTests {
  let workspace: String
  let outside: String
  let home: String

  init() throws {
    let base = TestDirectory.path("codex-sandbox")
    workspace = base + "/ws"
    outside = base + "/outside"
    let manager = FileManager.default
    for directory in [
      workspace + "/src", workspace + "/.git/hooks", workspace + "/.codex", outside,
    ] {
      try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }
    try "[core]\n".write(toFile: workspace + "/.git/config", atomically: true, encoding: .utf8)
    try "top\n".write(toFile: workspace + "/top.txt", atomically: true, encoding: .utf8)
    try "secret\n".write(toFile: outside + "/target.txt", atomically: true, encoding: .utf8)
    try manager.createSymbolicLink(
      atPath: workspace + "/link-out", withDestinationPath: outside + "/target.txt")
    try manager.createSymbolicLink(atPath: workspace + "/dir-out", withDestinationPath: outside)
    home = try CodexProcess.makeHome()
  }

  /// `codex sandbox [flags] -- sh -c SCRIPT` in the workspace.
  func sandboxed(
    _ script: String, _ flags: [String] = ["-s", "workspace-write"], env: [String: String] = [:]
  )
    throws -> CodexProcess.Result
  {
    var environment = env
    environment["CODEX_HOME"] = home
    return try CodexProcess.run(
      ["sandbox"] + flags + ["--", "sh", "-c", script], environment: environment,
      directory: workspace)
  }

  func contents(_ path: String) -> String? { try? String(contentsOfFile: path, encoding: .utf8) }

  @Test func writesInsideTheWorkspaceAreAllowed() throws {
    let result = try sandboxed(
      "echo new > src/a.txt && echo more >> top.txt && mkdir -p src/deep/er && touch src/deep/er/f")
    #expect(result.status == 0, "\(result.stderr)")
    #expect(contents(workspace + "/src/a.txt") == "new\n")
    #expect(contents(workspace + "/top.txt") == "top\nmore\n")
  }

  @Test func writesOutsideTheWorkspaceAreRefused() throws {
    let result = try sandboxed("echo x > \(outside)/new.txt")
    #expect(result.status == 2)
    #expect(result.stderr.contains("Read-only file system"), "\(result.stderr)")
    // Without the command's world, Landlock alone refuses the same write.
    let landlock = try sandboxed(
      "echo x > \(outside)/new.txt", env: ["CODEX_SANDBOX_NAMESPACES": "0"])
    #expect(landlock.status == 2)
    #expect(landlock.stderr.contains("Permission denied"), "\(landlock.stderr)")
    #expect(!FileManager.default.fileExists(atPath: outside + "/new.txt"))
  }

  @Test func writesThroughSymlinksPointingOutsideAreRefused() throws {
    #expect(try sandboxed("echo x > link-out").status == 2)
    #expect(try sandboxed("echo x > dir-out/new.txt").status == 2)
    #expect(contents(outside + "/target.txt") == "secret\n")
    #expect(!FileManager.default.fileExists(atPath: outside + "/new.txt"))
  }

  @Test func gitAndCodexDirectoriesStayReadOnly() throws {
    #expect(try sandboxed("echo x >> .git/config").status == 2)
    #expect(try sandboxed("echo x > .git/hooks/pre-commit").status == 2)
    #expect(try sandboxed("ln -s /bin/true .git/hooks/post-checkout").status != 0)
    #expect(try sandboxed("echo x > .codex/notes").status == 2)
    #expect(try sandboxed("rm -rf .git").status != 0)
    #expect(try sandboxed("mv .git moved").status != 0)
    #expect(contents(workspace + "/.git/config") == "[core]\n")
    #expect(!FileManager.default.fileExists(atPath: workspace + "/.git/hooks/pre-commit"))
    #expect(!FileManager.default.fileExists(atPath: workspace + "/moved"))
    // Reading them is fine.
    #expect(try sandboxed("cat .git/config").stdout == "[core]\n")
  }

  @Test func newEntriesAtAGitWorkspaceRootAreAllowedWhileGitStaysReadOnly() throws {
    // A mount namespace keeps .git and .codex read-only, so the root is granted whole.
    let result = try sandboxed(
      "mkdir pkg && echo x > NEWS && echo y >> .git/config; echo z > .git/hooks/pre-push; echo w > .codex/x; rm -rf .git"
    )
    #expect(FileManager.default.fileExists(atPath: workspace + "/pkg"), "\(result.stderr)")
    #expect(contents(workspace + "/NEWS") == "x\n")
    #expect(result.stderr.contains("Read-only file system"))
    #expect(contents(workspace + "/.git/config") == "[core]\n")
    #expect(!FileManager.default.fileExists(atPath: workspace + "/.git/hooks/pre-push"))
    #expect(!FileManager.default.fileExists(atPath: workspace + "/.codex/x"))
  }

  @Test func withoutNamespacesTheRootIsGrantedEntryByEntryAndExplainSaysSo() throws {
    // Where user namespaces are not allowed, Landlock alone keeps .git read-only, at the
    // price of the root's top level.
    let off = ["CODEX_SANDBOX_NAMESPACES": "0"]
    #expect(try sandboxed("echo x > brand-new.txt", env: off).status == 2)
    #expect(try sandboxed("echo x > src/inside.txt", env: off).status == 0)
    #expect(try sandboxed("echo x >> .git/config", env: off).status == 2)
    #expect(contents(workspace + "/.git/config") == "[core]\n")
    var environment = off
    environment["CODEX_HOME"] = home
    let explain = try CodexProcess.run(
      ["sandbox", "--explain", "-s", "workspace-write"], environment: environment,
      directory: workspace)
    #expect(explain.stdout.contains("granting the workspace entry by entry"))
    #expect(explain.stdout.contains("the command's world: NOT built"))
  }

  @Test func slashTmpIsWritableUnlessExcluded() throws {
    let name = "/tmp/codex-battery-\(UUID().uuidString)"
    #expect(try sandboxed("echo x > \(name)").status == 0)
    #expect(contents(name) == "x\n")
    try? FileManager.default.removeItem(atPath: name)
    let excluded = try sandboxed(
      "echo x > \(name)",
      ["-s", "workspace-write", "-c", "sandbox_workspace_write.exclude_slash_tmp=true"])
    #expect(excluded.status == 2)
    #expect(!FileManager.default.fileExists(atPath: name))
  }

  @Test func tmpdirIsWritableUnlessExcluded() throws {
    let tmpdir = outside + "/tmpdir"
    try FileManager.default.createDirectory(atPath: tmpdir, withIntermediateDirectories: true)
    #expect(try sandboxed("echo x > $TMPDIR/t", env: ["TMPDIR": tmpdir]).status == 0)
    #expect(contents(tmpdir + "/t") == "x\n")
    let excluded = try sandboxed(
      "echo x > $TMPDIR/u",
      ["-s", "workspace-write", "-c", "sandbox_workspace_write.exclude_tmpdir_env_var=true"],
      env: ["TMPDIR": tmpdir])
    #expect(excluded.status == 2)
    #expect(!FileManager.default.fileExists(atPath: tmpdir + "/u"))
  }

  @Test func extraWritableRootsAreWritable() throws {
    let result = try sandboxed(
      "echo x > \(outside)/granted.txt",
      ["-s", "workspace-write", "-c", "sandbox_workspace_write.writable_roots=[\"\(outside)\"]"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(contents(outside + "/granted.txt") == "x\n")
  }

  @Test func readOnlyModeRefusesEveryWriteButDevNull() throws {
    let flags = ["-s", "read-only"]
    let inTmp = "/tmp/codex-ro-\(UUID().uuidString)"
    #expect(try sandboxed("head -1 /etc/passwd", flags).stdout.hasPrefix("root:"))
    #expect(try sandboxed("echo x > src/ro.txt", flags).status == 2)
    #expect(try sandboxed("echo x >> top.txt", flags).status == 2)
    #expect(try sandboxed("echo x > \(inTmp)", flags).status == 2)
    let removal = try sandboxed("rm top.txt", flags)
    #expect(removal.status == 1 && removal.stderr.contains("Read-only file system"))
    #expect(try sandboxed("echo x > /dev/null", flags).status == 0)
    #expect(contents(workspace + "/top.txt") == "top\n")
    #expect(!FileManager.default.fileExists(atPath: workspace + "/src/ro.txt"))
    #expect(!FileManager.default.fileExists(atPath: inTmp))
  }

  @Test func networkSocketsAreRefusedWhenNetworkIsOff() throws {
    for family in ["AF_INET", "AF_INET6", "AF_NETLINK"] {
      let script = "python3 -c 'import socket; socket.socket(socket.\(family), socket.SOCK_DGRAM)'"
      let result = try sandboxed(script)
      #expect(result.status == 1, "\(family): \(result.stderr)")
      #expect(result.stderr.contains("Operation not permitted"), "\(family)")
    }
    let unix = try sandboxed(
      "python3 -c 'import socket; socket.socket(socket.AF_UNIX); print(\"unix ok\")'")
    #expect(unix.stdout == "unix ok\n")
  }

  @Test func curlReachesALocalListenerOnlyWithNetworkAccess() throws {
    let listener = try TestHTTPServer()
    defer { listener.stop() }
    let url = "http://127.0.0.1:\(listener.port)/ok"
    let refused = try sandboxed("curl -s -o /dev/null -w '%{http_code}' \(url)")
    #expect(refused.status != 0)
    let allowed = try sandboxed(
      "curl -s -o /dev/null -w '%{http_code}' \(url)",
      ["-s", "workspace-write", "-c", "sandbox_workspace_write.network_access=true"])
    #expect(allowed.status == 0, "\(allowed.stderr)")
    #expect(allowed.stdout == "200")
  }

  @Test func ptraceOfAnotherProcessIsRefused() throws {
    let script = """
      sleep 30 & target=$!
      python3 -c 'import ctypes,sys,os; libc=ctypes.CDLL(None,use_errno=True); r=libc.ptrace(16,int(sys.argv[1]),0,0); print(r, os.strerror(ctypes.get_errno()))' $target
      kill $target
      """
    let result = try sandboxed(script)
    #expect(result.stdout == "-1 Operation not permitted\n", "\(result.stderr)")
  }

  @Test func namespacesAndMountsAreRefused() throws {
    // unshare must exist and be refused by the sandbox, not fail for another reason.
    let unshare = try #require(
      ["/usr/bin/unshare", "/bin/unshare"].first {
        FileManager.default.isExecutableFile(atPath: $0)
      },
      "unshare (util-linux) is needed for this test")
    for flags in ["-r", "-n", "-m"] {
      let result = try sandboxed("\(unshare) \(flags) true")
      #expect(result.status == 1, "\(flags): \(result.stderr)")
      #expect(result.stderr.contains("Operation not permitted"), "\(flags): \(result.stderr)")
    }
    let mount = try sandboxed("mount -t tmpfs none src")
    #expect(mount.status != 0)
    #expect(mount.stderr.contains("permission denied"), "\(mount.stderr)")
  }

  @Test func grandchildrenInheritTheRules() throws {
    #expect(try sandboxed("sh -c 'sh -c \"echo x > \(outside)/gc.txt\"'").status == 2)
    #expect(try sandboxed("sh -c 'sh -c \"echo x > src/gc.txt\"'").status == 0)
    #expect(!FileManager.default.fileExists(atPath: outside + "/gc.txt"))
    #expect(contents(workspace + "/src/gc.txt") == "x\n")
  }

  @Test func aCommandIgnoringSigtermIsKilledWithItsChildrenAtTheTimeout() throws {
    let marker = "\(Int.random(in: 100_000...999_999)).5"
    let start = Date()
    let result = try sandboxed(
      "trap '' TERM; sh -c \"trap '' TERM; sleep \(marker)\" & sleep \(marker)",
      ["-s", "workspace-write", "--timeout", "0.5"])
    let elapsed = Date().timeIntervalSince(start)
    #expect(result.status == 128 + 9, "\(result.stderr)")
    #expect(result.stderr.contains("timed out"))
    #expect(elapsed < 6)
    #expect(try CodexProcess.processesMatching("sleep \(marker)").isEmpty)
  }

  @Test func environmentMarksTheSandboxAndDropsSecrets() throws {
    let result = try sandboxed(
      "echo \"$CODEX_SANDBOX $CODEX_SANDBOX_NETWORK_DISABLED ${OPENAI_API_KEY:-none} ${MY_SECRET:-none} $KEEP\"",
      env: ["OPENAI_API_KEY": "sk-test", "MY_SECRET": "s", "KEEP": "kept"])
    #expect(result.stdout == "seccomp 1 none none kept\n")
  }

  @Test func exitStatusIsPassedThrough() throws {
    #expect(try sandboxed("exit 7").status == 7)
    #expect(try sandboxed("kill -KILL $$").status == 137)
  }

  @Test func dangerFullAccessRunsWithoutRestrictions() throws {
    let result = try sandboxed(
      "echo x > \(outside)/free.txt && echo ${CODEX_SANDBOX:-unsandboxed}",
      ["-s", "danger-full-access"])
    #expect(result.status == 0)
    #expect(result.stdout == "unsandboxed\n")
    #expect(contents(outside + "/free.txt") == "x\n")
  }

  @Test func aWorkspaceInsideTmpKeepsGitReadOnly() throws {
    let nested = "/tmp/codex-nested-\(UUID().uuidString)"
    try FileManager.default.createDirectory(
      atPath: nested + "/.git", withIntermediateDirectories: true)
    try "[core]\n".write(toFile: nested + "/.git/config", atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: nested) }
    let result = try CodexProcess.run(
      ["sandbox", "-s", "workspace-write", "--", "sh", "-c", "echo x >> .git/config"],
      environment: ["CODEX_HOME": home], directory: nested)
    #expect(result.status == 2)
    #expect(contents(nested + "/.git/config") == "[core]\n")
  }
}
