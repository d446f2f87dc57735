import Foundation
import TestSupport
import Testing

@Suite(.timeLimit(.minutes(10))) struct ConfigCommandTests {
  let config = Data(
    """
    model = "gpt-5"

    [profiles.fast]
    model = "o4-mini"
    approval_policy = "never"
    """.utf8)

  @Test func profileAndOverrideShowTheirOrigins() throws {
    let home = try CodexProcess.makeHome(config: config)
    let result = try CodexProcess.run(
      ["-p", "fast", "-c", "model=\"o3\"", "config"], environment: ["CODEX_HOME": home])
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stdout.split(separator: "\n").map(String.init)
    #expect(lines.contains { $0.hasPrefix("model = o3 ") && $0.hasSuffix("(-c)") })
    #expect(
      lines.contains {
        $0.hasPrefix("approval_policy = never ") && $0.hasSuffix("(profile fast, config.toml:5)")
      })
    #expect(lines.contains { $0.hasPrefix("profile = fast ") && $0.hasSuffix("(--profile)") })
  }

  @Test func flagsAfterTheSubcommandWorkToo() throws {
    let home = try CodexProcess.makeHome(config: config)
    let result = try CodexProcess.run(
      ["config", "--json", "-m", "o1", "-s", "workspace-write"], environment: ["CODEX_HOME": home])
    #expect(result.status == 0, "\(result.stderr)")
    let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
    let settings = try #require(object?["settings"] as? [String: [String: Any]])
    #expect(settings["model"]?["value"] as? String == "o1")
    #expect(settings["model"]?["origin"] as? String == "--model")
    #expect(settings["sandbox_mode"]?["origin"] as? String == "--sandbox")
  }

  @Test func invalidFlagValueExitsWithTwoAndListsChoices() throws {
    let home = try CodexProcess.makeHome()
    let result = try CodexProcess.run(
      ["-a", "sometimes", "config"], environment: ["CODEX_HOME": home])
    #expect(result.status == 2)
    #expect(result.stderr.contains("'untrusted', 'on-failure', 'on-request' or 'never'"))
  }

  @Test func invalidConfigValueNamesPositionAndExitsWithTwo() throws {
    let home = try CodexProcess.makeHome(config: Data("sandbox_mode = \"open\"\n".utf8))
    let result = try CodexProcess.run(["config"], environment: ["CODEX_HOME": home])
    #expect(result.status == 2)
    #expect(
      result.stderr.contains(
        "config.toml:1:16: sandbox_mode: \"open\" is not one of read-only, workspace-write, danger-full-access"
      ))
  }

  /// A config.toml that is not a regular file is an error saying what it is; a FIFO
  /// with no writer must not hang the read.
  @Test func aConfigThatIsNotARegularFileIsAClearError() throws {
    let home = try CodexProcess.makeHome()
    #expect(mkfifo(home + "/config.toml", 0o600) == 0)
    let fifo = try CodexProcess.run(["config"], environment: ["CODEX_HOME": home])
    #expect(fifo.status == 2)
    #expect(fifo.stderr.contains("config.toml: it is a FIFO, not a regular file"))
    try FileManager.default.removeItem(atPath: home + "/config.toml")
    try FileManager.default.createDirectory(
      atPath: home + "/config.toml", withIntermediateDirectories: false)
    let directory = try CodexProcess.run(["config"], environment: ["CODEX_HOME": home])
    #expect(directory.status == 2)
    #expect(directory.stderr.contains("it is a directory, not a regular file"))
  }

  @Test func unknownKeyIsAWarningNotAnError() throws {
    let home = try CodexProcess.makeHome(config: Data("modle = \"x\"\n".utf8))
    let result = try CodexProcess.run(["config"], environment: ["CODEX_HOME": home])
    #expect(result.status == 0)
    #expect(
      result.stderr.contains(
        "warning: \(home)/config.toml:1:1: unknown key `modle` is ignored (did you mean `model`?)"))
  }

  /// Every invalid toml-test case, used as config.toml, is an error with file, line and
  /// column and exit code 2, never a crash.
  @Test func everyInvalidTomlTestFileIsAPositionedError() throws {
    let suite = TOMLTestSuiteLocation.directory
    let invalid = try TOMLTestSuiteLocation.cases(listFile: "files-toml-1.0.0").invalid
    #expect(invalid.count > 400)
    // Four homes side by side, so the launches overlap on the machine's cores.
    let lanes = 4
    let homes = try (0..<lanes).map { _ in try CodexProcess.makeHome() }
    let outcomes = Outcomes()
    DispatchQueue.concurrentPerform(iterations: lanes) { lane in
      let configPath = homes[lane] + "/config.toml"
      for (index, path) in invalid.enumerated() where index % lanes == lane {
        do {
          try Data(contentsOf: suite.appendingPathComponent("tests/\(path)")).write(
            to: URL(fileURLWithPath: configPath))
          let result = try CodexProcess.run(["config"], environment: ["CODEX_HOME": homes[lane]])
          let positioned =
            result.stderr.contains(configPath + ":")
            && result.stderr.firstMatch(of: #/\.toml:[0-9]+:[0-9]+: /#) != nil
          if result.status != 2 || !positioned {
            outcomes.add("\(path): exit \(result.status): \(result.stderr.prefix(200))")
          }
        } catch {
          outcomes.add("\(path): \(error)")
        }
      }
    }
    let failures = outcomes.failures
    print(
      "invalid toml-test files as config.toml: \(invalid.count - failures.count)/\(invalid.count) gave a positioned error"
    )
    #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
  }
}

