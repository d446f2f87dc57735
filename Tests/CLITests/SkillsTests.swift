import Foundation
import TestSupport
import Testing

/// Skills as Codex offers them: every skill's name and description in the first
/// request, a skill's body only in the turn that uses it (`$NAME`, `/skills NAME`); a
/// trusted project's skill overrides the user's of the same name.
@Suite(.timeLimit(.minutes(10))) struct SkillsTests {
  @Test func descriptionsFirstBodiesOnUse() throws {
    let server = try ScriptedModelServer(
      responses:
        #"[{"events": [{"text": "a"}]}, {"events": [{"text": "b"}]}, {"events": [{"text": "c"}]}]"#)
    defer { server.stop() }
    let home = try CodexProcess.makeHome(
      config: Data(
        """
        model = "gpt-5.5"
        model_provider = "s"
        [model_providers.s]
        base_url = "\(server.baseURL)"
        wire_api = "responses"
        """.utf8))
    let skill = home + "/skills/notes"
    try FileManager.default.createDirectory(atPath: skill, withIntermediateDirectories: true)
    try
      "---\nname: release-notes\ndescription: \"Writes release notes: the house way.\"\n---\nBODY-NOTES-7: end with a haiku.\n"
      .write(toFile: skill + "/SKILL.md", atomically: true, encoding: .utf8)
    let other = home + "/skills/lint"
    try FileManager.default.createDirectory(atPath: other, withIntermediateDirectories: true)
    try "---\nname: lint\ndescription: Runs the linter.\n---\nBODY-LINT-3\n".write(
      toFile: other + "/SKILL.md", atomically: true, encoding: .utf8)
    let workspace = try TestDirectory.make("codex-skills")
    let input = "/skills\nhello\nplease use $release-notes now\n/skills lint\nand this\n"
    let result = try CodexProcess.run(
      [], stdin: Data(input.utf8), environment: ["CODEX_HOME": home], directory: workspace)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("release-notes: Writes release notes: the house way."))
    let bodies = server.requests().map {
      String(
        data: (try? JSONSerialization.data(withJSONObject: $0["body"] ?? [:])) ?? Data(),
        encoding: .utf8) ?? ""
    }
    try #require(bodies.count == 3)
    #expect(bodies[0].contains("release-notes: Writes release notes: the house way."))
    #expect(bodies[0].contains("lint: Runs the linter."))
    #expect(!bodies[0].contains("BODY-NOTES-7"))
    #expect(bodies[1].contains("BODY-NOTES-7"))
    #expect(bodies[1].contains("<name>release-notes<"))
    #expect(!bodies[1].contains("BODY-LINT-3"))
    #expect(bodies[2].contains("BODY-LINT-3"))
  }
}
