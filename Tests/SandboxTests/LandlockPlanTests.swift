import Sandbox
import Testing

/// An in-memory file system: paths to kinds, symlinks to their targets, file texts.
struct FakeFileSystem: FileSystemView {
  var kinds: [String: FileKind]
  var links: [String: String] = [:]
  var texts: [String: String] = [:]

  func readLink(_ path: String) -> String? { links[path] }
  func readText(_ path: String) -> String? { texts[path] }
  func kind(_ path: String) -> FileKind? { links[path] != nil ? .symlink : kinds[path] }
  func entries(_ directory: String) -> [String]? {
    let prefix = directory == "/" ? "/" : directory + "/"
    return (Array(kinds.keys) + Array(links.keys)).filter {
      $0.hasPrefix(prefix) && !$0.dropFirst(prefix.count).contains("/")
    }
    .map { String($0.dropFirst(prefix.count)) }
  }
}

@Suite(.timeLimit(.minutes(10))) struct LandlockPlanTests {
  /// The entry-by-entry plan (no mount namespace) for roots: the first is the working
  /// directory.
  func plan(_ roots: [String], namespace: Bool = false) -> LandlockPlan {
    LandlockPlan(
      area: WritableArea(
        policy: SandboxPolicy(
          mode: .workspaceWrite, writableRoots: Array(roots.dropFirst()), excludeSlashTmp: true),
        workingDirectory: roots[0], environment: [:], fileSystem: fileSystem),
      mountNamespace: namespace, fileSystem: fileSystem)
  }

  let fileSystem = FakeFileSystem(
    kinds: [
      "/": .directory, "/home": .directory, "/home/dev": .directory, "/home/dev/repo": .directory,
      "/home/dev/repo/.git": .directory,
      "/home/dev/repo/src": .directory, "/home/dev/repo/README.md": .file,
      "/home/dev/repo/.codex": .directory,
      "/home/dev/plain": .directory, "/home/dev/plain/a": .file, "/tmp": .directory,
      "/tmp/other": .directory,
      "/tmp/nested": .directory, "/tmp/nested/.git": .file, "/tmp/nested/lib": .directory,
      "/etc": .directory, "/etc/passwd": .file, "/home/dev/main/.git": .directory,
      "/home/dev/main/.git/worktrees/nested": .directory,
    ],
    links: [
      "/home/dev/repo/out": "/etc", "/home/dev/link-to-plain": "/home/dev/plain",
      "/home/dev/repo/dangling": "/var/lib/x", "/home/dev/repo/loop": "/home/dev/repo/loop",
    ],
    texts: [
      "/tmp/nested/.git": "gitdir: /home/dev/main/.git/worktrees/nested\n",
      "/home/dev/main/.git/worktrees/nested/commondir": "../..\n",
    ])

  @Test func writeRuleResolvesLinksInEveryComponent() {
    let area = WritableArea(
      policy: SandboxPolicy(mode: .workspaceWrite, excludeSlashTmp: true),
      workingDirectory: "/home/dev/repo", environment: [:], fileSystem: fileSystem)
    let check = { (path: String) in
      area.check(path, workingDirectory: "/home/dev/repo", fileSystem: fileSystem)
    }
    #expect(check("src/a.swift") == .allowed(root: "/home/dev/repo", relative: "src/a.swift"))
    #expect(check("new/dir/file") == .allowed(root: "/home/dev/repo", relative: "new/dir/file"))
    // A directory link leading outside: refused, with where it leads.
    #expect(
      check("out/passwd")
        == .denied(
          path: "out/passwd", resolved: "/etc/passwd",
          reason: "outside the writable roots (/home/dev/repo)"))
    #expect(check("src/../out/x").explanation?.contains("resolves to /etc/x") == true)
    #expect(check("/home/dev/plain/a").explanation?.contains("outside the writable roots") == true)
    #expect(
      check(".git/config").explanation?.contains("/home/dev/repo/.git stays read-only") == true)
    #expect(
      check(".codex/prompts/x.md")
        != .allowed(root: "/home/dev/repo", relative: ".codex/prompts/x.md"))
    // A dangling link is followed, as creating a file through it would.
    #expect(check("dangling").explanation?.contains("/var/lib/x") == true)
    #expect(check("loop/x").explanation?.contains("too many levels") == true)
  }

  @Test func aWorktreeGitFileProtectsTheDirectoriesItPointsTo() {
    let area = WritableArea(
      policy: SandboxPolicy(mode: .workspaceWrite, excludeSlashTmp: true),
      workingDirectory: "/tmp/nested", environment: [:], fileSystem: fileSystem)
    #expect(
      area.readOnlyPaths == [
        "/tmp/nested/.git", "/home/dev/main/.git/worktrees/nested", "/home/dev/main/.git",
      ])
  }

  @Test func rootWithoutProtectedEntriesIsGrantedWhole() {
    let plan = plan(["/home/dev/plain"])
    #expect(plan == LandlockPlan(writeDirectories: ["/home/dev/plain"]))
  }

  @Test func gitAndCodexAreLeftOutAndLinksAreNeverGranted() {
    let plan = plan(["/home/dev/repo"])
    #expect(
      plan
        == LandlockPlan(
          writeDirectories: ["/home/dev/repo/src"], writeFiles: ["/home/dev/repo/README.md"]))
  }

  @Test func symlinkedRootsAreResolvedAndDeduplicated() {
    let plan = plan(["/home/dev/link-to-plain", "/home/dev/plain", "/missing"])
    #expect(plan.writeDirectories == ["/home/dev/plain"])
  }

  @Test func anOuterRootDoesNotReachIntoANestedRootsGit() {
    let plan = plan(["/tmp/nested", "/tmp"])
    #expect(plan.writeDirectories == ["/tmp/nested/lib", "/tmp/other"])
    #expect(plan.writeFiles.isEmpty)
  }

  @Test func writableRootsFollowTheMode() {
    let env = ["TMPDIR": "/var/tmp/me"]
    var policy = SandboxPolicy(mode: .workspaceWrite, writableRoots: ["/data", "rel"])
    #expect(
      policy.writableRoots(workingDirectory: "/w", environment: env) == [
        "/w", "/data", "/w/rel", "/var/tmp/me", "/tmp",
      ])
    policy.excludeSlashTmp = true
    policy.excludeTmpdirEnvVar = true
    #expect(
      policy.writableRoots(workingDirectory: "/w", environment: env) == ["/w", "/data", "/w/rel"])
    #expect(
      SandboxPolicy(mode: .readOnly).writableRoots(workingDirectory: "/w", environment: env).isEmpty
    )
    #expect(!SandboxPolicy(mode: .workspaceWrite).allowsNetwork)
    #expect(SandboxPolicy(mode: .workspaceWrite, networkAccess: true).allowsNetwork)
    #expect(!SandboxPolicy(mode: .readOnly, networkAccess: true).allowsNetwork)
  }

  let noNamespaces = LinuxSandbox.Support(landlockABI: 5, seccomp: true, namespaces: false)
  let everything = LinuxSandbox.Support(landlockABI: 7, seccomp: true, namespaces: true)

  @Test func withNamespacesRootsAreWholeAndProtectedPathsMountedReadOnly() {
    let rules = LinuxSandbox.rules(
      for: SandboxPolicy(mode: .workspaceWrite, excludeSlashTmp: true),
      workingDirectory: "/home/dev/repo", environment: [:], support: everything,
      fileSystem: fileSystem,
      unixSockets: { ["/run/user/1000/bus", "/home/dev/repo/app.sock", "/run/ssh-agent"] })
    #expect(rules?.plan.writeDirectories == ["/home/dev/repo"])
    #expect(rules?.plan.readOnlyMounts == ["/home/dev/repo/.git", "/home/dev/repo/.codex"])
    #expect(rules?.namespaces == true)
    #expect(rules?.scopeSignals == true)
    #expect(rules?.scopeAbstractSockets == true)
    // Every socket bound outside the command is masked, inside the writable roots too.
    #expect(
      rules?.maskedSockets == ["/run/user/1000/bus", "/home/dev/repo/app.sock", "/run/ssh-agent"])
    // Landlock's scopes keep abstract sockets out: no network namespace is needed...
    #expect(rules?.newNetwork == false)
    // ...but without them one is made.
    let unscoped = LinuxSandbox.rules(
      for: SandboxPolicy(mode: .workspaceWrite, excludeSlashTmp: true),
      workingDirectory: "/home/dev/repo", environment: [:],
      support: LinuxSandbox.Support(landlockABI: 5, seccomp: true, namespaces: true),
      fileSystem: fileSystem, unixSockets: { [] })
    #expect(unscoped?.newNetwork == true)
    #expect(unscoped?.placeholders == [])

    let allowing = LinuxSandbox.rules(
      for: SandboxPolicy(
        mode: .workspaceWrite, excludeSlashTmp: true, allowUnixSockets: ["/run/ssh-agent"]),
      workingDirectory: "/home/dev/repo", environment: [:], support: everything,
      fileSystem: fileSystem, unixSockets: { ["/run/user/1000/bus", "/run/ssh-agent"] })
    #expect(allowing?.maskedSockets == ["/run/user/1000/bus"])

    let network = LinuxSandbox.rules(
      for: SandboxPolicy(mode: .workspaceWrite, networkAccess: true, excludeSlashTmp: true),
      workingDirectory: "/home/dev/repo", environment: [:], support: everything,
      fileSystem: fileSystem, unixSockets: { ["/run/user/1000/bus"] })
    #expect(network?.maskedSockets == [])
    #expect(network?.scopeAbstractSockets == false)
    #expect(network?.scopeSignals == true)
  }

  @Test func rulesFollowThePolicy() {
    let rules = LinuxSandbox.rules(
      for: SandboxPolicy(mode: .workspaceWrite, excludeSlashTmp: true),
      workingDirectory: "/home/dev/plain",
      environment: [:], support: noNamespaces, fileSystem: fileSystem, unixSockets: { [] })
    #expect(
      rules
        == SandboxRules(
          plan: LandlockPlan(writeDirectories: ["/home/dev/plain"]), allowNetwork: false))
    #expect(
      rules?.environment == ["CODEX_SANDBOX": "seccomp", "CODEX_SANDBOX_NETWORK_DISABLED": "1"])
    #expect(
      LinuxSandbox.rules(
        for: SandboxPolicy(mode: .dangerFullAccess), workingDirectory: "/", environment: [:]) == nil
    )
    let readOnly = LinuxSandbox.rules(
      for: SandboxPolicy(mode: .readOnly), workingDirectory: "/", environment: [:],
      support: noNamespaces, fileSystem: fileSystem, unixSockets: { [] })
    #expect(readOnly == SandboxRules(plan: LandlockPlan(), allowNetwork: false))
  }
}
