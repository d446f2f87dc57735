import Foundation
import TestSupport
import Testing

/// Sessions are written as they happen and resume with their whole history.
@Suite(.timeLimit(.minutes(3))) struct SessionResumeTests {
  @Test func aSessionCutOffMidWayResumesWithItsHistoryAndHoldsNoKey() throws {
    let server = try ScriptedModelServer(
      responses:
        #"[{"events": [{"text": "First answer."}]}, {"events": [{"text": "Second answer."}]}]"#)
    defer { server.stop() }
    let secret = "sk-test-\(UUID().uuidString)"
    let config = """
      model = "m"
      model_provider = "keyed"
      [model_providers.keyed]
      base_url = "\(server.baseURL)"
      env_key = "KEYED_API_KEY"
      wire_api = "responses"
      """
    let home = try CodexProcess.makeHome(config: Data(config.utf8))
    let directory = TestDirectory.path("codex-resume")
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    // Everything logged, request bodies included, to show the log holds no key either.
    let environment = ["CODEX_HOME": home, "KEYED_API_KEY": secret, "CODEX_LOG": "trace"]
    let first = try CodexProcess.run(
      [], stdin: Data("first question\n".utf8), environment: environment, directory: directory)
    #expect(first.status == 0, "\(first.stderr)")
    #expect(server.requests().first?["headers"].map { "\($0)" }?.contains(secret) == true)

    let sessions = home + "/sessions"
    let files = try #require(
      FileManager.default.enumerator(atPath: sessions)?.allObjects as? [String]
    )
    .filter { $0.hasSuffix(".jsonl") }
    #expect(files.count == 1)
    let path = sessions + "/" + files[0]
    // The process "crashed" while writing one more line.
    let handle = try #require(FileHandle(forWritingAtPath: path))
    handle.seekToEndOfFile()
    handle.write(Data(#"{"payload":{"type":"mess"#.utf8))
    try handle.close()

    let resumed = try CodexProcess.run(
      ["exec", "resume", "--last", "--skip-git-repo-check", "second question"],
      environment: environment, directory: directory)
    #expect(resumed.status == 0, "\(resumed.stderr)")
    #expect(resumed.stdout == "Second answer.\n")
    let body = try #require(server.requests().last?["body"] as? [String: Any])
    let text = String(decoding: try JSONSerialization.data(withJSONObject: body), as: UTF8.self)
    #expect(
      text.contains("first question") && text.contains("First answer.")
        && text.contains("second question"))

    // Resumed again: the fragment was closed off, the log still reads.
    let again = try CodexProcess.run(
      ["exec", "resume", "--last", "--skip-git-repo-check", "third question"],
      environment: environment, directory: directory)
    #expect(again.status == 0, "\(again.stderr)")
    let third = try #require(server.requests().last?["body"] as? [String: Any])
    let thirdText = String(
      decoding: try JSONSerialization.data(withJSONObject: third), as: UTF8.self)
    #expect(thirdText.contains("Second answer.") && thirdText.contains("first question"))

    // The key is sent to the provider but never written down.
    let log = try String(contentsOfFile: home + "/log/codex.log", encoding: .utf8)
    #expect(log.contains("model request body") && log.contains("second question"))
    for file in try FileManager.default.subpathsOfDirectory(atPath: home) {
      let data = FileManager.default.contents(atPath: home + "/" + file) ?? Data()
      #expect(!String(decoding: data, as: UTF8.self).contains(secret), "\(file) holds the key")
    }
  }

  @Test func resumeNeedsASessionToResume() throws {
    let home = try CodexProcess.makeHome()
    let result = try CodexProcess.run(
      ["exec", "resume", "--last", "--skip-git-repo-check", "hi"], environment: ["CODEX_HOME": home]
    )
    #expect(result.status == 1)
    #expect(result.stderr.contains("no saved sessions"))
  }
}

@Suite(.timeLimit(.minutes(3))) struct ReplResumeTests {
  @Test func slashResumeListsAndContinuesASession() throws {
    let server = try ScriptedModelServer(
      responses:
        #"[{"events": [{"text": "Noted the colour."}]}, {"events": [{"text": "It was teal."}]}]"#)
    defer { server.stop() }
    let config =
      "model = \"m\"\nmodel_provider = \"s\"\n[model_providers.s]\nbase_url = \"\(server.baseURL)\"\nwire_api = \"responses\"\n"
    let home = try CodexProcess.makeHome(config: Data(config.utf8))
    let environment = ["CODEX_HOME": home]
    let folder = try TestDirectory.make("codex-resume")
    let first = try CodexProcess.run(
      [], stdin: Data("my colour is teal\n".utf8), environment: environment, directory: folder)
    #expect(first.status == 0, "\(first.stderr)")
    let second = try CodexProcess.run(
      [], stdin: Data("/resume\n/resume 1\nwhat was my colour?\n".utf8), environment: environment,
      directory: folder)
    #expect(second.status == 0, "\(second.stderr)")
    #expect(second.stdout.contains("1  ") && second.stdout.contains("my colour is teal"))
    #expect(second.stdout.contains("resumed session"))
    #expect(second.stdout.contains("It was teal."))
    let body = try #require(server.requests().last?["body"] as? [String: Any])
    let text = String(decoding: try JSONSerialization.data(withJSONObject: body), as: UTF8.self)
    #expect(text.contains("my colour is teal") && text.contains("Noted the colour."))
  }
}
