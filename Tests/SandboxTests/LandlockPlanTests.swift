import Sandbox
import Testing

/// An in-memory file system: paths to kinds, symlinks to their targets.
struct FakeFileSystem: FileSystemView {
  var kinds: [String: FileKind]
  var links: [String: String] = [:]

  func realPath(_ path: String) -> String? {
    if let target = links[path] { return target }
    return kinds[path] == nil ? nil : path
  }
  func kind(_ path: String) -> FileKind? { links[path] != nil ? .symlink : kinds[path] }
  func entries(_ directory: String) -> [String]? {
    let prefix = directory == "/" ? "/" : directory + "/"
    return (Array(kinds.keys) + Array(links.keys)).filter {
      $0.hasPrefix(prefix) && !$0.dropFirst(prefix.count).contains("/")
    }
    .map { String($0.dropFirst(prefix.count)) }
  }
}

@Suite struct LandlockPlanTests {
  let fileSystem = FakeFileSystem(
    kinds: [
      "/": .directory, "/home/dev": .directory, "/home/dev/repo": .directory,
      "/home/dev/repo/.git": .directory,
      "/home/dev/repo/src": .directory, "/home/dev/repo/README.md": .file,
      "/home/dev/repo/.codex": .directory,
      "/home/dev/plain": .directory, "/home/dev/plain/a": .file, "/tmp": .directory,
      "/tmp/other": .directory,
      "/tmp/nested": .directory, "/tmp/nested/.git": .file, "/tmp/nested/lib": .directory,
    ],
    links: ["/home/dev/repo/out": "/etc", "/home/dev/link-to-plain": "/home/dev/plain"])

  @Test func rootWithoutProtectedEntriesIsGrantedWhole() {
    let plan = LandlockPlan(roots: ["/home/dev/plain"], fileSystem: fileSystem)
    #expect(plan == LandlockPlan(writeDirectories: ["/home/dev/plain"]))
  }

  @Test func gitAndCodexAreLeftOutAndLinksAreNeverGranted() {
    let plan = LandlockPlan(roots: ["/home/dev/repo"], fileSystem: fileSystem)
    #expect(
      plan
        == LandlockPlan(
          writeDirectories: ["/home/dev/repo/src"], writeFiles: ["/home/dev/repo/README.md"]))
  }

  @Test func symlinkedRootsAreResolvedAndDeduplicated() {
    let plan = LandlockPlan(
      roots: ["/home/dev/link-to-plain", "/home/dev/plain", "/missing"], fileSystem: fileSystem)
    #expect(plan.writeDirectories == ["/home/dev/plain"])
  }

  @Test func anOuterRootDoesNotReachIntoANestedRootsGit() {
    let plan = LandlockPlan(roots: ["/tmp/nested", "/tmp"], fileSystem: fileSystem)
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

  @Test func rulesFollowThePolicy() {
    let rules = LinuxSandbox.rules(
      for: SandboxPolicy(mode: .workspaceWrite, excludeSlashTmp: true),
      workingDirectory: "/home/dev/plain",
      environment: [:], fileSystem: fileSystem)
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
      for: SandboxPolicy(mode: .readOnly), workingDirectory: "/", environment: [:])
    #expect(readOnly == SandboxRules(plan: LandlockPlan(), allowNetwork: false))
  }
}
