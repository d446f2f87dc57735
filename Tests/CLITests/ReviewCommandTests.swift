import Foundation
import TestSupport
import Testing

/// `codex exec review` / `codex review` against the scripted server: what the reviewer
/// is sent, the findings it reports, and the exit status CI acts on.
@Suite(.timeLimit(.minutes(10))) struct ReviewCommandTests {
  /// A finding in Codex's review shape, as the scripted server sends it.
  static func finding(_ title: String, priority: Int, path: String, line: Int) -> String {
    """
    {"title": "\(title)", "body": "Why it matters.", "confidence_score": 0.8,
     "priority": \(priority),
     "code_location": {"absolute_file_path": "\(path)", "line_range": {"start": \(line), "end": \(line)}}}
    """
  }

  static func answer(_ findings: [String], verdict: String = "patch is incorrect") -> String {
    """
    [{"events": [{"review": {"findings": [\(findings.joined(separator: ","))],
      "overall_correctness": "\(verdict)", "overall_explanation": "Because.",
      "overall_confidence_score": 0.7}}]}]
    """
  }

  /// A repository with one commit on `main`, then a staged change to a.txt and an
  /// untracked b.txt.
  static func repository() throws -> String {
    let path = try TestDirectory.make("codex-review")
    let setup = try Spawn.run(
      [
        "/bin/sh", "-c",
        """
        git init -q -b main && printf 'one\\ntwo\\nthree\\n' > a.txt && git add . \
        && git -c user.name=t -c user.email=t@t commit -qm init \
        && printf 'one\\nTWO\\nthree\\n' > a.txt && git add a.txt && printf 'fresh\\n' > b.txt
        """,
      ], directory: path)
    #expect(setup.status == 0, "\(setup.output)")
    return path
  }

  static func home(_ server: ScriptedModelServer, _ extra: String = "") throws -> String {
    try CodexProcess.makeHome(server: server, model: "main-model", extra: extra)
  }

  /// The text of the request's last user message.
  static func lastUserText(_ request: [String: Any]) throws -> String {
    let body = try #require(request["body"] as? [String: Any])
    let input = try #require(body["input"] as? [[String: Any]])
    let user = try #require(input.last { $0["role"] as? String == "user" })
    let content = try #require(user["content"] as? [[String: Any]])
    return content.compactMap { $0["text"] as? String }.joined()
  }

  @Test func uncommittedSendsStagedAndUntrackedDiffsAndPrintsTheFindingsItem() throws {
    let repo = try Self.repository()
    let server = try ScriptedModelServer(
      responses: Self.answer([
        Self.finding("[P1] Keep two lowercase", priority: 1, path: repo + "/a.txt", line: 2)
      ]))
    defer { server.stop() }
    let home = try Self.home(server, #"review_model = "review-model""#)
    let result = try CodexProcess.run(
      ["exec", "review", "--uncommitted", "--json"], environment: ["CODEX_HOME": home],
      directory: repo)
    #expect(result.status == 0, "\(result.stderr)")
    let request = try #require(server.requests().first)
    let text = try Self.lastUserText(request)
    #expect(text.contains("+TWO"), "the staged change is missing: \(text)")
    #expect(text.contains("diff --git a/b.txt b/b.txt") && text.contains("+fresh"))
    #expect(text.contains("- M a.txt") && text.contains("- A b.txt"))
    let body = try #require(request["body"] as? [String: Any])
    #expect(body["model"] as? String == "review-model")
    let tools = (body["tools"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
    #expect(tools.contains("shell") && !tools.contains("apply_patch"), "\(tools)")
    #expect(String(describing: body["input"] ?? "").contains("<sandbox_mode>read-only"))

    let lines = result.stdout.split(separator: "\n").map(String.init)
    #expect(lines.first?.contains("thread.started") == true)
    let item = try #require(lines.first { $0.contains(#""type":"review""#) })
    let parsed = try #require(
      try JSONSerialization.jsonObject(with: Data(item.utf8)) as? [String: Any])
    let fields = try #require(parsed["item"] as? [String: Any])
    let findings = try #require(fields["findings"] as? [[String: Any]])
    #expect(findings.count == 1)
    #expect(findings.first?["priority"] as? Int == 1)
    #expect(fields["overall_correctness"] as? String == "patch is incorrect")
    #expect(lines.last?.contains("turn.completed") == true)
    // The findings as text are the turn's final message, after the review item.
    let message = try #require(lines.lastIndex { $0.contains(#""type":"agent_message""#) })
    #expect(lines[message].contains("[P1] Keep two lowercase — a.txt:2"), "\(lines[message])")
    #expect(message > (lines.firstIndex { $0.contains(#""type":"review""#) } ?? Int.max))
    // The thread is the session that asked for the review: its log keeps the findings,
    // so `codex exec resume ID "fix the P1"` carries on from them.
    let started = try #require(
      try JSONSerialization.jsonObject(with: Data((lines.first ?? "").utf8)) as? [String: Any])
    let thread = try #require(started["thread_id"] as? String)
    let logs =
      (FileManager.default.enumerator(atPath: home + "/sessions")?.allObjects as? [String])
      ?? []
    let log = try #require(logs.first { $0.hasSuffix("-\(thread).jsonl") }, "\(logs)")
    let saved = try String(contentsOfFile: home + "/sessions/" + log, encoding: .utf8)
    #expect(saved.contains("[P1] Keep two lowercase"))
  }

  @Test func anAnswerNotInTheReviewFormatIsSaidSoOnceAndShown() throws {
    let repo = try Self.repository()
    let server = try ScriptedModelServer(
      responses: #"[{"events": [{"text": "Looks fine to me, nothing to add."}]}]"#)
    defer { server.stop() }
    let result = try CodexProcess.run(
      ["review", "--uncommitted"], environment: ["CODEX_HOME": try Self.home(server)],
      directory: repo)
    let all = result.stdout + result.stderr
    #expect(all.contains("did not answer in the review format"), "\(all)")
    #expect(!all.contains("no findings"), "\(all)")
    #expect(all.contains("Looks fine to me, nothing to add."), "\(all)")
  }

  @Test func failOnExitsOneAtThatPriorityAndZeroBelowIt() throws {
    let repo = try Self.repository()
    let urgent = try ScriptedModelServer(
      responses: Self.answer([Self.finding("[P1] Bad", priority: 1, path: "a.txt", line: 2)]))
    defer { urgent.stop() }
    let failing = try CodexProcess.run(
      ["exec", "review", "--uncommitted", "--fail-on", "P1"],
      environment: ["CODEX_HOME": try Self.home(urgent)], directory: repo)
    #expect(failing.status == 1, "\(failing.stderr)")
    #expect(failing.stdout.contains("[P1] Bad — a.txt:2"), "\(failing.stdout)")
    #expect(failing.stderr.contains("--fail-on P1"))

    let minor = try ScriptedModelServer(
      responses: Self.answer([Self.finding("[P3] Nit", priority: 3, path: "a.txt", line: 2)]))
    defer { minor.stop() }
    let passing = try CodexProcess.run(
      ["review", "--uncommitted", "--fail-on", "P1"],
      environment: ["CODEX_HOME": try Self.home(minor)], directory: repo)
    #expect(passing.status == 0, "\(passing.stderr)")
    #expect(passing.stdout.contains("[P3] Nit — a.txt:2"))
  }

  @Test func sarifOutputValidatesAgainstTheSchema() throws {
    try MCPPeers.require()
    let schema =
      (MCPPeers.venv as NSString).deletingLastPathComponent + "/sarif/sarif-schema-2.1.0.json"
    try #require(
      FileManager.default.fileExists(atPath: schema),
      "the SARIF schema is missing; run scripts/peers sarif-schema")
    let repo = try Self.repository()
    let server = try ScriptedModelServer(
      responses: Self.answer([
        Self.finding("[P0] Crash", priority: 0, path: repo + "/a.txt", line: 2),
        Self.finding("[P2] Slow", priority: 2, path: "b.txt", line: 1),
      ]))
    defer { server.stop() }
    let report = repo + "-review.sarif"
    let result = try CodexProcess.run(
      ["exec", "review", "--uncommitted", "--format", "sarif", "-o", report],
      environment: ["CODEX_HOME": try Self.home(server)], directory: repo)
    #expect(result.status == 0, "\(result.stderr)")
    let validator = """
      import json, sys, jsonschema
      schema = json.load(open(sys.argv[1]))
      document = json.load(open(sys.argv[2]))
      errors = list(jsonschema.Draft4Validator(schema).iter_errors(document))
      for error in errors: print(list(error.path), error.message)
      results = document["runs"][0]["results"]
      print("results", len(results), [r["ruleId"] for r in results],
            [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results])
      sys.exit(1 if errors else 0)
      """
    let printed = repo + "-printed.sarif"
    try result.stdout.write(toFile: printed, atomically: true, encoding: .utf8)
    for document in [printed, report] {
      let check = try Spawn.run([MCPPeers.python, "-c", validator, schema, document])
      #expect(check.status == 0, "\(check.output)")
      #expect(check.output.contains("results 2 ['P0', 'P2'] ['a.txt', 'b.txt']"), "\(check.output)")
    }
    // The validator is not blind: a log with a wrong version fails it.
    let broken = repo + "-broken.sarif"
    try result.stdout.replacingOccurrences(of: "\"2.1.0\"", with: "\"2.0\"").write(
      toFile: broken, atomically: true, encoding: .utf8)
    let refused = try Spawn.run([MCPPeers.python, "-c", validator, schema, broken])
    #expect(refused.status != 0)
  }

  @Test func baseBranchAndCommitReviewTheirOwnChanges() throws {
    let repo = try Self.repository()
    let setup = try Spawn.run(
      [
        "/bin/sh", "-c",
        """
        git stash -q -u && git checkout -q -b feature && printf 'one\\ntwo\\nthree\\nfour\\n' > a.txt \
        && git -c user.name=t -c user.email=t@t commit -qam 'add four'
        """,
      ], directory: repo)
    #expect(setup.status == 0, "\(setup.output)")
    let server = try ScriptedModelServer(responses: Self.answer([], verdict: "patch is correct"))
    defer { server.stop() }
    let home = try Self.home(server)
    let base = try CodexProcess.run(
      ["review", "--base", "main", "--format", "json"], environment: ["CODEX_HOME": home],
      directory: repo)
    #expect(base.status == 0, "\(base.stderr)")
    #expect(base.stdout.contains(#""overall_correctness": "patch is correct""#), "\(base.stdout)")
    let commit = try CodexProcess.run(
      ["exec", "review", "--commit", "HEAD", "look at the counting"],
      environment: ["CODEX_HOME": home], directory: repo)
    #expect(commit.status == 0, "\(commit.stderr)")
    #expect(commit.stdout.contains("no findings"))
    let requests = server.requests()
    #expect(requests.count == 2)
    let baseText = try Self.lastUserText(requests[0])
    #expect(baseText.contains("against the base branch main") && baseText.contains("+four"))
    let commitText = try Self.lastUserText(requests[1])
    #expect(commitText.contains("Focus of this review: look at the counting"))
    #expect(commitText.contains("+four") && !commitText.contains("+TWO"))
  }

  @Test func problemsAreClearAndSendNothing() throws {
    let repo = try Self.repository()
    let server = try ScriptedModelServer(responses: Self.answer([]))
    defer { server.stop() }
    let home = try Self.home(server)
    let unknown = try CodexProcess.run(
      ["exec", "review", "--base", "no-such-branch"], environment: ["CODEX_HOME": home],
      directory: repo)
    #expect(unknown.status == 1)
    #expect(unknown.stderr.contains("no branch \"no-such-branch\""), "\(unknown.stderr)")
    let none = try CodexProcess.run(["review"], environment: ["CODEX_HOME": home], directory: repo)
    #expect(none.status == 2)
    #expect(none.stderr.contains("--uncommitted, --base BRANCH, --commit SHA"), "\(none.stderr)")
    let badPriority = try CodexProcess.run(
      ["review", "--uncommitted", "--fail-on", "P7"], environment: ["CODEX_HOME": home],
      directory: repo)
    #expect(badPriority.status == 2)
    #expect(badPriority.stderr.contains("--fail-on takes P0, P1, P2 or P3"))
    let clean = try Spawn.run(["/bin/sh", "-c", "git stash -q -u"], directory: repo)
    #expect(clean.status == 0)
    // A clean tree is a finished review with nothing found: CI gates pass, the report
    // is still written, and the model is not asked.
    let nothing = try CodexProcess.run(
      ["review", "--uncommitted", "--fail-on", "P3", "--format", "json"],
      environment: ["CODEX_HOME": home], directory: repo)
    #expect(nothing.status == 0, "\(nothing.stderr)")
    #expect(nothing.stdout.contains(#""findings": []"#), "\(nothing.stdout)")
    #expect(
      nothing.stdout.contains("nothing to review: the working tree has no changes against HEAD"))
    #expect(server.requests().isEmpty)
  }
}
