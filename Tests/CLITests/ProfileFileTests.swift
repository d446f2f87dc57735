import Foundation
import TestSupport
import Testing

/// Profiles as Codex 0.163 reads them (`NAME.config.toml` beside config.toml, chosen with
/// `-p`), the `[profiles.NAME]` tables of earlier versions, and the move from one to the
/// other.
@Suite(.timeLimit(.minutes(10))) struct ProfileFileTests {
  /// A home whose config.toml points at `server`, with `extra` after its top-level keys.
  func home(_ server: ScriptedModelServer, extra: String = "") throws -> String {
    try CodexProcess.makeHome(server: server, model: "base-model", extra: extra)
  }

  func exec(_ home: String, _ arguments: [String]) throws -> CodexProcess.Result {
    try CodexProcess.run(
      ["exec", "--skip-git-repo-check"] + arguments + ["hi"], environment: ["CODEX_HOME": home])
  }

  @Test func aProfileFileIsLaidOverConfigToml() throws {
    let server = try ScriptedModelServer(responses: #"[{"events": [{"text": "ok"}]}]"#)
    defer { server.stop() }
    let home = try home(server)
    try "# fast answers\nmodel = \"gamma-model\"\nmodel_reasoning_effort = \"high\"\n".write(
      toFile: home + "/gamma.config.toml", atomically: true, encoding: .utf8)
    let result = try exec(home, ["-p", "gamma"])
    #expect(result.status == 0, "\(result.stderr)")
    let body = try #require(server.requests().first?["body"] as? [String: Any])
    #expect(body["model"] as? String == "gamma-model")
    // The provider still comes from config.toml; the origins name the profile's file.
    let shown = try CodexProcess.run(["config", "-p", "gamma"], environment: ["CODEX_HOME": home])
    #expect(shown.stdout.contains("model = gamma-model"), "\(shown.stdout)")
    #expect(shown.stdout.contains("(gamma.config.toml:2)"), "\(shown.stdout)")
    #expect(shown.stdout.contains("profile = gamma"), "\(shown.stdout)")
  }

  @Test func aProfileTableStillWorksWithANoteShownOnce() throws {
    let server = try ScriptedModelServer(responses: #"[{"events": [{"text": "ok"}]}]"#)
    defer { server.stop() }
    let home = try home(server)
    let config = try String(contentsOfFile: home + "/config.toml", encoding: .utf8)
    try (config + "\n[profiles.delta]\nmodel = \"delta-model\"\n").write(
      toFile: home + "/config.toml", atomically: true, encoding: .utf8)
    let first = try exec(home, ["-p", "delta"])
    #expect(first.status == 0, "\(first.stderr)")
    #expect(first.stderr.contains("codex config migrate-profiles"), "\(first.stderr)")
    let second = try exec(home, ["-p", "delta"])
    #expect(second.status == 0, "\(second.stderr)")
    #expect(!second.stderr.contains("migrate-profiles"), "\(second.stderr)")
    #expect(
      server.requests().compactMap { ($0["body"] as? [String: Any])?["model"] as? String } == [
        "delta-model", "delta-model",
      ])
  }

  @Test func aProfileDefinedBothWaysOrNowhereIsAnError() throws {
    let server = try ScriptedModelServer(responses: #"[{"events": [{"text": "ok"}]}]"#)
    defer { server.stop() }
    let home = try home(server, extra: "[profiles.twice]\nmodel = \"a\"\n")
    try "model = \"b\"\n".write(
      toFile: home + "/twice.config.toml", atomically: true, encoding: .utf8)
    let both = try exec(home, ["-p", "twice"])
    #expect(both.status == 2)
    #expect(both.stderr.contains("twice.config.toml"), "\(both.stderr)")
    #expect(both.stderr.contains("[profiles.twice]"), "\(both.stderr)")
    let nowhere = try exec(home, ["-p", "nope"])
    #expect(nowhere.status == 2)
    #expect(nowhere.stderr.contains("defined profiles: twice"), "\(nowhere.stderr)")
    #expect(server.requests().isEmpty)
  }

  @Test func migratedProfilesKeepTheirTextAndLoadTheSame() throws {
    let server = try ScriptedModelServer(responses: #"[{"events": [{"text": "ok"}]}]"#)
    defer { server.stop() }
    let home = try home(
      server,
      extra: """
        profile = "fast"

        [profiles.fast]
        # quick answers
        model = "fast-model"   # the small one
        model_reasoning_effort = "low"

        [profiles.fast.sandbox_workspace_write]
        network_access = true

        [profiles.deep]
        model = "deep-model"
        """)
    let before = try ["fast", "deep"].map {
      try CodexProcess.run(["config", "--json", "-p", $0], environment: ["CODEX_HOME": home])
    }
    let migrated = try CodexProcess.run(
      ["config", "migrate-profiles"], environment: ["CODEX_HOME": home])
    #expect(migrated.status == 0, "\(migrated.stderr)")
    #expect(migrated.stdout.contains("fast.config.toml"), "\(migrated.stdout)")
    let fast = try String(contentsOfFile: home + "/fast.config.toml", encoding: .utf8)
    #expect(
      fast
        == "# quick answers\nmodel = \"fast-model\"   # the small one\nmodel_reasoning_effort = \"low\"\n\n[sandbox_workspace_write]\nnetwork_access = true\n",
      "\(fast)")
    let config = try String(contentsOfFile: home + "/config.toml", encoding: .utf8)
    #expect(!config.contains("profiles"), "\(config)")
    #expect(!config.contains("profile ="), "\(config)")
    // The same settings come out, from the files now.
    for (index, name) in ["fast", "deep"].enumerated() {
      let after = try CodexProcess.run(
        ["config", "--json", "-p", name], environment: ["CODEX_HOME": home])
      #expect(after.status == 0, "\(after.stderr)")
      #expect(Self.values(after.stdout) == Self.values(before[index].stdout), "\(name)")
    }
    // A second run finds nothing to move and changes nothing.
    let again = try CodexProcess.run(
      ["config", "migrate-profiles"], environment: ["CODEX_HOME": home])
    #expect(again.stdout.contains("nothing to move"), "\(again.stdout)")
  }

  /// The settings of `codex config --json` without their origins.
  static func values(_ json: String) -> [String: String] {
    guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any],
      let settings = object["settings"] as? [String: Any]
    else { return [:] }
    var values: [String: String] = [:]
    for (key, value) in settings {
      values[key] = ((value as? [String: Any])?["value"]).map { "\($0)" } ?? "?"
    }
    return values
  }

  @Test func theShellCompletesProfileNamesOfBothKinds() throws {
    let home = try CodexProcess.makeHome(config: Data("[profiles.table-one]\nmodel = \"a\"\n".utf8))
    try "model = \"b\"\n".write(
      toFile: home + "/file-one.config.toml", atomically: true, encoding: .utf8)
    // What the completion scripts run for `codex --profile <Tab>`.
    let result = try CodexProcess.run(
      ["---completion", "--", "--profile", "2", "0"], environment: ["CODEX_HOME": home])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(Set(result.stdout.split(separator: "\n").map(String.init)) == ["table-one", "file-one"])
  }
}

