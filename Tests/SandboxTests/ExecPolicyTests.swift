import Foundation
import Testing

@testable import Sandbox

/// Rules files read as Codex reads them, and the decisions they give before the
/// approval policy's.
@Suite(.timeLimit(.minutes(10))) struct ExecPolicyTests {
  func policy(_ text: String) throws -> ExecPolicy {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "rules-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let file = dir.appendingPathComponent("a.rules").path
    try text.write(toFile: file, atomically: true, encoding: .utf8)
    return try ExecPolicy.load(files: [file])
  }

  func error(_ text: String) -> String? {
    do {
      _ = try policy(text)
      return nil
    } catch {
      return "\(error)"
    }
  }

  @Test func strictestMatchDecides() throws {
    let rules = try policy(
      """
      prefix_rule(pattern=["npm"])  # allow by default
      prefix_rule(pattern=[["npm", "pnpm"], "publish"], decision="forbidden")
      prefix_rule(pattern=["git", ["push", "fetch"]], decision="prompt")
      """)
    #expect(rules.evaluate(["npm", "install"]).decision == .allow)
    #expect(rules.evaluate(["npm", "publish", "--tag", "x"]).decision == .forbidden)
    #expect(rules.evaluate(["pnpm", "publish"]).decision == .forbidden)
    #expect(rules.evaluate(["git", "fetch"]).decision == .prompt)
    #expect(rules.evaluate(["git"]).decision == nil)
    #expect(rules.evaluate(["/usr/bin/npm", "publish"]).decision == .forbidden)
    #expect(
      rules.evaluate(commands: [["/usr/bin/npm"]], resolveHostExecutables: false).decision == nil)
  }

  @Test func badFilesSayWhereAndWhat() {
    #expect(
      error("prefix_rule(pattern=[\"a\"]\n")?.contains("a.rules:2:1: expected `,` or `)`") == true)
    #expect(error("prefix_rule(pattern=[\"a])\n")?.contains(":1:22: string not closed") == true)
    #expect(error("deny(pattern=[\"a\"])")?.contains("unknown function `deny`") == true)
    #expect(
      error("prefix_rule(pattern=[\"a\"], when=\"x\")")?.contains("unknown argument `when`") == true
    )
    #expect(error("prefix_rule(pattern=[])")?.contains("non-empty list") == true)
    #expect(
      error("prefix_rule(pattern=[\"a\"], decision=\"deny\")")?.contains("invalid decision: deny")
        == true)
    #expect(
      error("prefix_rule(pattern=[\"gh\", \"pr\"], match=[\"gh issue\"])")?.contains(
        "`match` example `gh issue` does not match") == true)
    #expect(
      error("prefix_rule(pattern=[\"gh\", \"pr\"], not_match=[\"gh pr view\"])")?.contains(
        "`not_match` example `gh pr view` matches") == true)
  }

  @Test func scriptsAreLookedInto() throws {
    let rules = try policy(
      """
      prefix_rule(pattern=["git", "push"], decision="forbidden")
      prefix_rule(pattern=["make"], decision="allow")
      prefix_rule(pattern=["npm", "test"], decision="prompt")
      """)
    func decide(_ script: String, _ policy: ApprovalPolicy = .onRequest) -> ExecDecision {
      var request = ExecApprovalRequest(
        command: ["/bin/bash", "-lc", script], approvalPolicy: policy,
        sandboxMode: .workspaceWrite)
      request.rules = rules
      return ExecApproval.decide(request)
    }
    // A forbidden prefix anywhere in a script, however it is wrapped, refuses it.
    for script in [
      "git push origin main", "cd x && (git push origin main > /dev/null)",
      "A=1 git push", "echo $(git push)", "true; env GIT=1 git push -f",
    ] {
      guard case .refuse(let reason) = decide(script, .never) else {
        Issue.record("not refused: \(script)")
        continue
      }
      #expect(reason.contains("policy forbids commands starting with `git push`"))
    }
    // `allow` needs every part of a plain script covered.
    #expect(decide("make && make install", .untrusted) == .run(sandboxed: false))
    #expect(decide("make && rm -rf build", .untrusted) != .run(sandboxed: false))
    #expect(decide("make > log", .untrusted) != .run(sandboxed: false))
    // `prompt` asks, and cannot be asked under `never`.
    if case .ask(let reason, _) = decide("npm test") {
      #expect(reason.contains("requires approval by policy"))
    } else {
      Issue.record("npm test was not asked about")
    }
    if case .refuse = decide("npm test", .never) {} else { Issue.record("prompt under never ran") }
  }

  @Test func proposedRules() throws {
    let rules = try policy("prefix_rule(pattern=[\"git\", \"push\"], decision=\"prompt\")\n")
    // The model's proposal when it covers the command; too broad ones never.
    #expect(
      ExecApproval.proposedRule(
        for: ["bash", "-lc", "npm test -- --watch"], modelProposal: ["npm", "test"], rules: rules)
        == ["npm", "test"])
    #expect(
      ExecApproval.proposedRule(
        for: ["bash", "-lc", "python3 -c 'print(1)'"], modelProposal: ["python3"], rules: rules)
        == ["python3", "-c", "print(1)"])
    // The first part that is not read-only otherwise; none where a rule decided.
    #expect(
      ExecApproval.proposedRule(
        for: ["bash", "-lc", "ls && touch a"], modelProposal: nil, rules: rules) == ["touch", "a"])
    #expect(
      ExecApproval.proposedRule(for: ["git", "push"], modelProposal: nil, rules: rules) == nil)
  }

  @Test func alwaysAllowIsWrittenAsCodexWritesIt() throws {
    let rules = ExecPolicy.empty
    let file = FileManager.default.temporaryDirectory.appendingPathComponent(
      "rules-\(UUID().uuidString)/default.rules"
    ).path
    try rules.allowAlways(["git", "pull"], writingTo: file)
    try rules.allowAlways(["say", "a \"quoted\" word"], writingTo: file)
    #expect(
      try String(contentsOfFile: file, encoding: .utf8)
        == "prefix_rule(pattern=[\"git\", \"pull\"], decision=\"allow\")\n"
        + "prefix_rule(pattern=[\"say\", \"a \\\"quoted\\\" word\"], decision=\"allow\")\n")
    #expect(rules.evaluate(["git", "pull", "--rebase"]).decision == .allow)
    // What was written reads back as the same rules.
    let reread = try ExecPolicy.load(files: [file])
    #expect(reread.evaluate(["say", "a \"quoted\" word"]).decision == .allow)
  }
}
