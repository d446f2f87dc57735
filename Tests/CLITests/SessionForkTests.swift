import Foundation
import TestSupport
import Testing

/// Sessions as Codex keeps them: fork, names, and resume scoped to the directory.
@Suite(.timeLimit(.minutes(10))) struct SessionForkTests {
  func setUp(_ script: String) throws -> (ScriptedModelServer, String) {
    let server = try ScriptedModelServer(responses: script)
    let config =
      "model = \"m\"\nmodel_provider = \"s\"\n[model_providers.s]\nbase_url = \"\(server.baseURL)\"\nwire_api = \"responses\"\n"
    return (server, try CodexProcess.makeHome(config: Data(config.utf8)))
  }

  func sessionFiles(_ home: String) -> [String] {
    (FileManager.default.enumerator(atPath: home + "/sessions")?.allObjects as? [String] ?? [])
      .filter { $0.hasSuffix(".jsonl") }
  }

  func body(_ request: [String: Any]?) -> String {
    String(
      decoding: (try? JSONSerialization.data(withJSONObject: request?["body"] ?? [:])) ?? Data(),
      as: UTF8.self)
  }

  @Test func forkStartsANewSessionWithTheOldHistory() throws {
    let (server, home) = try setUp(
      #"[{"events": [{"text": "Noted: 42."}]}, {"events": [{"text": "It was 42."}]}]"#)
    defer { server.stop() }
    let directory = try TestDirectory.make("codex-fork")
    let first = try CodexProcess.run(
      ["exec", "--skip-git-repo-check", "remember 42"], environment: ["CODEX_HOME": home],
      directory: directory)
    #expect(first.status == 0, "\(first.stderr)")
    let fork = try CodexProcess.run(
      ["fork", "--last"], stdin: Data("what was it?\n".utf8), environment: ["CODEX_HOME": home],
      directory: directory)
    #expect(fork.status == 0, "\(fork.stderr)")
    #expect(fork.stdout.contains("forked session"), "\(fork.stdout)")
    #expect(fork.stdout.contains("It was 42."))
    let last = body(server.requests().last)
    #expect(
      last.contains("remember 42") && last.contains("Noted: 42.") && last.contains("what was it?"))
    // Two sessions: the old one unchanged, the new one with the whole conversation.
    #expect(sessionFiles(home).count == 2)
  }

  @Test func resumeIsScopedToTheDirectoryUnlessAll() throws {
    let (server, home) = try setUp(
      #"[{"events": [{"text": "in A"}]}, {"events": [{"text": "in B"}]}, {"events": [{"text": "again"}]}]"#
    )
    defer { server.stop() }
    let a = try TestDirectory.make("codex-dir-a")
    let b = try TestDirectory.make("codex-dir-b")
    for (directory, prompt) in [(a, "prompt-in-a"), (b, "prompt-in-b")] {
      let run = try CodexProcess.run(
        ["exec", "--skip-git-repo-check", prompt], environment: ["CODEX_HOME": home],
        directory: directory)
      #expect(run.status == 0, "\(run.stderr)")
    }
    // In A, --last is A's session, though B's is newer.
    let here = try CodexProcess.run(
      ["exec", "resume", "--last", "--skip-git-repo-check", "more"],
      environment: ["CODEX_HOME": home], directory: a)
    #expect(here.status == 0, "\(here.stderr)")
    #expect(body(server.requests().last).contains("prompt-in-a"))
    #expect(!body(server.requests().last).contains("prompt-in-b"))
    // Elsewhere there is none, unless --all: then the last one used (A's, just now).
    let c = try TestDirectory.make("codex-dir-c")
    let elsewhere = try CodexProcess.run(
      ["resume", "--last"], environment: ["CODEX_HOME": home], directory: c)
    #expect(elsewhere.status == 1)
    #expect(elsewhere.stderr.contains("--all"), "\(elsewhere.stderr)")
    let everywhere = try CodexProcess.run(
      ["exec", "resume", "--last", "--all", "--skip-git-repo-check", "more"],
      environment: ["CODEX_HOME": home], directory: c)
    #expect(everywhere.status == 0, "\(everywhere.stderr)")
    #expect(body(server.requests().last).contains("prompt-in-a"))
  }

  @Test func aRenamedSessionResumesByItsName() throws {
    let (server, home) = try setUp(
      #"[{"events": [{"text": "Started."}]}, {"events": [{"text": "Back again."}]}]"#)
    defer { server.stop() }
    let directory = try TestDirectory.make("codex-rename")
    let first = try CodexProcess.run(
      [], stdin: Data("begin the work\n/rename refactor-auth\n".utf8),
      environment: ["CODEX_HOME": home], directory: directory)
    #expect(first.status == 0, "\(first.stderr)")
    #expect(first.stdout.contains("is now called refactor-auth"))
    let resumed = try CodexProcess.run(
      ["exec", "resume", "--skip-git-repo-check", "refactor-auth", "continue"],
      environment: ["CODEX_HOME": home], directory: directory)
    #expect(resumed.status == 0, "\(resumed.stderr)")
    #expect(resumed.stdout == "Back again.\n")
    #expect(body(server.requests().last).contains("begin the work"))
  }
}
