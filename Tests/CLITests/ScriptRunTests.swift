import Foundation
import TestSupport
import Testing

/// `codex run` on real scripts against the scripted model server.
@Suite(.timeLimit(.minutes(10))) struct ScriptRunTests {
  static func workspace(_ files: [String: String] = [:]) throws -> String {
    let path = TestDirectory.path("codex-script")
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    for (name, text) in files {
      let file = path + "/" + name
      try FileManager.default.createDirectory(
        atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      try text.write(toFile: file, atomically: true, encoding: .utf8)
    }
    return path
  }

  static func config(_ server: ScriptedModelServer) -> Data {
    Data(
      """
      model = "main-model"
      model_provider = "alpha"
      [model_providers.alpha]
      base_url = "\(server.baseURL)"
      wire_api = "responses"
      [model_providers.beta]
      base_url = "\(server.baseURL)"
      wire_api = "chat"
      [profiles.other]
      model = "other-model"
      model_provider = "beta"
      """.utf8)
  }

  static func body(_ request: [String: Any]) throws -> String {
    let body = try #require(request["body"] as? [String: Any])
    return String(decoding: try JSONSerialization.data(withJSONObject: body), as: UTF8.self)
  }

  @Test func aProfileSwitchSendsTheNextPromptToTheOtherProviderWithTheHistory() throws {
    let server = try ScriptedModelServer(
      responses:
        #"[{"events": [{"text": "First answer."}]}, {"events": [{"text": "Second answer."}]}]"#)
    defer { server.stop() }
    let home = try CodexProcess.makeHome(config: Self.config(server))
    let directory = try Self.workspace([
      "switch.codex": "first question\n/profile other\nsecond question\n/expect reply /Second/\n"
    ])
    let result = try CodexProcess.run(
      ["run", "switch.codex"], environment: ["CODEX_HOME": home], directory: directory)
    #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    #expect(result.stdout.contains("▶ switch.codex:2 /profile other"))
    let requests = server.requests()
    #expect(requests.count == 2)
    #expect((requests[1]["path"] as? String)?.hasSuffix("/chat/completions") == true)
    let second = try Self.body(requests[1])
    #expect(second.contains("other-model"))
    #expect(second.contains("first question") && second.contains("First answer."))
  }

  @Test func aFailingExpectationExitsOneAndTheJUnitReportNamesTheStep() throws {
    let server = try ScriptedModelServer(responses: #"[{"events": [{"text": "All good."}]}]"#)
    defer { server.stop() }
    let home = try CodexProcess.makeHome(config: Self.config(server))
    let directory = try Self.workspace([
      "check.codex": "say something\n/expect reply /changelog/\n!touch never-reached\n"
    ])
    let result = try CodexProcess.run(
      ["run", "check.codex", "--junit", "report.xml"], environment: ["CODEX_HOME": home],
      directory: directory)
    #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
    #expect(
      result.stdout.contains("check.codex:2 failed: the last reply does not match /changelog/"))
    #expect(!FileManager.default.fileExists(atPath: directory + "/never-reached"))
    let report = try String(contentsOfFile: directory + "/report.xml", encoding: .utf8)
    // The step after the stop is in the report, marked not run.
    #expect(report.contains("tests=\"3\" failures=\"1\" errors=\"0\" skipped=\"1\""), "\(report)")
    #expect(report.contains("name=\"check.codex:3 !touch never-reached\""), "\(report)")
    #expect(report.contains("<skipped message="), "\(report)")
    #expect(
      result.stdout.contains("2 steps, 1 failed, exit 1 (1 step not run)"), "\(result.stdout)")
    #expect(
      report.contains(
        "name=\"check.codex:2 /expect reply /changelog/\" time=\"")
        && report.contains("<failure message=\"the last reply does not match /changelog/\">"))
  }

  @Test func anInvalidScriptExitsTwoListingEveryProblemAndRunsNothing() throws {
    let server = try ScriptedModelServer(responses: #"[{"events": [{"text": "unused"}]}]"#)
    defer { server.stop() }
    let home = try CodexProcess.makeHome(config: Self.config(server))
    let script = """
      !touch ran-anyway
      A prompt.

      # comments do not count

      /approve never
      /modle o3
      Use $2 here.
      \"\"\"
      never closed
      """
    let directory = try Self.workspace(["bad.codex": script])
    let result = try CodexProcess.run(
      ["run", "bad.codex", "only-one"], environment: ["CODEX_HOME": home], directory: directory)
    #expect(result.status == 2)
    #expect(result.stderr.contains("bad.codex:7:1: unknown command /modle; did you mean /model?"))
    #expect(result.stderr.contains("bad.codex:8:5: $2 is not bound: the script got 1 argument"))
    #expect(result.stderr.contains("bad.codex:9:1: this \"\"\" block is never closed"))
    #expect(result.stderr.contains("3 problems in bad.codex; nothing was run"))
    #expect(!FileManager.default.fileExists(atPath: directory + "/ran-anyway"))
    #expect(server.requests().isEmpty)
  }

  @Test func onErrorContinueRunsPastAFailingStepAndStillExitsOne() throws {
    let directory = try Self.workspace([
      "go-on.codex": "/onerror continue\n!false\n!touch after-the-failure\n/exit\n"
    ])
    let home = try CodexProcess.makeHome()
    let result = try CodexProcess.run(
      ["run", "go-on.codex", "-s", "workspace-write"], environment: ["CODEX_HOME": home],
      directory: directory)
    #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
    #expect(FileManager.default.fileExists(atPath: directory + "/after-the-failure"))
    #expect(result.stdout.contains("go-on.codex: 4 steps, 1 failed, exit 1"))
  }

  @Test func theShebangFormAndExitCodes() throws {
    let directory = try Self.workspace(["done.codex": "#!/usr/bin/env codex\n/exit $1\n"])
    let home = try CodexProcess.makeHome()
    let result = try CodexProcess.run(
      ["done.codex", "7"], environment: ["CODEX_HOME": home], directory: directory)
    #expect(result.status == 7, "\(result.stdout)\(result.stderr)")
  }

  @Test func aRecordedRunReplaysWithTheServerStopped() throws {
    let patch =
      "*** Begin Patch\\n*** Add File: fixed.txt\\n+the fix\\n*** End Patch"
    let server = try ScriptedModelServer(
      responses:
        #"[{"events": [{"text": "Let me fix it. "}, {"function_call": {"name": "apply_patch", "call_id": "p1", "arguments": {"input": "\#(patch)"}}}]}, {"events": [{"text": "Fixed, see fixed.txt."}]}]"#
    )
    let home = try CodexProcess.makeHome(config: Self.config(server))
    let script =
      "/sandbox workspace-write\n/approve on-request\nFix the bug.\n/expect file fixed.txt /the fix/\n/expect reply /Fixed/\n"
    let recordDirectory = try Self.workspace(["fix.codex": script])
    let cassette = recordDirectory + "/fix.cassette"
    let recorded = try CodexProcess.run(
      ["run", "fix.codex", "--record", cassette], environment: ["CODEX_HOME": home],
      directory: recordDirectory)
    server.stop()
    #expect(recorded.status == 0, "\(recorded.stdout)\(recorded.stderr)")

    // Elsewhere, with no server and no key: the same files and the same output.
    let replayDirectory = try Self.workspace(["fix.codex": script])
    let replayed = try CodexProcess.run(
      ["run", "fix.codex", "--replay", cassette],
      environment: [
        "CODEX_HOME": try CodexProcess.makeHome(config: Data("model = \"main-model\"\n".utf8))
      ],
      directory: replayDirectory)
    #expect(replayed.status == 0, "\(replayed.stdout)\(replayed.stderr)")
    #expect(
      try String(contentsOfFile: replayDirectory + "/fixed.txt", encoding: .utf8)
        == String(contentsOfFile: recordDirectory + "/fixed.txt", encoding: .utf8))
    func withoutTimes(_ text: String) -> String {
      text.replacingOccurrences(of: "[0-9]+\\.[0-9]+s", with: "Ns", options: .regularExpression)
    }
    #expect(withoutTimes(replayed.stdout) == withoutTimes(recorded.stdout))

    // A changed script leaves the cassette, and the step that asked is named.
    let changedDirectory = try Self.workspace([
      "fix.codex": script.replacingOccurrences(of: "Fix the bug.", with: "Break the build.")
    ])
    let diverged = try CodexProcess.run(
      ["run", "fix.codex", "--replay", cassette],
      environment: ["CODEX_HOME": try CodexProcess.makeHome()],
      directory: changedDirectory)
    #expect(diverged.status == 1)
    #expect(diverged.stdout.contains("✗ fix.codex:3 failed: the run left the cassette"))

    // codex exec takes the same flags.
    let exec = try CodexProcess.run(
      [
        "exec", "--skip-git-repo-check", "-s", "workspace-write", "--replay", cassette,
        "Fix the bug.",
      ],
      environment: ["CODEX_HOME": try CodexProcess.makeHome()], directory: try Self.workspace())
    #expect(exec.status == 0, "\(exec.stderr)")
    #expect(exec.stdout == "Fixed, see fixed.txt.\n")
  }
}

