import Foundation
import TestSupport
import Testing

/// `codex` with lines on stdin (no terminal): the interpreter end to end.
@Suite(.timeLimit(.minutes(10))) struct ReplPipeTests {
  @Test func promptsCommandsApprovalsAndShellLines() throws {
    let server = try ScriptedModelServer(
      responses: #"""
        [{"events": [{"text": "Hello "}, {"text": "there."}]},
         {"events": [{"function_call": {"name": "shell", "call_id": "c1", "arguments": {"command": ["touch", "made-by-model"]}}}]},
         {"events": [{"text": "Made it."}]}]
        """#)
    defer { server.stop() }
    let config =
      "model = \"m\"\nmodel_provider = \"s\"\n[model_providers.s]\nbase_url = \"\(server.baseURL)\"\nwire_api = \"responses\"\n"
    let home = try CodexProcess.makeHome(config: Data(config.utf8))
    let workspace = TestDirectory.path("codex-repl")
    try FileManager.default.createDirectory(atPath: workspace, withIntermediateDirectories: true)
    let input =
      "hi\n/modle\n/approve untrusted\n/sandbox workspace-write\nmake a file\ny\n/status\n!echo from-shell\n/quit\nnever read\n"
    let result = try CodexProcess.run(
      [], stdin: Data(input.utf8), environment: ["CODEX_HOME": home], directory: workspace)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("Hello there.\n"))
    #expect(result.stdout.contains("unknown command /modle; did you mean /model?"))
    #expect(result.stdout.contains("approval policy: untrusted"))
    #expect(result.stdout.contains("because: not a known read-only command"))
    #expect(result.stdout.contains("Made it."))
    #expect(result.stdout.contains("from-shell\nexit 0"))
    #expect(FileManager.default.fileExists(atPath: workspace + "/made-by-model"))
    #expect(server.requests().count == 3)
    // The second request carries the first exchange: the conversation continues.
    let body = try #require(server.requests()[1]["body"] as? [String: Any])
    let text = String(decoding: try JSONSerialization.data(withJSONObject: body), as: UTF8.self)
    #expect(text.contains("Hello there."))
  }

  @Test(arguments: [false, true])
  func rawReasoningIsShownOnlyWhenAskedFor(_ shown: Bool) throws {
    let server = try ScriptedModelServer(
      responses: #"[{"events": [{"raw_reasoning": "RAW-THOUGHT-9 "}, {"text": "Answer."}]}]"#)
    defer { server.stop() }
    let config =
      "show_raw_agent_reasoning = \(shown)\nmodel = \"m\"\nmodel_provider = \"s\"\n[model_providers.s]\nbase_url = \"\(server.baseURL)\"\nwire_api = \"responses\"\n"
    let home = try CodexProcess.makeHome(config: Data(config.utf8))
    let result = try CodexProcess.run(
      [], stdin: Data("think aloud\n".utf8), environment: ["CODEX_HOME": home], directory: home)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("Answer."))
    #expect(result.stdout.contains("RAW-THOUGHT-9") == shown, "\(result.stdout)")
  }

  @Test func customPromptsAsCodexSpellsThem() throws {
    let server = try ScriptedModelServer(responses: #"[{"events": [{"text": "Reviewed."}]}]"#)
    defer { server.stop() }
    let config =
      "model = \"m\"\nmodel_provider = \"s\"\n[model_providers.s]\nbase_url = \"\(server.baseURL)\"\nwire_api = \"responses\"\n"
    let home = try CodexProcess.makeHome(config: Data(config.utf8))
    try FileManager.default.createDirectory(
      atPath: home + "/prompts", withIntermediateDirectories: true)
    try
      "---\ndescription: review one file\nargument-hint: FILE=<path> [FOCUS=<area>]\n---\nReview $FILE, mostly $FOCUS.\n"
      .write(toFile: home + "/prompts/review-file.md", atomically: true, encoding: .utf8)
    let result = try CodexProcess.run(
      [],
      stdin: Data("/help review-file\n/prompts:review-file FILE=src/a.swift FOCUS=naming\n".utf8),
      environment: ["CODEX_HOME": home], directory: home)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("/review-file FILE=<path> [FOCUS=<area>]"), "\(result.stdout)")
    let body = "\(server.requests().first?["body"] ?? "")"
    #expect(body.contains("Review src/a.swift, mostly naming."), "\(body)")
  }
}
