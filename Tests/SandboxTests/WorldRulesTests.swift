import Sandbox
import Testing

/// The pure decisions behind the command's world: protected names that do not exist, the
/// sockets masked, the attempt a tool is handed, the patch decision, a program's path.
@Suite(.timeLimit(.minutes(10))) struct WorldRulesTests {
  let fileSystem = FakeFileSystem(
    kinds: [
      "/": .directory, "/w": .directory, "/w/src": .directory, "/w/src/a.swift": .file,
      "/tmp": .directory, "/tmp/.git": .directory, "/run": .directory,
    ],
    links: ["/w/into-tmp-git": "/tmp/.git", "/w/up": "/w/src"])

  var area: WritableArea {
    WritableArea(
      policy: SandboxPolicy(mode: .workspaceWrite), workingDirectory: "/w", environment: [:],
      fileSystem: fileSystem)
  }

  @Test func absentProtectedNamesCannotBeWrittenThroughAnyPath() {
    #expect(area.absentPaths == ["/w/.git", "/w/.codex", "/tmp/.codex"])
    #expect(area.readOnlyPaths == ["/tmp/.git"])
    for path in [
      ".git/config", "/w/.git/hooks/pre-commit", "src/../.git/config", ".codex/config.toml",
      "up/../.git/HEAD", "/tmp/.codex/x", "into-tmp-git/config",
    ] {
      let verdict = area.check(path, workingDirectory: "/w", fileSystem: fileSystem)
      guard case .denied = verdict else {
        Issue.record("\(path) was allowed: \(verdict)")
        continue
      }
    }
    // Names that only start like a protected one are ordinary files.
    for path in [".gitignore", ".github/workflows/ci.yml", "src/.git", ".codexrc"] {
      #expect(
        area.check(path, workingDirectory: "/w", fileSystem: fileSystem)
          == .allowed(root: "/w", relative: path))
    }
  }

  @Test func aPlaceholderOfAnotherCommandCountsAsAbsent() {
    var view = PlaceholderView(base: fileSystem, placeholders: ["/w/.codex"])
    view.base.kinds["/w/.codex"] = .directory
    let area = WritableArea(
      policy: SandboxPolicy(mode: .workspaceWrite), workingDirectory: "/w", environment: [:],
      fileSystem: view)
    // Held with the others (never bound as an existing path another codex may remove).
    #expect(area.absentPaths == ["/w/.git", "/w/.codex", "/tmp/.codex"])
    #expect(area.readOnlyPaths == ["/tmp/.git"])
  }

  @Test func placeholdersComeOnlyWithTheWorld() {
    let support = LinuxSandbox.Support(landlockABI: 7, seccomp: true, namespaces: true)
    let rules = LinuxSandbox.rules(
      for: SandboxPolicy(mode: .workspaceWrite), workingDirectory: "/w", environment: [:],
      support: support, fileSystem: fileSystem, unixSockets: { [] })
    #expect(rules?.placeholders == ["/w/.git", "/w/.codex", "/tmp/.codex"])
    #expect(rules?.plan.readOnlyMounts == ["/tmp/.git"])
    #expect(rules?.privateSharedMemory == true)
    let without = LinuxSandbox.rules(
      for: SandboxPolicy(mode: .workspaceWrite), workingDirectory: "/w", environment: [:],
      support: LinuxSandbox.Support(landlockABI: 7, seccomp: true, namespaces: false),
      fileSystem: fileSystem, unixSockets: { ["/tmp/tmux-0/default"] })
    #expect(without?.placeholders == [])
    #expect(without?.maskedSockets == [])
    // Read-only: nothing writable, so nothing to hold.
    let readOnly = LinuxSandbox.rules(
      for: SandboxPolicy(mode: .readOnly), workingDirectory: "/w", environment: [:],
      support: support, fileSystem: fileSystem, unixSockets: { [] })
    #expect(readOnly?.placeholders == [])
    #expect(readOnly?.plan.writeDirectories == [])
  }

  @Test func socketsAreMaskedWhereverTheyLieButThoseAllowed() {
    let support = LinuxSandbox.Support(landlockABI: 7, seccomp: true, namespaces: true)
    let sockets = [
      "/tmp/tmux-0/default", "/w/src/app.sock", "/run/docker.sock", "relative.sock",
      "/run/docker.sock",
    ]
    let rules = LinuxSandbox.rules(
      for: SandboxPolicy(mode: .workspaceWrite, allowUnixSockets: ["src/app.sock"]),
      workingDirectory: "/w", environment: [:], support: support, fileSystem: fileSystem,
      unixSockets: { sockets })
    #expect(rules?.maskedSockets == ["/tmp/tmux-0/default", "/run/docker.sock"])
  }

  @Test func theAttemptDecidesTheRulesAndTheWriter() {
    let policy = SandboxPolicy(mode: .workspaceWrite)
    let confined = SandboxAttempt(policy: policy, sandboxed: true)
    #expect(confined.rules(workingDirectory: "/w", environment: [:]) != nil)
    #expect(confined.fileWriter(workingDirectory: "/w", environment: [:]) is ConfinedFileWriter)
    let escalated = SandboxAttempt(policy: policy, sandboxed: false)
    #expect(escalated.rules(workingDirectory: "/w", environment: [:]) == nil)
    #expect(escalated.fileWriter(workingDirectory: "/w", environment: [:]) is DirectFileWriter)
    // danger-full-access is never confined, whatever the caller asks.
    let full = SandboxAttempt(policy: SandboxPolicy(mode: .dangerFullAccess), sandboxed: true)
    #expect(!full.sandboxed)
  }

  @Test func patchDecisions() {
    let refusal = ["/etc/x is not writable: outside the writable roots (/w)"]
    let cases: [(ApprovalPolicy, SandboxMode, [String], ExecDecision)] = [
      (.onRequest, .workspaceWrite, [], .run(sandboxed: true)),
      (.never, .workspaceWrite, [], .run(sandboxed: true)),
      (.untrusted, .workspaceWrite, [], .ask(reason: PatchApprovalText.every, sandboxed: true)),
      (.untrusted, .dangerFullAccess, [], .ask(reason: PatchApprovalText.every, sandboxed: false)),
      (.never, .dangerFullAccess, [], .run(sandboxed: false)),
      (.onRequest, .workspaceWrite, refusal, .ask(reason: refusal[0], sandboxed: false)),
      (.onFailure, .readOnly, refusal, .ask(reason: refusal[0], sandboxed: false)),
      (.never, .workspaceWrite, refusal, .refuse(reason: refusal[0] + " (approval policy never)")),
    ]
    for (approval, mode, refusals, expected) in cases {
      #expect(
        PatchApproval.decide(approvalPolicy: approval, sandboxMode: mode, refusals: refusals)
          == expected, "\(approval) \(mode) \(refusals)")
    }
  }

  @Test func programsAreKnownSafeByTheirExactSystemPath() {
    for safe in [
      ["ls"], ["/bin/ls", "-la"], ["/usr/bin/cat", "a"], ["bash", "-lc", "/usr/bin/ls"],
    ] {
      #expect(SafeCommands.isKnownSafe(safe), "\(safe)")
    }
    for unsafe in [
      ["/usr/bin/../../tmp/evil/ls"], ["/usr/bin/./ls"], ["/usr/bin//ls"], ["/bin/sub/../ls"],
      ["./ls"], ["/usr/local/bin/ls"], ["/tmp/ls"], ["/usr/bin/.."],
      ["bash", "-lc", "/usr/bin/../../tmp/evil/ls"], ["/tmp/evil/bash", "-lc", "ls"],
      ["/usr/bin/../../tmp/evil/bash", "-lc", "ls"], ["", "-la"],
    ] {
      #expect(!SafeCommands.isKnownSafe(unsafe), "\(unsafe)")
    }
  }
}

/// The reason PatchApproval gives under untrusted, spelled once for the table above.
enum PatchApprovalText {
  static let every = "every patch is approved under approval policy untrusted"
}

/// A file system whose `placeholders` are placeholders of other commands.
struct PlaceholderView: FileSystemView {
  var base: FakeFileSystem
  var placeholders: Set<String>

  func kind(_ path: String) -> FileKind? { base.kind(path) }
  func readLink(_ path: String) -> String? { base.readLink(path) }
  func entries(_ directory: String) -> [String]? { base.entries(directory) }
  func readText(_ path: String) -> String? { base.readText(path) }
  func isPlaceholder(_ path: String) -> Bool { placeholders.contains(path) }
}
