import Foundation
import Logging
import Testing

@testable import Agent

@Suite(.timeLimit(.minutes(10))) struct LogFilterTests {
  @Test func aBareLevelSetsTheDefault() {
    let filter = LogFilter.parse("debug").filter
    #expect(filter.allows(.debug, label: "codex.mcp"))
    #expect(!filter.allows(.trace, label: "codex.mcp"))
  }

  @Test func rustTargetsAndTheMostSpecificDirectiveWin() {
    let filter = LogFilter.parse("warn,codex::mcp=trace,codex.model=off").filter
    #expect(filter.allows(.trace, label: "codex.mcp"))
    #expect(!filter.allows(.info, label: "codex.session"))
    #expect(filter.allows(.warning, label: "codex.session"))
    #expect(!filter.allows(.critical, label: "codex.model"))
  }

  @Test func aTargetAloneMeansTraceAndOtherLabelsStaySilent() {
    let filter = LogFilter.parse("codex_core").filter
    #expect(filter.allows(.trace, label: "codex_core.exec"))
    #expect(!filter.allows(.error, label: "codex.session"))
  }

  @Test func badLevelsAreReportedAndTheRestApplies() {
    let (filter, problems) = LogFilter.parse("codex=loud,info")
    #expect(problems.count == 1)
    #expect(problems[0].contains("`loud`"))
    #expect(filter.allows(.info, label: "codex"))
  }

  @Test func codexLogWinsOverRustLogAndInfoIsTheDefault() {
    #expect(LogFilter.from(environment: [:]).filter == .default)
    let filter = LogFilter.from(environment: ["CODEX_LOG": "error", "RUST_LOG": "trace"]).filter
    #expect(!filter.allows(.warning, label: "codex"))
  }
}

@Suite(.timeLimit(.minutes(10))) struct SecretRedactorTests {
  @Test func valuesOfSecretVariablesAreMasked() {
    let redactor = SecretRedactor(environment: [
      "OPENAI_API_KEY": "abc123456789", "GITHUB_TOKEN": "ghp_tokentokentoken", "HOME": "/root",
    ])
    #expect(
      redactor.redact("key abc123456789 and ghp_tokentokentoken in /root")
        == "key [REDACTED] and [REDACTED] in /root")
  }

  @Test func bearerTokensAndKeyShapesAreMaskedWithoutBeingKnown() {
    let redactor = SecretRedactor()
    #expect(
      redactor.redact("Authorization: Bearer eyJhbGciOi.x.y, next")
        == "Authorization: Bearer [REDACTED], next")
    #expect(
      redactor.redact("used sk-proj-ABCDEFGHIJKLMNOPQRST here") == "used [REDACTED] here")
    #expect(redactor.redact("sk-short stays") == "sk-short stays")
  }

  @Test func theLogFileGetsRedactedLinesAndIsPrivate() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "codex-log-\(UUID().uuidString)/log/codex.log"
    ).path
    let sink = LogFileSink(path: path, redactor: SecretRedactor(secrets: ["very-secret-value"]))
    let handler = FileLogHandler(label: "codex.test", sink: sink, filter: .default)
    var logger = Logger(label: "codex.test") { _ in handler }
    logger[metadataKey: "token"] = "very-secret-value"
    logger.debug("not written: below info")
    #expect(!FileManager.default.fileExists(atPath: path))
    logger.info("sent very-secret-value\nsecond line")
    let text = try String(contentsOfFile: path, encoding: .utf8)
    #expect(text.hasSuffix(" INFO codex.test: sent [REDACTED]\\nsecond line token=[REDACTED]\n"))
    let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
    #expect(mode == 0o600)
  }
}
