import Foundation
import TestSupport
import Testing

/// The same line means the same thing in exec, the REPL and a script: one interpreter
/// turns it into a request.
@Suite(.timeLimit(.minutes(10))) struct OneFrontDoorTests {
  /// The last user message of each request the server received.
  static func lastUserTexts(_ server: ScriptedModelServer) -> [String] {
    server.requests().compactMap { request in
      let body = request["body"] as? [String: Any] ?? [:]
      let items = body["input"] as? [[String: Any]] ?? []
      let user = items.last { $0["role"] as? String == "user" }
      let parts = user?["content"] as? [[String: Any]] ?? []
      return parts.compactMap { $0["text"] as? String }.joined()
    }
  }

  @Test func aMentionAttachesTheFileInExecTheReplAndAScript() throws {
    let server = try ScriptedModelServer(responses: #"[{"events": [{"text": "Summarised."}]}]"#)
    defer { server.stop() }
    let config =
      "model = \"m\"\nmodel_provider = \"s\"\n[model_providers.s]\nbase_url = \"\(server.baseURL)\"\nwire_api = \"responses\"\n"
    let home = try CodexProcess.makeHome(config: Data(config.utf8))
    let workspace = try TestDirectory.make("codex-front-door")
    defer { try? FileManager.default.removeItem(atPath: workspace) }
    try "The secret sauce is 42.\n".write(
      toFile: workspace + "/README.md", atomically: true, encoding: .utf8)
    try "summarise @README.md\n".write(
      toFile: workspace + "/ask.codex", atomically: true, encoding: .utf8)
    let environment = ["CODEX_HOME": home]
    let line = "summarise @README.md"

    let exec = try CodexProcess.run(
      ["exec", "--skip-git-repo-check", line], environment: environment, directory: workspace)
    #expect(exec.status == 0, "\(exec.stderr)")
    #expect(exec.stdout == "Summarised.\n")
    #expect(exec.stderr.contains("attached: README.md"))
    let repl = try CodexProcess.run(
      ["-a", "never"], stdin: Data((line + "\n").utf8), environment: environment,
      directory: workspace)
    #expect(repl.status == 0, "\(repl.stderr)")
    let script = try CodexProcess.run(
      ["run", "-a", "never", "ask.codex"], environment: environment, directory: workspace)
    #expect(script.status == 0, "\(script.stdout)\(script.stderr)")

    let sent = Self.lastUserTexts(server)
    #expect(sent.count == 3)
    #expect(sent.first?.contains("The secret sauce is 42.") == true, "\(sent)")
    #expect(Set(sent).count == 1, "the three front-ends sent different requests: \(sent)")
    // The whole request is the same but for what names the session.
    let bodies = try server.requests().map { request -> String in
      var body = try #require(request["body"] as? [String: Any])
      body["prompt_cache_key"] = nil
      let data = try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])
      return String(decoding: data, as: UTF8.self)
    }
    #expect(Set(bodies).count == 1, "\(bodies.joined(separator: "\n"))")
  }

  @Test func execResumeOfASessionThatCannotBeReadIsAnErrorNotANewSession() throws {
    let server = try ScriptedModelServer(responses: #"[{"events": [{"text": "never"}]}]"#)
    defer { server.stop() }
    let config =
      "model = \"m\"\nmodel_provider = \"s\"\n[model_providers.s]\nbase_url = \"\(server.baseURL)\"\nwire_api = \"responses\"\n"
    let home = try CodexProcess.makeHome(config: Data(config.utf8))
    let day = home + "/sessions/2026/01/02"
    try FileManager.default.createDirectory(atPath: day, withIntermediateDirectories: true)
    let id = "0badc0de-0000-4000-8000-000000000001"
    try "not a session\n".write(
      toFile: day + "/rollout-2026-01-02T03-04-05-\(id).jsonl", atomically: true, encoding: .utf8)
    let result = try CodexProcess.run(
      ["exec", "resume", "--id", id, "--skip-git-repo-check", "hello"],
      environment: ["CODEX_HOME": home])
    #expect(result.status == 1)
    #expect(result.stderr.contains(id), "\(result.stderr)")
    #expect(server.requests().isEmpty)
  }
}