@Suite(.timeLimit(.minutes(10))) struct CompletionScriptTests {
  @Test(arguments: ["bash", "zsh", "fish"])
  func printsAScriptThatNamesTheSubcommands(_ shell: String) throws {
    let result = try CodexProcess.run(["completion", shell])
    #expect(result.status == 0)
    #expect(result.stdout.contains("exec") && result.stdout.contains("run"))
  }

  @Test func refusesAnUnknownShell() throws {
    #expect(try CodexProcess.run(["completion", "tcsh"]).status == 2)
  }
}

@Suite(.timeLimit(.minutes(10))) struct NotifyTests {
  @Test func theNotifyProgramGetsTheTurnAsJSON() throws {
    let server = try ScriptedModelServer(responses: #"[{"events": [{"text": "All done."}]}]"#)
    defer { server.stop() }
    let directory = try ScriptRunTests.workspace()
    let out = directory + "/notify.json"
    let config =
      String(decoding: ScriptRunTests.config(server), as: UTF8.self)
      .replacingOccurrences(
        of: "model = \"main-model\"",
        with:
          "model = \"main-model\"\nnotify = [\"sh\", \"-c\", \"printf '%s' \\\"$1\\\" > \(out)\", \"notify\"]"
      )
    let home = try CodexProcess.makeHome(config: Data(config.utf8))
    let result = try CodexProcess.run(
      ["exec", "--skip-git-repo-check", "finish up"], environment: ["CODEX_HOME": home],
      directory: directory)
    #expect(result.status == 0, "\(result.stderr)")
    let payload =
      try JSONSerialization.jsonObject(with: try Data(contentsOf: URL(fileURLWithPath: out)))
      as? [String: Any]
    #expect(payload?["type"] as? String == "agent-turn-complete")
    #expect(payload?["last-assistant-message"] as? String == "All done.")
    #expect(payload?["input-messages"] as? [String] == ["finish up"])
    #expect((payload?["turn-id"] as? String)?.isEmpty == false)
    #expect((payload?["thread-id"] as? String)?.count == 36)
    #expect(payload?["cwd"] as? String == directory)
  }
}

@Suite(.timeLimit(.minutes(10))) struct NestedScriptTests {
  @Test func runIncludesAScriptWithItsOwnArguments() throws {
    let directory = try ScriptRunTests.workspace([
      "main.codex":
        "/sandbox workspace-write\n/onerror continue\n!false\n/run parts/child.codex made\n",
      "parts/child.codex": "!touch $1\n",
    ])
    let result = try CodexProcess.run(
      ["run", "main.codex"], environment: ["CODEX_HOME": try CodexProcess.makeHome()],
      directory: directory)
    #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
    #expect(FileManager.default.fileExists(atPath: directory + "/made"))
    #expect(result.stdout.contains("▶ parts/child.codex:1 !touch $1"))
    // Only the failing shell step failed; the included script passed.
    #expect(result.stdout.contains("main.codex: 5 steps, 1 failed, exit 1"))
  }

  @Test func aFailedStepOfAnIncludedScriptStopsTheScript() throws {
    // The included script goes on past its own failure, then stops on errors again; the
    // main script, stopping on errors, stops after it.
    let directory = try ScriptRunTests.workspace([
      "main.codex": "/sandbox workspace-write\n/run child.codex\n!touch after-the-child\n",
      "child.codex": "/onerror continue\n!false\n/onerror stop\n",
    ])
    let result = try CodexProcess.run(
      ["run", "main.codex"], environment: ["CODEX_HOME": try CodexProcess.makeHome()],
      directory: directory)
    #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
    #expect(!FileManager.default.fileExists(atPath: directory + "/after-the-child"))
  }
}
