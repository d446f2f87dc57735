import Foundation
import TestSupport
import Testing

/// Every subcommand name of Codex CLI 0.163 is either served or refused; none reaches the
/// model. Sessions are archived, brought back and deleted as in Codex.
@Suite(.timeLimit(.minutes(10))) struct SubcommandTests {
  @Test func codexsOtherSubcommandsAreRefusedNotSentToTheModel() throws {
    let server = try ScriptedModelServer(responses: #"[{"events": [{"text": "ok"}]}]"#)
    defer { server.stop() }
    let home = try CodexProcess.makeHome(server: server)
    for words in [
      ["agents"], ["plugin", "list"], ["update"], ["cloud"], ["apply"], ["queue", "hi"],
      ["migrate-rollouts"], ["exec-server"], ["remote-control"],
    ] {
      let result = try CodexProcess.run(words, environment: ["CODEX_HOME": home])
      #expect(result.status == 2, "\(words): \(result.stderr)")
      #expect(result.stderr.contains("codex \(words[0]) is not available here"), "\(result.stderr)")
    }
    #expect(server.requests().isEmpty)
  }

  @Test func sessionsAreArchivedRestoredAndDeleted() throws {
    let server = try ScriptedModelServer(responses: #"[{"events": [{"text": "ok"}]}]"#)
    defer { server.stop() }
    let home = try CodexProcess.makeHome(server: server)
    let made = try CodexProcess.run(
      ["exec", "--skip-git-repo-check", "remember me"], environment: ["CODEX_HOME": home])
    #expect(made.status == 0, "\(made.stderr)")
    let id = try #require(
      made.stderr.range(of: #"session [0-9a-f-]{36}"#, options: .regularExpression).map {
        String(made.stderr[$0].dropFirst("session ".count))
      })
    let archived = try CodexProcess.run(["archive", id], environment: ["CODEX_HOME": home])
    #expect(archived.status == 0, "\(archived.stderr)")
    let archive = home + "/archived_sessions"
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: archive).contains { $0.contains(id) })
    // An archived session is not resumed.
    let gone = try CodexProcess.run(
      ["exec", "resume", "--skip-git-repo-check", id, "again"], environment: ["CODEX_HOME": home])
    #expect(gone.status != 0)
    let restored = try CodexProcess.run(["unarchive", id], environment: ["CODEX_HOME": home])
    #expect(restored.status == 0, "\(restored.stderr)")
    #expect(restored.stdout.contains("/sessions/"), "\(restored.stdout)")
    let deleted = try CodexProcess.run(["delete", id], environment: ["CODEX_HOME": home])
    #expect(deleted.status == 0, "\(deleted.stderr)")
    let again = try CodexProcess.run(["delete", id], environment: ["CODEX_HOME": home])
    #expect(again.status == 1)
    #expect(again.stderr.contains("no saved session \(id)"), "\(again.stderr)")
    #expect(server.requests().count == 1)
  }

  @Test func doctorReportsWhatItFinds() throws {
    let server = try ScriptedModelServer(responses: #"[{"events": [{"text": "ok"}]}]"#)
    defer { server.stop() }
    let home = try CodexProcess.makeHome(
      server: server,
      extra: "[mcp_servers.broken]\ncommand = \"/bin/sh\"\nargs = [\"-c\", \"exit 3\"]\n")
    let secret = "sk-doctor-\(UUID().uuidString)"
    let result = try CodexProcess.run(
      ["doctor", "--timeout", "2"], environment: ["CODEX_HOME": home, "OPENAI_API_KEY": secret])
    // The broken MCP server makes it fail, and says which.
    #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
    for topic in ["libcurl", "libseccomp", "config", "provider", "sandbox", "mcp broken"] {
      #expect(result.stdout.contains(topic), "\(topic): \(result.stdout)")
    }
    #expect(result.stdout.contains("\(server.baseURL) answers"), "\(result.stdout)")
    #expect(!result.stdout.contains(secret))
    #expect(server.requests().isEmpty)
  }

  @Test func execOptionsBeforeResumeAreReadFromTheirDeclarations() throws {
    let home = try CodexProcess.makeHome()
    for options in [["--local-provider", "ollama"], ["-m", "x", "--color", "never"]] {
      let result = try CodexProcess.run(
        ["exec"] + options + ["resume", "--last", "--skip-git-repo-check", "go on"],
        environment: ["CODEX_HOME": home])
      #expect(!result.stderr.contains("Unknown option"), "\(options): \(result.stderr)")
      #expect(
        result.stderr.contains("no saved session") || result.stderr.contains("no session"),
        "\(options): \(result.stderr)")
    }
  }

  @Test func execForkStartsANewSessionFromACopy() throws {
    let server = try ScriptedModelServer(
      responses: #"[{"events": [{"text": "one"}]}, {"events": [{"text": "two"}]}]"#)
    defer { server.stop() }
    let home = try CodexProcess.makeHome(server: server)
    let made = try CodexProcess.run(
      ["exec", "--skip-git-repo-check", "remember plum"], environment: ["CODEX_HOME": home])
    let id = try #require(
      made.stderr.range(of: #"session [0-9a-f-]{36}"#, options: .regularExpression).map {
        String(made.stderr[$0].dropFirst("session ".count))
      })
    let forked = try CodexProcess.run(
      ["exec", "--skip-git-repo-check", "fork", id, "which fruit?"],
      environment: ["CODEX_HOME": home])
    #expect(forked.status == 0, "\(forked.stderr)")
    #expect(forked.stdout == "two\n")
    #expect(forked.stderr.contains("forked session \(id) into new session"), "\(forked.stderr)")
    let body = String(
      decoding: try JSONSerialization.data(withJSONObject: server.requests()[1]["body"] ?? [:]),
      as: UTF8.self)
    #expect(body.contains("remember plum") && body.contains("which fruit?"))
    let files =
      (FileManager.default.enumerator(atPath: home + "/sessions")?.allObjects as? [String] ?? [])
      .filter { $0.hasSuffix(".jsonl") }
    #expect(files.count == 2)
  }

  @Test func slashArchiveAndDeleteActOnSavedSessions() throws {
    let server = try ScriptedModelServer(responses: #"[{"events": [{"text": "ok"}]}]"#)
    defer { server.stop() }
    let home = try CodexProcess.makeHome(server: server)
    var ids: [String] = []
    for prompt in ["first", "second"] {
      let made = try CodexProcess.run(
        ["exec", "--skip-git-repo-check", prompt], environment: ["CODEX_HOME": home])
      ids +=
        made.stderr.range(of: #"session [0-9a-f-]{36}"#, options: .regularExpression).map {
          [String(made.stderr[$0].dropFirst("session ".count))]
        } ?? []
    }
    try #require(ids.count == 2)
    let folder = try TestDirectory.make("codex-slash-archive")
    try "/archive \(ids[0])\n/delete \(ids[1])\n/delete nope\n".write(
      toFile: folder + "/tidy.codex", atomically: true, encoding: .utf8)
    let result = try CodexProcess.run(
      ["run", "tidy.codex"], environment: ["CODEX_HOME": home], directory: folder)
    #expect(result.stdout.contains("archived "), "\(result.stdout)")
    #expect(result.stdout.contains("deleted "), "\(result.stdout)")
    #expect(result.stdout.contains("no saved session nope"), "\(result.stdout)")
    #expect(result.status == 1)
    let archived = try FileManager.default.contentsOfDirectory(atPath: home + "/archived_sessions")
    #expect(archived.count == 1 && archived[0].contains(ids[0]))
    let left =
      (FileManager.default.enumerator(atPath: home + "/sessions")?.allObjects as? [String] ?? [])
      .filter { $0.hasSuffix(".jsonl") }
    // Only the script's own session is left.
    #expect(!left.contains { $0.contains(ids[0]) || $0.contains(ids[1]) }, "\(left)")
  }
}
