import Foundation
import TestSupport
import Testing

/// The flags and commands as Codex CLI spells them today.
@Suite(.timeLimit(.minutes(10))) struct CodexFlagsTests {
  @Test func configFlagsAsCodexSpellsThem() throws {
    let home = try CodexProcess.makeHome(config: Data("model = \"from-file\"\n".utf8))
    let extra = try TestDirectory.make("codex-add-dir")
    let result = try CodexProcess.run(
      [
        "config", "--config", "model_verbosity=\"high\"", "--yolo", "--add-dir", extra,
        "--enable", "undo", "--disable", "shell_tool", "--search",
      ], environment: ["CODEX_HOME": home])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("model_verbosity = high"))
    #expect(result.stdout.contains("approval_policy = never"))
    #expect(result.stdout.contains("sandbox_mode = danger-full-access"))
    #expect(result.stdout.contains(extra), "\(result.stdout)")
    #expect(result.stdout.contains("features.undo = true"))
    #expect(result.stdout.contains("features.shell_tool = false"))
    #expect(result.stdout.contains("web_search = live"))
    #expect(result.stdout.contains("model = from-file"))

    let ignored = try CodexProcess.run(
      ["config", "--ignore-user-config"], environment: ["CODEX_HOME": home])
    #expect(ignored.stdout.contains("model = gpt-5.5"), "\(ignored.stdout)")

    let unknown = try CodexProcess.run(
      ["config", "--enable", "shel_tool"], environment: ["CODEX_HOME": home])
    #expect(unknown.status == 2)
    #expect(unknown.stderr.contains("did you mean `shell_tool`"), "\(unknown.stderr)")
  }

  func setUp(_ script: String, provider: String = "s") throws -> (ScriptedModelServer, String) {
    let server = try ScriptedModelServer(responses: script)
    let config = """
      model_provider = "\(provider)"
      [model_providers.\(provider)]
      name = "Provider"
      base_url = "\(server.baseURL)"
      wire_api = "responses"
      """
    return (server, try CodexProcess.makeHome(config: Data(config.utf8)))
  }

  func sessionFiles(_ home: String) -> [String] {
    (FileManager.default.enumerator(atPath: home + "/sessions")?.allObjects as? [String] ?? [])
      .filter { $0.hasSuffix(".jsonl") }
  }

  @Test func execAliasEphemeralAndCodexAPIKey() throws {
    let (server, home) = try setUp(#"[{"events": [{"text": "Hello."}]}]"#, provider: "openai")
    defer { server.stop() }
    let result = try CodexProcess.run(
      ["e", "--ephemeral", "--skip-git-repo-check", "hi"],
      environment: ["CODEX_HOME": home, "CODEX_API_KEY": "sk-codex-key-4242"], directory: home)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout == "Hello.\n")
    #expect(sessionFiles(home).isEmpty)
    let headers = "\(server.requests().first?["headers"] ?? "")"
    #expect(headers.contains("Bearer sk-codex-key-4242"))
    #expect(!result.stderr.contains("sk-codex-key-4242"))
  }

  @Test func pipedInputComesWithThePrompt() throws {
    let (server, home) = try setUp(#"[{"events": [{"text": "Summarised."}]}]"#)
    defer { server.stop() }
    let result = try CodexProcess.run(
      ["exec", "--skip-git-repo-check", "summarise this"], stdin: Data("line A\nline B\n".utf8),
      environment: ["CODEX_HOME": home], directory: home)
    #expect(result.status == 0, "\(result.stderr)")
    let body = "\(server.requests().first?["body"] ?? "")"
    #expect(body.contains("summarise this"))
    #expect(body.contains("<stdin>"), "\(body)")
    #expect(body.contains("line A"))
  }

  @Test func execResumeTakesTheSessionIDAsItsFirstWord() throws {
    let (server, home) = try setUp(
      #"[{"events": [{"text": "First."}]}, {"events": [{"text": "Second."}]}]"#)
    defer { server.stop() }
    let first = try CodexProcess.run(
      ["exec", "--skip-git-repo-check", "remember 42"], environment: ["CODEX_HOME": home],
      directory: home)
    #expect(first.status == 0, "\(first.stderr)")
    let file = try #require(sessionFiles(home).first)
    let id = try #require(
      file.range(
        of: "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
        options: .regularExpression
      )
      .map { String(file[$0]) })
    let again = try CodexProcess.run(
      ["exec", "resume", "--skip-git-repo-check", id, "again"], environment: ["CODEX_HOME": home],
      directory: home)
    #expect(again.status == 0, "\(again.stderr)")
    #expect(again.stdout == "Second.\n")
    let body = "\(server.requests().last?["body"] ?? "")"
    #expect(body.contains("remember 42") && body.contains("again"))
    #expect(sessionFiles(home).count == 1)
  }

  @Test func colorAlwaysColoursProgress() throws {
    let (server, home) = try setUp(#"[{"events": [{"text": "Hi."}]}]"#)
    defer { server.stop() }
    let always = try CodexProcess.run(
      ["exec", "--color", "always", "--skip-git-repo-check", "hi"],
      environment: ["CODEX_HOME": home], directory: home)
    #expect(always.stderr.contains("\u{1B}["), "\(always.stderr)")
    let never = try CodexProcess.run(
      ["exec", "--color", "never", "--skip-git-repo-check", "hi"],
      environment: ["CODEX_HOME": home], directory: home)
    #expect(!never.stderr.contains("\u{1B}["))
  }

  @Test func sandboxLinuxIsCodexsSpelling() throws {
    let directory = try TestDirectory.make("codex-sandbox-linux")
    let result = try CodexProcess.run(
      [
        "sandbox", "linux", "--full-auto", "--", "sh", "-c",
        "touch inside && touch /etc/codex-nope",
      ],
      environment: ["CODEX_HOME": try CodexProcess.makeHome()], directory: directory)
    #expect(result.status == 1, "\(result.stderr)")
    #expect(FileManager.default.fileExists(atPath: directory + "/inside"))
    #expect(!FileManager.default.fileExists(atPath: "/etc/codex-nope"))
  }
}
