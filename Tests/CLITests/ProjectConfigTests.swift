import Foundation
import TestSupport
import Testing

/// A project's `.codex/config.toml` files apply when the project is trusted — from its
/// root down to the working directory, over the user's config.toml — and are skipped,
/// with one line saying so, when it is not.
@Suite(.timeLimit(.minutes(10))) struct ProjectConfigTests {
  @Test(arguments: ["trusted", "untrusted", nil])
  func aProjectConfigAppliesOnlyWhenTrusted(_ trust: String?) throws {
    let server = try ScriptedModelServer(responses: #"[{"events": [{"text": "ok"}]}]"#)
    defer { server.stop() }
    let project = try TestDirectory.make("codex-project-config")
    defer { try? FileManager.default.removeItem(atPath: project) }
    try FileManager.default.createDirectory(
      atPath: project + "/.git", withIntermediateDirectories: true)
    try FileManager.default.createDirectory(
      atPath: project + "/sub/.codex", withIntermediateDirectories: true)
    try FileManager.default.createDirectory(
      atPath: project + "/.codex", withIntermediateDirectories: true)
    try "model = \"project-model\"\nmodel_reasoning_effort = \"high\"\n".write(
      toFile: project + "/.codex/config.toml", atomically: true, encoding: .utf8)
    try "model_reasoning_effort = \"low\"\n".write(
      toFile: project + "/sub/.codex/config.toml", atomically: true, encoding: .utf8)
    let trustTable = trust.map { "[projects.\"\(project)\"]\ntrust_level = \"\($0)\"\n" } ?? ""
    let home = try CodexProcess.makeHome(server: server, model: "user-model", extra: trustTable)
    let result = try CodexProcess.run(
      ["exec", "--skip-git-repo-check", "hi"], environment: ["CODEX_HOME": home],
      directory: project + "/sub")
    #expect(result.status == 0, "\(result.stderr)")
    let body = try #require(server.requests().first?["body"] as? [String: Any])
    if trust == "trusted" {
      #expect(body["model"] as? String == "project-model")
      let shown = try CodexProcess.run(
        ["config"], environment: ["CODEX_HOME": home], directory: project + "/sub")
      #expect(
        shown.stdout.contains("model_reasoning_effort = low")
          && shown.stdout.contains(
            "(\(project)/sub/.codex/config.toml:1)"),
        "\(shown.stdout)")
      #expect(!result.stderr.contains("project config skipped"))
    } else {
      #expect(body["model"] as? String == "user-model")
      #expect(
        result.stderr.components(separatedBy: "project config skipped").count == 2,
        "\(result.stderr)")
    }
  }
}
