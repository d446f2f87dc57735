import Foundation
import TestSupport
import Testing

/// A `config.toml` written for today's Codex CLI works unchanged, and the keys with an
/// effect show it in the requests the scripted server records.
@Suite(.timeLimit(.minutes(10))) struct CodexConfigCompatibilityTests {
  static let fullConfig = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures/codex-full-config.toml").path

  /// A home holding the full reference config (its instructions file beside it).
  func fullHome() throws -> String {
    let home = try CodexProcess.makeHome(
      config: try Data(contentsOf: URL(fileURLWithPath: Self.fullConfig)))
    try "Be brief.\n".write(toFile: home + "/instructions.md", atomically: true, encoding: .utf8)
    // The catalog the config names, in Codex's format: the models its profiles use.
    let catalog = ["gpt-5.5", "gpt-6.1-sol", "gpt-5.6-luna"].map {
      #"{"slug": "\#($0)", "shell_type": "unified_exec", "apply_patch_tool_type": "freeform"}"#
    }
    try #"{"models": [\#(catalog.joined(separator: ", "))]}"#.write(
      toFile: home + "/models.json", atomically: true, encoding: .utf8)
    return home
  }

  @Test func everyKeyOfCodexsReferenceLoads() throws {
    let home = try fullHome()
    for profile in ["", "deep", "quick"] {
      let arguments = ["config"] + (profile.isEmpty ? [] : ["-p", profile])
      let result = try CodexProcess.run(arguments, environment: ["CODEX_HOME": home])
      #expect(result.status == 0, "\(profile): \(result.stderr)")
      #expect(!result.stderr.contains("unknown key"), "\(result.stderr)")
      #expect(!result.stderr.contains("error"), "\(result.stderr)")
    }
    let result = try CodexProcess.run(["config"], environment: ["CODEX_HOME": home])
    let warnings = result.stderr.split(separator: "\n").filter { $0.hasPrefix("warning:") }
    // One line per key not used here, each saying so and why.
    for line in warnings {
      #expect(line.contains("is accepted, not supported here: "), "\(line)")
    }
    for key in ["`otel`", "`analytics`", "`tui.keymap`", "`mcp_servers.docs.required`"] {
      #expect(warnings.filter { $0.contains(key) }.count == 1, "\(key)")
    }
    // The keys used here are listed with their origin.
    #expect(result.stdout.contains("model_reasoning_effort = xhigh"))
    #expect(result.stdout.contains("model_verbosity = low"))
    #expect(result.stdout.contains("features.shell_tool = true"))
    #expect(result.stdout.contains("tool_output_token_limit = 2500"))
  }

  @Test func everyReasoningEffortCodexKnowsIsAccepted() throws {
    for effort in ["none", "minimal", "low", "medium", "high", "xhigh", "max", "ultra"] {
      let home = try CodexProcess.makeHome(
        config: Data("[profiles.unused]\nmodel_reasoning_effort = \"\(effort)\"\n".utf8))
      let result = try CodexProcess.run(
        ["config", "-c", "model_reasoning_effort=\(effort)"], environment: ["CODEX_HOME": home])
      #expect(result.status == 0, "\(effort): \(result.stderr)")
    }
  }

  @Test func theDefaultModelIsTheFirstCodexDrivesWithFunctionTools() throws {
    let home = try CodexProcess.makeHome()
    let result = try CodexProcess.run(["config"], environment: ["CODEX_HOME": home])
    #expect(result.stdout.contains("model = gpt-5.5"), "\(result.stdout)")
  }

  @Test func featuresAreEditedInPlace() throws {
    let home = try CodexProcess.makeHome(
      config: Data("# mine\nmodel = \"m\" # keep this\n\n[features]\nundo = true\n".utf8))
    let disable = try CodexProcess.run(
      ["features", "disable", "shell_tool"], environment: ["CODEX_HOME": home])
    #expect(disable.status == 0, "\(disable.stderr)")
    let text = try String(contentsOfFile: home + "/config.toml", encoding: .utf8)
    #expect(text.hasPrefix("# mine\nmodel = \"m\" # keep this\n"))
    #expect(text.contains("undo = true\nshell_tool = false"), "\(text)")
    let list = try CodexProcess.run(["features", "list"], environment: ["CODEX_HOME": home])
    let line = list.stdout.split(separator: "\n").first { $0.hasPrefix("shell_tool ") }
    #expect(line?.contains(" off ") == true, "\(list.stdout)")
    let unknown = try CodexProcess.run(
      ["features", "enable", "shell_tol"], environment: ["CODEX_HOME": home])
    #expect(unknown.status != 0)
    #expect(unknown.stderr.contains("did you mean `shell_tool`"))
  }

  @Test func aProjectsTrustLevelSetsItsDefaults() throws {
    let trusted = try TestDirectory.make("codex-trusted")
    let untrusted = try TestDirectory.make("codex-untrusted")
    let home = try CodexProcess.makeHome(
      config: Data(
        """
        [projects."\(trusted)"]
        trust_level = "trusted"
        [projects."\(untrusted)"]
        trust_level = "untrusted"
        """.utf8))
    let good = try CodexProcess.run(["config", "-C", trusted], environment: ["CODEX_HOME": home])
    #expect(good.stdout.contains("approval_policy = on-request"), "\(good.stdout)")
    #expect(good.stdout.contains("sandbox_mode = workspace-write"))
    #expect(good.stdout.contains("(trusted project)"))
    let bad = try CodexProcess.run(["config", "-C", untrusted], environment: ["CODEX_HOME": home])
    #expect(bad.stdout.contains("approval_policy = untrusted"))
    #expect(bad.stdout.contains("sandbox_mode = read-only"))
    // A flag still wins.
    let flagged = try CodexProcess.run(
      ["config", "-C", trusted, "-s", "read-only"], environment: ["CODEX_HOME": home])
    #expect(flagged.stdout.contains("sandbox_mode = read-only"))
  }
}
