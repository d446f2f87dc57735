import Foundation
import TestSupport
import Testing

/// Command rules in Codex's `.rules` format, through the binary: `codex execpolicy
/// check` prints what the real CLI prints; `forbidden` refuses under every approval
/// policy, `allow` skips the question, and "always allow" writes a rule the next
/// session honours.
@Suite(.timeLimit(.minutes(10))) struct RulesTests {
  static let rules = """
    # Pushing is for people.
    prefix_rule(
        pattern = ["git", "push"],
        decision = "forbidden",
    )
    prefix_rule(pattern = ["git", ["status", "log"]], decision = "allow")
    prefix_rule(
        pattern = ["npm", "test"],
        decision = "prompt",
        justification = "tests touch the network",
        match = ["npm test", "npm test --watch"],
        not_match = [["npm", "run", "test"]],
    )
    prefix_rule(pattern = ["touch"])
    """

  static func home(server: ScriptedModelServer, approval: String, rules: String?) throws -> String {
    let home = try CodexProcess.makeHome(
      server: server, model: "gpt-5.5",
      extra: "approval_policy = \"\(approval)\"\nsandbox_mode = \"workspace-write\"")
    if let rules {
      try FileManager.default.createDirectory(
        atPath: home + "/rules", withIntermediateDirectories: true)
      try rules.write(toFile: home + "/rules/default.rules", atomically: true, encoding: .utf8)
    }
    return home
  }

  @Test func checkPrintsWhatCodexPrints() throws {
    let dir = try TestDirectory.make("codex-rules-check")
    try Self.rules.write(toFile: dir + "/a.rules", atomically: true, encoding: .utf8)
    let commands = [
      ["git", "push", "origin", "main"], ["git", "status"], ["ls", "-la"], ["npm", "test"],
      ["touch", "x"], ["git", "log", "-1"],
    ]
    for command in commands {
      let ours = try CodexProcess.run(
        ["execpolicy", "check", "--rules", dir + "/a.rules"] + command, directory: dir)
      #expect(ours.status == 0, "\(ours.stderr)")
      guard let real = RealCodexCLI.path else { continue }
      let theirs = try Spawn.run(
        [real, "execpolicy", "check", "--rules", dir + "/a.rules"] + command, directory: dir)
      #expect(
        ours.stdout.trimmingCharacters(in: .newlines)
          == theirs.output.trimmingCharacters(in: .newlines), "\(command)")
    }
    let forbidden = try CodexProcess.run(
      ["execpolicy", "check", "-r", dir + "/a.rules", "git", "push"], directory: dir)
    #expect(forbidden.stdout.contains(#""decision":"forbidden""#))
    // A broken file: where and what, and codex does not start with it.
    try "prefix_rule(pattern = [\"npm\"], decision = \"maybe\")\n".write(
      toFile: dir + "/b.rules", atomically: true, encoding: .utf8)
    let broken = try CodexProcess.run(
      ["execpolicy", "check", "--rules", dir + "/b.rules", "npm"], directory: dir)
    #expect(broken.status == 1)
    #expect(broken.stderr.contains("b.rules:1:1: invalid decision: maybe"), "\(broken.stderr)")
  }

  @Test(arguments: ["never", "on-request", "untrusted", "on-failure"])
  func forbiddenIsRefusedUnderEveryPolicy(_ approval: String) throws {
    let server = try ScriptedModelServer(
      responses: #"""
        [{"events": [{"function_call": {"name": "exec_command", "call_id": "c1", "arguments": {"cmd": "git push origin main"}}}]},
         {"events": [{"text": "ok"}]}]
        """#)
    defer { server.stop() }
    let home = try Self.home(server: server, approval: approval, rules: Self.rules)
    let workspace = try TestDirectory.make("codex-rules-forbidden")
    let result = try CodexProcess.run(
      ["exec", "--skip-git-repo-check", "push it"], environment: ["CODEX_HOME": home],
      directory: workspace)
    #expect(result.status == 0, "\(result.stderr)")
    let body = String(
      data: try JSONSerialization.data(withJSONObject: server.requests()[1]["body"] ?? [:]),
      encoding: .utf8)
    #expect(
      body?.contains("policy forbids commands starting with `git push`") == true, "\(body ?? "")")
    // With the rules ignored, the command is not refused by a rule.
    let ignored = try ScriptedModelServer(
      responses: #"""
        [{"events": [{"function_call": {"name": "exec_command", "call_id": "c1", "arguments": {"cmd": "git push origin main"}}}]},
         {"events": [{"text": "ok"}]}]
        """#)
    defer { ignored.stop() }
    let home2 = try Self.home(server: ignored, approval: approval, rules: Self.rules)
    _ = try CodexProcess.run(
      ["exec", "--skip-git-repo-check", "--ignore-rules", "push it"],
      environment: ["CODEX_HOME": home2], directory: workspace)
    let second = String(
      data: try JSONSerialization.data(withJSONObject: ignored.requests().last?["body"] ?? [:]),
      encoding: .utf8)
    #expect(second?.contains("policy forbids") == false)
  }

  /// Under `untrusted`, a command an `allow` rule covers runs without a question; one
  /// answered "always allow commands starting with `touch`" is written as a rule that
  /// the next session honours.
  @Test func allowRulesAndAlwaysAllow() throws {
    let script = #"""
      [{"events": [{"function_call": {"name": "exec_command", "call_id": "c1", "arguments": {"cmd": "touch first.txt", "prefix_rule": ["touch"]}}}]},
       {"events": [{"text": "made"}]}]
      """#
    let workspace = try TestDirectory.make("codex-rules-allow")
    let server = try ScriptedModelServer(responses: script)
    defer { server.stop() }
    let home = try Self.home(server: server, approval: "untrusted", rules: nil)
    let asked = try CodexProcess.run(
      [], stdin: Data("make a file\np\n".utf8), environment: ["CODEX_HOME": home],
      directory: workspace)
    #expect(asked.status == 0, "\(asked.stderr)")
    #expect(
      asked.stdout.contains("[p] always allow commands starting with `touch`"), "\(asked.stdout)")
    #expect(FileManager.default.fileExists(atPath: workspace + "/first.txt"))
    let written = try String(contentsOfFile: home + "/rules/default.rules", encoding: .utf8)
    #expect(written == "prefix_rule(pattern=[\"touch\"], decision=\"allow\")\n")

    // The next session: same home, no question.
    let next = try ScriptedModelServer(
      responses: script.replacingOccurrences(of: "first.txt", with: "second.txt"))
    defer { next.stop() }
    let config = try String(contentsOfFile: home + "/config.toml", encoding: .utf8)
    try config.replacingOccurrences(of: server.baseURL, with: next.baseURL).write(
      toFile: home + "/config.toml", atomically: true, encoding: .utf8)
    let again = try CodexProcess.run(
      [], stdin: Data("make another\n".utf8), environment: ["CODEX_HOME": home],
      directory: workspace)
    #expect(again.status == 0, "\(again.stderr)")
    #expect(!again.stdout.contains("The model wants to run"), "\(again.stdout)")
    #expect(FileManager.default.fileExists(atPath: workspace + "/second.txt"))
  }
}