/// Failures collected from concurrent lanes.
final class Outcomes: @unchecked Sendable {
  private let lock = NSLock()
  private var list: [String] = []
  func add(_ failure: String) { lock.withLock { list.append(failure) } }
  var failures: [String] { lock.withLock { list } }

  @Test func theOriginColumnStaysPutBesideLongValues() throws {
    let long = String(repeating: "x", count: 120)
    let home = try CodexProcess.makeHome(
      config: Data("model = \"m\"\ndeveloper_instructions = \"\(long)\"\n".utf8))
    let result = try CodexProcess.run(["config"], environment: ["CODEX_HOME": home])
    let rows = result.stdout.split(separator: "\n").map(String.init)
    // Every origin starts in the same column.
    let columns = Set(
      rows.compactMap { row -> Int? in
        guard let open = row.range(of: "  (")?.upperBound else { return nil }
        return row.distance(from: row.startIndex, to: open)
      })
    #expect(columns.count == 1, "\(result.stdout)")
    let index = try #require(rows.firstIndex { $0.hasPrefix("developer_instructions = ") })
    #expect(!rows[index].contains("(config.toml"), "\(rows[index])")
    #expect(rows[index + 1].trimmingCharacters(in: .whitespaces) == "(config.toml:2)")
  }
}

@Suite(.timeLimit(.minutes(10))) struct MCPCommandTests {
  @Test func addChangesOnlyTheAddedLinesAndRemoveRestoresTheFile() throws {
    let original = """
      # My settings
      model = "o3"   # the good one

      [profiles.fast]
      model = "o4-mini"  # quick

      """
    let home = try CodexProcess.makeHome(config: Data(original.utf8))
    let config = home + "/config.toml"
    let added = try CodexProcess.run(
      [
        "mcp", "add", "time", "--env", "TZ=UTC", "--", "uvx", "mcp-server-time", "--local-timezone",
        "UTC",
      ],
      environment: ["CODEX_HOME": home])
    #expect(added.status == 0, "\(added.stderr)")
    let after = try String(contentsOfFile: config, encoding: .utf8)
    #expect(
      after == original + """

        [mcp_servers.time]
        command = "uvx"
        args = ["mcp-server-time", "--local-timezone", "UTC"]
        env = { TZ = "UTC" }

        """)
    let listed = try CodexProcess.run(["mcp", "list"], environment: ["CODEX_HOME": home])
    #expect(listed.stdout == "time\tuvx mcp-server-time --local-timezone UTC\n")
    #expect(
      try CodexProcess.run(["mcp", "add", "time", "--", "x"], environment: ["CODEX_HOME": home])
        .status == 1)
    let removed = try CodexProcess.run(
      ["mcp", "remove", "time"], environment: ["CODEX_HOME": home])
    #expect(removed.status == 0)
    #expect(try String(contentsOfFile: config, encoding: .utf8) == original)
    #expect(
      try CodexProcess.run(["mcp", "remove", "time"], environment: ["CODEX_HOME": home]).status == 1
    )
  }

  @Test func strictConfigMakesAnUnknownKeyAnErrorWithItsPlace() throws {
    let home = try CodexProcess.makeHome(config: Data("model = \"m\"\n  modle = \"x\"\n".utf8))
    let lenient = try CodexProcess.run(["config"], environment: ["CODEX_HOME": home])
    #expect(lenient.status == 0)
    #expect(lenient.stderr.contains("unknown key `modle`"), "\(lenient.stderr)")
    for arguments in [["--strict-config", "config"], ["exec", "--strict-config", "hi"]] {
      let strict = try CodexProcess.run(arguments, environment: ["CODEX_HOME": home])
      #expect(strict.status == 2, "\(arguments): \(strict.stderr)")
      #expect(
        strict.stderr.contains("config.toml:2:3: unknown configuration field `modle`"),
        "\(strict.stderr)")
      #expect(strict.stderr.contains(" 2 |   modle = \"x\""), "\(strict.stderr)")
      #expect(strict.stderr.contains("   |   ^"), "\(strict.stderr)")
    }
  }
}
