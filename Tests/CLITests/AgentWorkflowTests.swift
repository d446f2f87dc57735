import Foundation
import TestSupport
import Testing

/// Agent workflows as tests, through the binary: budgets, rollback, replays that notice
/// any changed line, a script across profiles, `codex test` with shards, and sessions
/// saved as scripts.
@Suite(.timeLimit(.minutes(10))) struct AgentWorkflowTests {
  static func home(_ server: ScriptedModelServer?, extra: String = "") throws -> String {
    try CodexProcess.makeHome(
      config: Data(
        """
        model = "m"
        model_provider = "s"
        approval_policy = "never"
        sandbox_mode = "workspace-write"
        \(extra)
        [model_providers.s]
        base_url = "\(server?.baseURL ?? "http://127.0.0.1:9/v1")"
        wire_api = "responses"
        request_max_retries = 0
        stream_max_retries = 0
        """.utf8))
  }

  static func write(_ text: String, _ path: String) throws {
    try FileManager.default.createDirectory(
      atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try text.write(toFile: path, atomically: true, encoding: .utf8)
  }

  static func git(_ arguments: [String], in directory: String) throws {
    let run = try Spawn.run(
      ["git", "-c", "user.name=t", "-c", "user.email=t@t"] + arguments, directory: directory)
    #expect(run.status == 0, "\(run.output)")
  }

  @Test func aTokenBudgetBelowAStepsUseFailsIt() throws {
    let server = try ScriptedModelServer(
      responses: #"""
        [{"events": [{"function_call": {"name": "shell", "call_id": "c1", "arguments": {"command": ["touch", "never.txt"]}}}], "usage": {"input_tokens": 200, "output_tokens": 40}},
         {"events": [{"text": "small"}], "usage": {"input_tokens": 20, "output_tokens": 5}}]
        """#)
    defer { server.stop() }
    let home = try Self.home(server)
    let dir = try TestDirectory.make("codex-budget")
    try Self.write("/budget tokens=150\nDo the thing.\n/budget off\n", dir + "/b.codex")
    let result = try CodexProcess.run(
      ["run", "b.codex", "--junit", "j.xml"], environment: ["CODEX_HOME": home], directory: dir)
    #expect(result.status == 1)
    #expect(result.stdout.contains("budget exceeded: 240 tokens of 150"), "\(result.stdout)")
    // It stopped before the call ran.
    #expect(!FileManager.default.fileExists(atPath: dir + "/never.txt"))
    let junit = try String(contentsOfFile: dir + "/j.xml", encoding: .utf8)
    #expect(junit.contains("name=\"b.codex:2 Do the thing.\""))
    #expect(junit.contains("<failure message=\"budget exceeded: 240 tokens of 150\""))

    // The same limit for a whole exec run, and mistakes found before anything runs.
    let twice = try ScriptedModelServer(
      responses: #"""
        [{"events": [{"function_call": {"name": "shell", "call_id": "c1", "arguments": {"command": ["true"]}}}]},
         {"events": [{"text": "never asked for"}]}]
        """#)
    defer { twice.stop() }
    let exec = try CodexProcess.run(
      ["exec", "--skip-git-repo-check", "--max-turns", "1", "go"],
      environment: ["CODEX_HOME": try Self.home(twice)], directory: dir)
    #expect(exec.status == 1)
    #expect(exec.stderr.contains("budget exceeded: 2 turns of 1"), "\(exec.stderr)")
    #expect(twice.requests().count == 1)
    try Self.write(
      "/budget tokens=10 speed=3\n/budget time=soon\n/budget cost=0.5\n", dir + "/bad.codex")
    let bad = try CodexProcess.run(
      ["run", "bad.codex"], environment: ["CODEX_HOME": home], directory: dir)
    #expect(bad.status == 2)
    #expect(bad.stderr.contains("bad.codex:1:19: unknown budget key `speed`"), "\(bad.stderr)")
    #expect(bad.stderr.contains("bad.codex:2:9: time=soon: not a duration"), "\(bad.stderr)")
    try Self.write("/budget cost=0.5\n", dir + "/cost.codex")
    let cost = try CodexProcess.run(
      ["run", "cost.codex"], environment: ["CODEX_HOME": home], directory: dir)
    #expect(cost.status == 2)
    #expect(
      cost.stderr.contains(
        "cost.codex:1:1: a cost budget needs prices: set model_providers.s.pricing"))
    let flag = try CodexProcess.run(
      ["run", "--timeout", "soon", "cost.codex"], environment: ["CODEX_HOME": home], directory: dir)
    #expect(flag.status == 2)
    #expect(flag.stderr.contains("--timeout soon: not a duration"))
  }

  @Test(arguments: [false, true])
  func rollbackUndoesAFailedStepAndGoesOn(inGit: Bool) throws {
    let dir = try TestDirectory.make("codex-rollback")
    try Self.write("original\n", dir + "/a.txt")
    if inGit {
      try Self.git(["init", "-q"], in: dir)
      try Self.git(["add", "."], in: dir)
      try Self.git(["commit", "-qm", "init"], in: dir)
    }
    try Self.write(
      """
      /onerror rollback
      !echo broken > a.txt && echo junk > new.txt
      /expect shell grep -q fixed a.txt
      !echo next step ran > ran.txt
      /checkpoint clean
      !echo again > a.txt
      /rollback clean
      /expect file a.txt /original/
      """, dir + "/r.codex")
    let result = try CodexProcess.run(
      ["run", "r.codex"], environment: ["CODEX_HOME": try Self.home(nil)], directory: dir)
    #expect(result.status == 1, "\(result.stdout)")
    #expect(result.stdout.contains("restored a.txt, new.txt"), "\(result.stdout)")
    #expect(try String(contentsOfFile: dir + "/a.txt", encoding: .utf8) == "original\n")
    #expect(!FileManager.default.fileExists(atPath: dir + "/new.txt"))
    #expect(FileManager.default.fileExists(atPath: dir + "/ran.txt"))
    #expect(result.stdout.contains("back to checkpoint clean: restored a.txt"))
    try Self.write("/checkpoint a\n/rollback b\n", dir + "/bad.codex")
    let bad = try CodexProcess.run(
      ["run", "bad.codex"], environment: ["CODEX_HOME": try Self.home(nil)], directory: dir)
    #expect(bad.status == 2)
    #expect(bad.stderr.contains("bad.codex:2:11: no checkpoint `b` before this step"))
  }

  @Test func aReplayFailsAfterAnyLineOfAPromptChanged() throws {
    let server = try ScriptedModelServer(responses: #"[{"events": [{"text": "done"}]}]"#)
    defer { server.stop() }
    let dir = try TestDirectory.make("codex-replay-lines")
    try Self.write("Fix the build\nusing the fast path.\n", dir + "/p.codex")
    let recorded = try CodexProcess.run(
      ["run", "p.codex", "--record", "p.cassette"],
      environment: ["CODEX_HOME": try Self.home(server)], directory: dir)
    #expect(recorded.status == 0, "\(recorded.stdout)")
    try Self.write("Fix the build\nusing the slow path.\n", dir + "/p.codex")
    let replay = try CodexProcess.run(
      ["run", "p.codex", "--replay", "p.cassette"],
      environment: ["CODEX_HOME": try Self.home(nil)], directory: dir)
    #expect(replay.status == 1)
    #expect(
      replay.stdout.contains("✗ p.codex:1 failed: the run left the cassette"), "\(replay.stdout)")
  }
}
