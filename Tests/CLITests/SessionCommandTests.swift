import Foundation
import TestSupport
import Testing

/// Slash commands inside a session, and the commands that continue saved sessions,
/// through the real binary with the REPL reading a pipe.
@Suite(.timeLimit(.minutes(10))) struct SessionCommandTests {
  struct Setup {
    var server: ScriptedModelServer
    var home: String
    var workspace: String
    var environment: [String: String] { ["CODEX_HOME": home] }
  }

  func setUp(_ responses: String, config extra: String = "") throws -> Setup {
    let server = try ScriptedModelServer(responses: responses)
    let config = """
      model = "first-model"
      model_provider = "s"
      \(extra)
      [model_providers.s]
      base_url = "\(server.baseURL)"
      wire_api = "responses"
      """
    return Setup(
      server: server, home: try CodexProcess.makeHome(config: Data(config.utf8)),
      workspace: try TestDirectory.make("codex-commands"))
  }

  func repl(_ setup: Setup, _ lines: [String], arguments: [String] = []) throws
    -> CodexProcess.Result
  {
    try CodexProcess.run(
      arguments, stdin: Data((lines.joined(separator: "\n") + "\n").utf8),
      environment: setup.environment, directory: setup.workspace)
  }

  /// The texts of a request's input items, in order.
  func inputs(_ request: [String: Any]) -> [String] {
    let body = request["body"] as? [String: Any] ?? [:]
    return (body["input"] as? [[String: Any]] ?? []).map { item in
      let parts = item["content"] as? [[String: Any]] ?? []
      return parts.compactMap { $0["text"] as? String }.joined()
    }
  }

  func model(_ request: [String: Any]) -> String? {
    (request["body"] as? [String: Any])?["model"] as? String
  }

  @Test func helpModelNewAndConfig() throws {
    let setup = try setUp(#"[{"events": [{"text": "Noted."}]}, {"events": [{"text": "Two."}]}]"#)
    defer { setup.server.stop() }
    let result = try repl(
      setup,
      [
        "/help", "/help compact", "/model", "/model other-model high", "hello there", "/new",
        "second", "/config", "/quit",
      ])
    #expect(result.status == 0, "\(result.stderr)")
    let out = result.stdout
    for command in ["/model", "/new", "/compact", "/init", "/config", "/resume", "/quit"] {
      #expect(
        out.contains("\n\(command) ") || out.hasPrefix("\(command) "), "/help lacks \(command)")
    }
    #expect(out.contains("/compact\n  summarise the conversation to free context"))
    #expect(out.contains("model: first-model (reasoning effort medium)"))
    #expect(out.contains("model: other-model (reasoning effort high)"))
    #expect(out.contains("new session "), "\(out)")
    #expect(out.contains("model = other-model"))
    #expect(out.contains("model_provider = s") && out.contains("(config.toml:2)"))

    let requests = setup.server.requests()
    #expect(requests.count == 2)
    #expect(requests.map(model) == ["other-model", "other-model"])
    // After /new the conversation starts again: the first prompt is not sent.
    #expect(inputs(requests[0]).last == "hello there")
    #expect(inputs(requests[1]).last == "second")
    #expect(!inputs(requests[1]).contains("hello there"))
    // Two sessions, two files: the one before /new is kept whole and resumes.
    let files =
      (FileManager.default.enumerator(atPath: setup.home + "/sessions")?.allObjects
      as? [String] ?? []).filter { $0.hasSuffix(".jsonl") }
    #expect(files.count == 2, "\(files)")
    let logs = try files.map {
      try String(contentsOfFile: setup.home + "/sessions/" + $0, encoding: .utf8)
    }
    #expect(logs.filter { $0.contains("hello there") }.count == 1)
    #expect(logs.filter { $0.contains("second") }.count == 1)
    #expect(!logs.contains { $0.contains("hello there") && $0.contains("second") })
  }

  @Test func statusShowsTheContextUsedAndLeftAndCompactWhatItSaved() throws {
    let setup = try setUp(
      #"[{"events": [{"text": "A long answer to a long question."}], "usage": {"input_tokens": 27200, "output_tokens": 10}}, {"events": [{"text": "short"}]}]"#,
      config: "model_context_window = 272000")
    defer { setup.server.stop() }
    let question = String(repeating: "a long question ", count: 200)
    let result = try repl(setup, [question, "/status", "/compact", "/quit"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      result.stdout.contains("context: 27200 of 272000 tokens used (90% left)"), "\(result.stdout)")
    let line = try #require(
      result.stdout.split(separator: "\n").first { $0.contains("conversation compacted: about") })
    let numbers = line.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
    try #require(numbers.count == 2, "\(line)")
    #expect(numbers[0] > numbers[1], "\(line)")
  }

  @Test func compactReplacesTheHistoryWithTheModelsSummary() throws {
    let setup = try setUp(
      #"[{"events": [{"text": "First answer."}]}, {"events": [{"text": "SUMMARY: a first thing was asked."}]}, {"events": [{"text": "Third."}]}]"#
    )
    defer { setup.server.stop() }
    let result = try repl(setup, ["a first thing", "/compact", "after compacting", "/quit"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("conversation compacted"))
    let requests = setup.server.requests()
    #expect(requests.count == 3)
    let summaryRequest = inputs(requests[1])
    #expect(summaryRequest.contains("a first thing") && summaryRequest.contains("First answer."))
    #expect(summaryRequest.last?.hasPrefix("Summarize the conversation") == true)
    let after = inputs(requests[2])
    #expect(after.contains { $0.contains("SUMMARY: a first thing was asked.") })
    #expect(after.last == "after compacting")
    #expect(!after.contains("a first thing") && !after.contains("First answer."))
  }

  @Test func initAsksForAnAgentsFileAndNeverOverwritesOne() throws {
    let patch = "*** Begin Patch\\n*** Add File: AGENTS.md\\n+# Build with make\\n*** End Patch"
    let setup = try setUp(
      #"[{"events": [{"function_call": {"name": "apply_patch", "call_id": "p", "arguments": {"input": "\#(patch)"}}}]}, {"events": [{"text": "Wrote AGENTS.md."}]}]"#
    )
    defer { setup.server.stop() }
    let first = try repl(
      setup, ["/sandbox workspace-write", "/approve never", "/init", "/quit"])
    #expect(first.status == 0, "\(first.stderr)")
    let agents = setup.workspace + "/AGENTS.md"
    #expect((try? String(contentsOfFile: agents, encoding: .utf8)) == "# Build with make\n")
    #expect(inputs(setup.server.requests()[0]).last?.hasPrefix("Write an AGENTS.md") == true)

    let again = try repl(setup, ["/init", "/quit"])
    #expect(again.status == 0, "\(again.stderr)")
    #expect(again.stdout.contains("AGENTS.md already exists here; /init leaves it as it is"))
    #expect(setup.server.requests().count == 2)
    #expect((try? String(contentsOfFile: agents, encoding: .utf8)) == "# Build with make\n")
  }

  /// `codex resume --last` and `codex resume ID` continue a session with its history;
  /// an unknown id is an error naming it, never a fresh session.
  @Test func resumeContinuesTheLastSessionOrOneById() throws {
    let setup = try setUp(
      #"[{"events": [{"text": "Noted teal."}]}, {"events": [{"text": "Teal."}]}, {"events": [{"text": "Still teal."}]}]"#
    )
    defer { setup.server.stop() }
    #expect(try repl(setup, ["my colour is teal"]).status == 0)
    let id = try #require(try sessionIDs(setup.home).first)

    let last = try repl(setup, ["what was my colour?"], arguments: ["resume", "--last"])
    #expect(last.status == 0, "\(last.stderr)")
    #expect(last.stdout.contains("resumed session \(id)"))
    #expect(last.stdout.contains("Teal."))
    #expect(inputs(setup.server.requests()[1]).contains("my colour is teal"))

    let byID = try repl(setup, ["and now?"], arguments: ["resume", String(id.prefix(8))])
    #expect(byID.status == 0, "\(byID.stderr)")
    let third = inputs(setup.server.requests()[2])
    #expect(third.contains("my colour is teal") && third.contains("what was my colour?"))
    #expect(third.last == "and now?")

    let unknown = try repl(setup, ["hello"], arguments: ["resume", "no-such-session"])
    #expect(unknown.status == 1)
    #expect(unknown.stderr.contains("no saved session no-such-session"))
    #expect(setup.server.requests().count == 3)
  }

  @Test func execResumeByIdSendsOneMorePrompt() throws {
    let setup = try setUp(
      #"[{"events": [{"text": "Noted."}]}, {"events": [{"text": "Resumed answer."}]}]"#)
    defer { setup.server.stop() }
    #expect(try repl(setup, ["remember 42"]).status == 0)
    let id = try #require(try sessionIDs(setup.home).first)
    let result = try CodexProcess.run(
      ["exec", "resume", "--id", id, "--skip-git-repo-check", "what number?"],
      environment: setup.environment, directory: setup.workspace)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout == "Resumed answer.\n")
    let sent = inputs(setup.server.requests()[1])
    #expect(sent.contains("remember 42") && sent.last == "what number?")

    let unknown = try CodexProcess.run(
      ["exec", "resume", "--id", "0000dead", "--skip-git-repo-check", "x"],
      environment: setup.environment, directory: setup.workspace)
    #expect(unknown.status == 1)
    #expect(unknown.stderr.contains("no saved session 0000dead"))
    #expect(setup.server.requests().count == 2)
  }

  @Test func historyIsSavedUnlessPersistenceIsNone() throws {
    let saving = try setUp(#"[{"events": [{"text": "ok"}]}]"#)
    defer { saving.server.stop() }
    #expect(try repl(saving, ["remember this line"]).status == 0)
    let history = try String(contentsOfFile: saving.home + "/history.jsonl", encoding: .utf8)
    #expect(history.contains("\"text\":\"remember this line\""))

    let silent = try setUp(
      #"[{"events": [{"text": "ok"}]}]"#, config: "[history]\npersistence = \"none\"")
    defer { silent.server.stop() }
    let result = try repl(silent, ["forget this line"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(silent.server.requests().count == 1)
    #expect(!FileManager.default.fileExists(atPath: silent.home + "/history.jsonl"))
  }

  func sessionIDs(_ home: String) throws -> [String] {
    let files = FileManager.default.enumerator(atPath: home + "/sessions")?.allObjects ?? []
    return files.compactMap { $0 as? String }.filter { $0.hasSuffix(".jsonl") }.sorted().map {
      String(URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent.suffix(36))
    }
  }
}

/// `codex debug toml-check`: positioned errors, version selection, exit status.
@Suite(.timeLimit(.minutes(10))) struct TOMLCheckCommandTests {
  @Test func reportsEachFileWithPositionsAndFailsOnAnyError() throws {
    let folder = try TestDirectory.make("codex-toml-check")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try "a = 1\n[t]\nb = \"x\"\n".write(
      toFile: folder + "/good.toml", atomically: true, encoding: .utf8)
    try "a = 1\nb = [1,\n".write(toFile: folder + "/bad.toml", atomically: true, encoding: .utf8)
    try "k = { a = 1, }\n".write(
      toFile: folder + "/newer.toml", atomically: true, encoding: .utf8)

    let good = try CodexProcess.run(["debug", "toml-check", "good.toml"], directory: folder)
    #expect(good.status == 0)
    #expect(good.stdout.hasPrefix("good.toml: ok, 2 top-level keys, 18 bytes, ms: "))

    let mixed = try CodexProcess.run(
      ["debug", "toml-check", "bad.toml", "good.toml"], directory: folder)
    #expect(mixed.status == 1)
    #expect(
      mixed.stderr.contains(
        "bad.toml:2:5: unterminated array: expected `]` before the end of the file"))
    #expect(mixed.stdout.contains("good.toml: ok"))

    let tomlOne = try CodexProcess.run(["debug", "toml-check", "newer.toml"], directory: folder)
    #expect(tomlOne.status == 1)
    #expect(tomlOne.stderr.contains("newer.toml:1:14: trailing comma in inline table"))
    let tomlOneOne = try CodexProcess.run(
      ["debug", "toml-check", "--toml-version", "1.1", "newer.toml"], directory: folder)
    #expect(tomlOneOne.status == 0, "\(tomlOneOne.stderr)")
    #expect(tomlOneOne.stdout.hasPrefix("newer.toml: ok, 1 top-level key, "))

    let repeated = try CodexProcess.run(
      ["debug", "toml-check", "--repeat", "3", "good.toml"], directory: folder)
    #expect(repeated.stdout.split(separator: ":").last?.split(separator: " ").count == 3)

    let missing = try CodexProcess.run(["debug", "toml-check", "absent.toml"], directory: folder)
    #expect(missing.status == 1)
    #expect(missing.stderr.contains("absent.toml: cannot read"))
  }
}

extension SessionCommandTests {
  /// `codex exec --json resume --last PROMPT`: exec's options may come before `resume`.
  @Test func execOptionsMayComeBeforeResume() throws {
    let setup = try setUp(
      #"[{"events": [{"text": "Noted."}]}, {"events": [{"text": "Again."}]}]"#)
    defer { setup.server.stop() }
    #expect(try repl(setup, ["remember 7"]).status == 0)
    let result = try CodexProcess.run(
      ["exec", "--json", "--skip-git-repo-check", "-m", "other-model", "resume", "--last", "and?"],
      environment: setup.environment, directory: setup.workspace)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains(#""text":"Again.""#))
    let last = try #require(setup.server.requests().last)
    #expect(model(last) == "other-model")
    #expect(inputs(last).contains("remember 7"))
  }

  @Test func aBlankPromptIsRefusedLikeAnEmptyStdin() throws {
    let setup = try setUp(#"[{"events": [{"text": "never"}]}]"#)
    defer { setup.server.stop() }
    for prompt in ["", "  \n "] {
      let result = try CodexProcess.run(
        ["exec", "--skip-git-repo-check", prompt], environment: setup.environment,
        directory: setup.workspace)
      #expect(result.status == 2)
      #expect(result.stderr.contains("the prompt is empty"))
    }
    #expect(setup.server.requests().isEmpty)
  }
}

extension SessionCommandTests {
  /// Where the session cannot be saved, the turn still runs and one plain warning says
  /// why (no Foundation error dump).
  @Test func aSessionThatCannotBeSavedStillRunsAndSaysWhy() throws {
    let setup = try setUp(#"[{"events": [{"text": "Ran anyway."}]}]"#)
    defer { setup.server.stop() }
    #expect(FileManager.default.createFile(atPath: setup.home + "/sessions", contents: Data()))
    let result = try repl(setup, ["hello"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("Ran anyway."))
    let all = result.stdout + result.stderr
    #expect(all.contains("warning: this session is not saved (cannot create "))
    #expect(all.contains(": Not a directory); it runs, but cannot be resumed"))
    #expect(!all.contains("NSCocoaErrorDomain"))
  }
}
