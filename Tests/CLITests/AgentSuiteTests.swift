import Foundation
import TestSupport
import Testing

/// Scripts run as suites: across profiles (`--matrix`), as `codex test` (offline with
/// cassettes, in shards), and made from an interactive session (`/save`).
@Suite(.timeLimit(.minutes(10))) struct AgentSuiteTests {
  /// A git project with a dirty file, and three scripts in `.codex/tests` with
  /// cassettes recorded against `server`.
  static func project(_ server: ScriptedModelServer, home: String) throws -> String {
    let dir = try TestDirectory.make("codex-suite")
    try AgentWorkflowTests.write("hello\n", dir + "/file.txt")
    try AgentWorkflowTests.git(["init", "-q"], in: dir)
    try AgentWorkflowTests.git(["add", "."], in: dir)
    try AgentWorkflowTests.git(["commit", "-qm", "init"], in: dir)
    try AgentWorkflowTests.write("hello\nuncommitted\n", dir + "/file.txt")
    for name in ["alpha", "beta", "gamma"] {
      try AgentWorkflowTests.write(
        "Say \(name).\n/expect reply /\(name)/\n!echo \(name) >> file.txt\n/expect shell grep -q uncommitted file.txt\n",
        dir + "/.codex/tests/\(name).codex")
    }
    return dir
  }

  @Test func codexTestRunsScriptsOfflineAndInShards() throws {
    let server = try ScriptedModelServer(
      responses:
        #"[{"events": [{"text": "alpha"}]}, {"events": [{"text": "beta"}]}, {"events": [{"text": "gamma"}]}]"#
    )
    let home = try AgentWorkflowTests.home(server)
    let dir = try Self.project(server, home: home)
    // Record the cassettes live, one script at a time (the server answers in order).
    let recorded = try CodexProcess.run(
      ["test", "--update-cassettes"], environment: ["CODEX_HOME": home], directory: dir)
    #expect(recorded.status == 0, "\(recorded.stdout)\(recorded.stderr)")
    server.stop()
    for name in ["alpha", "beta", "gamma"] {
      #expect(FileManager.default.fileExists(atPath: dir + "/.codex/tests/\(name).cassette"))
    }
    // Offline now: no server. The workspace is never changed by the runs.
    let offline = try CodexProcess.run(
      ["test", ".codex/tests", "-j", "3", "--junit", "report.xml"],
      environment: ["CODEX_HOME": home], directory: dir)
    #expect(offline.status == 0, "\(offline.stdout)\(offline.stderr)")
    #expect(offline.stdout.contains("3 passed, 0 failed"))
    #expect(offline.stdout.contains("PASS .codex/tests/beta.codex"))
    #expect(
      try String(contentsOfFile: dir + "/file.txt", encoding: .utf8) == "hello\nuncommitted\n")
    let report = try String(contentsOfFile: dir + "/report.xml", encoding: .utf8)
    #expect(report.components(separatedBy: "<testsuite ").count == 4)
    // Two shards run every script exactly once.
    var ran: [String] = []
    for shard in ["1/2", "2/2"] {
      let part = try CodexProcess.run(
        ["test", "--shard", shard], environment: ["CODEX_HOME": home], directory: dir)
      #expect(part.status == 0, "\(part.stdout)")
      ran += part.stdout.split(separator: "\n").filter { $0.hasPrefix("PASS ") }.map {
        String($0.split(separator: " ")[1])
      }
    }
    #expect(ran.sorted() == ["alpha", "beta", "gamma"].map { ".codex/tests/\($0).codex" })
    let bad = try CodexProcess.run(
      ["test", "--shard", "3/2"], environment: ["CODEX_HOME": home], directory: dir)
    #expect(bad.status == 2)
    #expect(bad.stderr.contains("--shard 3/2"))
    // A changed prompt fails its replay, naming the step.
    try AgentWorkflowTests.write(
      "Say alpha now.\n/expect reply /alpha/\n", dir + "/.codex/tests/alpha.codex")
    let changed = try CodexProcess.run(
      ["test", ".codex/tests/alpha.codex"], environment: ["CODEX_HOME": home], directory: dir)
    #expect(changed.status == 1)
    #expect(changed.stdout.contains("FAIL .codex/tests/alpha.codex: .codex/tests/alpha.codex:1"))
  }

  @Test func aMatrixOfAWorkingAndAnUnreachableProfile() throws {
    let server = try ScriptedModelServer(responses: #"[{"events": [{"text": "alpha"}]}]"#)
    defer { server.stop() }
    let home = try AgentWorkflowTests.home(server)
    let dir = try Self.project(server, home: home)
    try "model_provider = \"s\"\n".write(
      toFile: home + "/good.config.toml", atomically: true, encoding: .utf8)
    let config = try String(contentsOfFile: home + "/config.toml", encoding: .utf8)
    try
      (config
      + "\n[model_providers.dead]\nbase_url = \"http://127.0.0.1:9/v1\"\nwire_api = \"responses\"\nrequest_max_retries = 0\nstream_max_retries = 0\n")
      .write(toFile: home + "/config.toml", atomically: true, encoding: .utf8)
    try "model_provider = \"dead\"\n".write(
      toFile: home + "/dead.config.toml", atomically: true, encoding: .utf8)
    let result = try CodexProcess.run(
      ["run", ".codex/tests/alpha.codex", "--matrix", "good,dead", "-j", "2", "--junit", "m.xml"],
      environment: ["CODEX_HOME": home], directory: dir)
    #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
    let rows = result.stdout.split(separator: "\n").map(String.init)
    #expect(rows.first?.hasPrefix("profile") == true)
    #expect(rows.contains { $0.hasPrefix("good ") && $0.contains("pass") && !$0.contains("FAIL") })
    #expect(rows.contains { $0.hasPrefix("dead ") && $0.contains("FAIL") })
    let junit = try String(contentsOfFile: dir + "/m.xml", encoding: .utf8)
    #expect(junit.contains("<testsuite name=\"good\""))
    #expect(junit.contains("<testsuite name=\"dead\""))
    // The original workspace is as it was.
    #expect(
      try String(contentsOfFile: dir + "/file.txt", encoding: .utf8) == "hello\nuncommitted\n")
    let missing = try CodexProcess.run(
      ["run", ".codex/tests/alpha.codex", "--matrix", "good,nope"],
      environment: ["CODEX_HOME": home], directory: dir)
    #expect(missing.status == 2)
    #expect(missing.stderr.contains("--matrix: profile `nope` is not defined"))
  }

  @Test func aSavedSessionReplaysOfflineToTheSameFiles() throws {
    let server = try ScriptedModelServer(
      responses: #"""
        [{"events": [{"function_call": {"name": "apply_patch", "call_id": "c1", "arguments": {"input": "*** Begin Patch\n*** Add File: notes.txt\n+costs $5\n*** End Patch\n"}}}]},
         {"events": [{"text": "Wrote notes.txt."}]},
         {"events": [{"text": "Two lines read."}]}]
        """#)
    let home = try AgentWorkflowTests.home(server)
    let first = try TestDirectory.make("codex-save-a")
    let input =
      "write notes costing $5\n!cat notes.txt\n/status\n\"\"\"\nsecond\nline $1\n\"\"\"\n/save flow.codex --expect-files\n"
    let session = try CodexProcess.run(
      [], stdin: Data(input.utf8), environment: ["CODEX_HOME": home], directory: first)
    server.stop()
    #expect(session.status == 0, "\(session.stderr)")
    #expect(session.stdout.contains("saved 3 steps to flow.codex and 3 responses to flow.cassette"))
    let script = try String(contentsOfFile: first + "/flow.codex", encoding: .utf8)
    #expect(script.contains("/sandbox workspace-write\n/approve never\n"))
    #expect(script.contains("write notes costing \\$5\n"))
    #expect(script.contains("# → changed notes.txt"))
    #expect(script.contains("!cat notes.txt\n"))
    #expect(!script.contains("/status"))
    #expect(script.contains("/expect file notes.txt\n"))

    let second = try TestDirectory.make("codex-save-b")
    let replay = try CodexProcess.run(
      ["run", first + "/flow.codex", "--replay", first + "/flow.cassette"],
      environment: ["CODEX_HOME": home], directory: second)
    #expect(replay.status == 0, "\(replay.stdout)\(replay.stderr)")
    #expect(
      try String(contentsOfFile: second + "/notes.txt", encoding: .utf8)
        == (try String(contentsOfFile: first + "/notes.txt", encoding: .utf8)))
  }
}
