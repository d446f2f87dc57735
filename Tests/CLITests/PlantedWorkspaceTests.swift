import Foundation
import TestSupport
import Testing

/// What a model can plant in a workspace, and what codex then does with it: a protected
/// name created where none existed, a repository whose settings run programs when codex's
/// own git reads it, a program that looks like a system one by its last name.
@Suite(.timeLimit(.minutes(10))) struct PlantedWorkspaceTests {
  let base = TestDirectory.path("codex-planted")
  var workspace: String { base + "/ws" }
  var outside: String { base + "/outside" }

  init() throws {
    for directory in [base + "/ws", base + "/outside"] {
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }
  }

  func exec(
    _ server: ScriptedModelServer?, _ flags: [String], namespaces: Bool = true,
    directory: String? = nil
  ) throws -> CodexProcess.Result {
    let url = server?.baseURL ?? "http://127.0.0.1:9/v1"
    let config = """
      model = "m"
      model_provider = "scripted"
      [model_providers.scripted]
      base_url = "\(url)"
      wire_api = "responses"
      request_max_retries = 0
      stream_max_retries = 0
      """
    let home = try CodexProcess.makeHome(config: Data(config.utf8))
    return try CodexProcess.run(
      ["exec", "--skip-git-repo-check"] + flags + ["go"],
      environment: ["CODEX_HOME": home, "CODEX_SANDBOX_NAMESPACES": namespaces ? "1" : "0"],
      directory: directory ?? workspace)
  }

  static func call(_ id: String, _ name: String, _ arguments: String) -> String {
    #"{"events": [{"function_call": {"name": "\#(name)", "call_id": "\#(id)", "arguments": \#(arguments)}}]}"#
  }

  static func json(_ value: Any) -> String {
    String(decoding: try! JSONSerialization.data(withJSONObject: value), as: UTF8.self)
  }

  func outputs(_ server: ScriptedModelServer) -> [String] { server.lastFunctionOutputs() }

  @Test(arguments: [true, false])
  func patchesCannotCreateProtectedNames(namespaces: Bool) throws {
    let patches = [
      "*** Begin Patch\n*** Add File: .git/config\n+[core]\n+\tfsmonitor = ./evil.sh\n*** End Patch",
      "*** Begin Patch\n*** Add File: .codex/config.toml\n+approval_policy = \"never\"\n*** End Patch",
      "*** Begin Patch\n*** Add File: src/../.git/HEAD\n+ref: refs/heads/main\n*** End Patch",
    ]
    let calls = patches.enumerated().map {
      Self.call("p\($0.offset)", "apply_patch", Self.json(["input": $0.element]))
    }
    let server = try ScriptedModelServer(
      responses: "[" + (calls + [#"{"events": [{"text": "done"}]}"#]).joined(separator: ",") + "]")
    defer { server.stop() }
    try FileManager.default.createDirectory(
      atPath: workspace + "/src", withIntermediateDirectories: true)
    let result = try exec(server, ["-s", "workspace-write", "-a", "never"], namespaces: namespaces)
    #expect(result.status == 0, "\(result.stderr)")
    let told = outputs(server)
    #expect(told.count == 3)
    #expect(told.allSatisfy { $0.contains("not writable") }, "\(told)")
    for name in [".git", ".codex"] {
      #expect(!FileManager.default.fileExists(atPath: workspace + "/" + name))
    }
  }

  @Test(arguments: [true, false])
  func aPlantedRepositoryRunsNothingOutsideTheSandbox(namespaces: Bool) throws {
    // What a command could have left: a repository whose fsmonitor is a program of the
    // workspace. codex's own git (the per-turn snapshot) reads it; the program may run,
    // but only in the read-only world.
    let marker = outside + "/ran"
    let git = { (arguments: [String]) in
      try Spawn.run(["git"] + arguments, directory: self.workspace).status
    }
    #expect(try git(["init", "-q"]) == 0)
    try "a\n".write(toFile: workspace + "/a.txt", atomically: true, encoding: .utf8)
    #expect(try git(["-c", "user.email=t@t", "-c", "user.name=t", "add", "a.txt"]) == 0)
    #expect(
      try git(["-c", "user.email=t@t", "-c", "user.name=t", "commit", "-qm", "one"]) == 0)
    let evil = workspace + "/evil.sh"
    try "#!/bin/sh\necho ran > \(marker)\necho ran > \(workspace)/ran-here\nexit 1\n"
      .write(toFile: evil, atomically: true, encoding: .utf8)
    chmod(evil, 0o755)
    for setting in [
      ["core.fsmonitor", "./evil.sh"], ["diff.external", "./evil.sh"],
      ["core.pager", "./evil.sh"],
    ] {
      #expect(try git(["config"] + setting) == 0)
    }
    try "new\n".write(toFile: workspace + "/untracked.txt", atomically: true, encoding: .utf8)
    // The model cannot be reached: the snapshot at the turn's start still runs.
    let unreachable = try exec(nil, ["-s", "workspace-write"], namespaces: namespaces)
    #expect(unreachable.status != 0)
    #expect(!FileManager.default.fileExists(atPath: marker))
    #expect(!FileManager.default.fileExists(atPath: workspace + "/ran-here"))
    // A whole turn with a change, so snapshots and the turn's diff run to the end.
    let server = try ScriptedModelServer(
      responses: "["
        + Self.call(
          "c1", "shell", Self.json(["command": ["sh", "-c", "echo b >> a.txt"]]))
        + #", {"events": [{"text": "done"}]}]"#)
    defer { server.stop() }
    let turn = try exec(server, ["-s", "workspace-write", "-a", "never"], namespaces: namespaces)
    #expect(turn.status == 0, "\(turn.stderr)")
    #expect(!FileManager.default.fileExists(atPath: marker))
    #expect(!FileManager.default.fileExists(atPath: workspace + "/ran-here"))
    #expect(try String(contentsOfFile: workspace + "/a.txt", encoding: .utf8) == "a\nb\n")
  }

  @Test func aProgramIsKnownSafeByItsPathNotItsLastName() throws {
    // ls and bash of the workspace, named through a system folder and `..`.
    let evil = workspace + "/evil"
    try FileManager.default.createDirectory(atPath: evil, withIntermediateDirectories: true)
    let marker = outside + "/ran"
    for name in ["ls", "bash"] {
      try "#!/bin/sh\necho \(name) > \(marker)-\(name)\n".write(
        toFile: evil + "/" + name, atomically: true, encoding: .utf8)
      chmod(evil + "/" + name, 0o755)
    }
    let climb = "/usr/bin/../.." + evil
    let commands: [[String]] = [
      [climb + "/ls"], ["bash", "-lc", climb + "/ls"], [climb + "/bash", "-lc", "ls"],
      ["/usr/bin/./../../" + evil.dropFirst() + "/ls", "-la"],
    ]
    let calls = commands.enumerated().map {
      Self.call("c\($0.offset)", "shell", Self.json(["command": $0.element]))
    }
    let server = try ScriptedModelServer(
      responses: "[" + (calls + [#"{"events": [{"text": "done"}]}"#]).joined(separator: ",") + "]")
    defer { server.stop() }
    // untrusted asks before anything not known-safe; with no terminal, the answer is no.
    let result = try exec(
      server, ["-s", "danger-full-access", "-a", "untrusted"], namespaces: true)
    #expect(result.status == 0, "\(result.stderr)")
    let told = outputs(server)
    #expect(told.count == commands.count)
    #expect(told.allSatisfy { $0.hasPrefix("command was not run") }, "\(told)")
    for name in ["ls", "bash"] {
      #expect(!FileManager.default.fileExists(atPath: marker + "-" + name))
    }
  }
}
