import Foundation
import TestSupport
import Testing

/// Sessions are written as they happen and resume with their whole history.
@Suite(.timeLimit(.minutes(10))) struct SessionResumeTests {
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

@Suite(.timeLimit(.minutes(10))) struct ReplResumeTests {
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
    // The conversation is shown as it was, before the new answer.
    let shown = try #require(second.stdout.range(of: "› my colour is teal"))
    let answer = try #require(
      second.stdout.range(of: "Noted the colour.", range: shown.upperBound..<second.stdout.endIndex)
    )
    #expect(
      second.stdout.range(of: "It was teal.", range: answer.upperBound..<second.stdout.endIndex)
        != nil)
    let body = try #require(server.requests().last?["body"] as? [String: Any])
    let text = String(decoding: try JSONSerialization.data(withJSONObject: body), as: UTF8.self)
    #expect(text.contains("my colour is teal") && text.contains("Noted the colour."))
  }

  @Test(.enabled(if: TmuxSession.isAvailable, "needs tmux on PATH"))
  func resumeShowsTheLastTurnsWithHowManyCameBefore() throws {
    let answers = (1...7).map { #"{"events": [{"text": "Answer \#($0)."}]}"# }
    let server = try ScriptedModelServer(responses: "[" + answers.joined(separator: ",") + "]")
    defer { server.stop() }
    let home = try CodexProcess.makeHome(server: server)
    let folder = try TestDirectory.make("codex-resume-shown")
    let prompts = (1...7).map { "question \($0)" }.joined(separator: "\n") + "\n"
    let first = try CodexProcess.run(
      [], stdin: Data(prompts.utf8), environment: ["CODEX_HOME": home], directory: folder)
    #expect(first.status == 0, "\(first.stderr)")
    let tty = try TmuxSession(
      [CodexProcess.binary, "resume", "--last"],
      environment: ["CODEX_HOME": home, "TERM": "xterm-256color", "LANG": "C.UTF-8"],
      directory: folder)
    defer { tty.stop() }
    let screen = try tty.waitFor("› ", count: 6)
    #expect(screen.contains("… 2 earlier turns"), "\(screen)")
    #expect(!screen.contains("question 2\n"), "\(screen)")
    for turn in 3...7 {
      #expect(screen.contains("› question \(turn)"), "\(screen)")
      #expect(screen.contains("Answer \(turn)."), "\(screen)")
    }
  }
}
