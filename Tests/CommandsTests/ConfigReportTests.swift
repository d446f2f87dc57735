import Agent
import Commands
import Foundation
import TOML
import Testing

@Suite(.timeLimit(.minutes(10))) struct ConfigReportTests {
  func configuration() throws -> Configuration {
    let home = FileManager.default.temporaryDirectory.appendingPathComponent(
      "codex-report-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    try "model = \"gpt-5\"\n[mcp_servers.docs]\ncommand = \"npx\"\nargs = [\"-y\", \"a b\"]\n"
      .write(
        to: home.appendingPathComponent("config.toml"), atomically: true, encoding: .utf8)
    var overrides = CommandLineOverrides()
    overrides.settings = ["approval_policy=never"]
    return try ConfigLoader(
      environment: ["CODEX_HOME": home.path], currentDirectory: "/", homeDirectory: "/"
    )
    .load(overrides)
  }

  @Test func linesShowValueAndOrigin() throws {
    let lines = ConfigReport(try configuration()).lines()
    #expect(lines.contains { $0.hasPrefix("model = gpt-5 ") && $0.hasSuffix("(config.toml:1)") })
    #expect(lines.contains { $0.hasPrefix("approval_policy = never ") && $0.hasSuffix("(-c)") })
    #expect(lines.contains { $0.hasPrefix("mcp_servers.docs.args = [\"-y\", \"a b\"] ") })
    #expect(
      lines.contains { $0.hasPrefix("sandbox_mode = read-only ") && $0.hasSuffix("(default)") })
  }

  @Test func jsonIsValidAndKeepsTypes() throws {
    let text = ConfigReport(try configuration()).json()
    let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
    let settings = try #require(object?["settings"] as? [String: [String: Any]])
    #expect(settings["model"]?["value"] as? String == "gpt-5")
    #expect(settings["model"]?["origin"] as? String == "config.toml:1")
    #expect(settings["project_doc_max_bytes"]?["value"] as? Int == 32768)
    #expect(settings["mcp_servers.docs.args"]?["value"] as? [String] == ["-y", "a b"])
  }

  @Test func displayQuotesOnlyWhenNeeded() {
    #expect(ConfigReport.display(.string("o3")) == "o3")
    #expect(ConfigReport.display(.string("a b")) == "\"a b\"")
    #expect(ConfigReport.display(.string("")) == "\"\"")
    #expect(ConfigReport.display(.integer(3)) == "3")
  }
}
