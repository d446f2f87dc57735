import Agent
import Commands
import Foundation
import Testing

@Suite(.timeLimit(.minutes(10))) struct ScriptVariablesTests {
  let variables = ScriptVariables(arguments: ["a b", "two"], environment: ["USER": "ann"])

  @Test func substitutesArgumentsEnvironmentAndDefaults() throws {
    #expect(try variables.substitute("$1|$2|$ARGUMENTS").get() == "a b|two|a b two")
    #expect(
      try variables.substitute("${USER} ${MISSING:-none} ${E:-x:-y}").get() == "ann none x:-y")
    #expect(
      try variables.substitute("\\$1 costs $0? $HOME ${not a name}").get()
        == "$1 costs $0? $HOME ${not a name}")
  }

  @Test func unboundVariablesSayWhereAndWhy() {
    #expect(
      variables.substitute("use $3 here")
        == .failure(
          ScriptVariableError(message: "$3 is not bound: the script got 2 arguments", column: 5)))
    guard case .failure(let error) = variables.substitute("x ${NOPE}") else {
      Issue.record("expected an error")
      return
    }
    #expect(error.column == 3)
    #expect(error.message.contains("${NOPE:-value}"))
  }
}

@Suite(.timeLimit(.minutes(10))) struct ScriptParserTests {
  @Test func readsTheDesignExample() {
    let text = """
      #!/usr/bin/env codex
      # Fix the failing tests, then show what changed.
      /profile fast
      !swift test
      The tests above fail. Find the cause and fix it
      without changing the tests.

      /expect shell swift test
      \"\"\"
      Now write a summary.
      Lines here are taken literally, even /this or # this.
      \"\"\"
      /expect reply /[Cc]hangelog|fix/
      """
    let (steps, errors) = ScriptParser.parse(
      text, file: "fix.codex", variables: ScriptVariables(arguments: [], environment: [:]))
    #expect(errors.isEmpty)
    #expect(steps.map(\.location.line) == [3, 4, 5, 8, 9, 13])
    #expect(steps[0].kind == .command(name: "profile", arguments: ["fast"], raw: "fast"))
    #expect(steps[1].kind == .shell("swift test"))
    #expect(
      steps[2].kind
        == .prompt("The tests above fail. Find the cause and fix it\nwithout changing the tests."))
    #expect(
      steps[3].kind
        == .command(name: "expect", arguments: ["shell", "swift", "test"], raw: "shell swift test"))
    #expect(
      steps[4].kind
        == .prompt("Now write a summary.\nLines here are taken literally, even /this or # this."))
    #expect(
      steps[5].kind
        == .command(
          name: "expect", arguments: ["reply", "/[Cc]hangelog|fix/"],
          raw: "reply /[Cc]hangelog|fix/"))
  }

  @Test func reportsEveryProblemWithItsPlace() {
    let text = "hello $2\n/model 'unclosed\n!\n\"\"\"\nnever closed\n"
    let (_, errors) = ScriptParser.parse(
      text, file: "s.codex", variables: ScriptVariables(arguments: ["one"], environment: [:]))
    #expect(
      errors.map(\.location.description) == [
        "s.codex:1:7", "s.codex:2:8", "s.codex:3:1", "s.codex:4:1",
      ])
  }
}

@Suite(.timeLimit(.minutes(10))) struct ScriptValidationTests {
  /// A `/run` of a folder, or of a file that is not text, is reported at the `/run`
  /// line (once found by fuzzing: it came out as `/:0:0`).
  @Test func runOfAFolderOrAnUnreadableScriptIsReportedWhereItIsRun() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "scripts-\(UUID().uuidString)"
    ).path
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    try Data([0xFF, 0xFE, 0x00]).write(to: URL(fileURLWithPath: directory + "/binary.codex"))
    let (script, errors) = Script.load(
      text: "/run /\nhello\n/run binary.codex\n", path: directory + "/main.codex",
      name: "main.codex", arguments: [], environment: [:], registry: CommandRegistry(),
      promptNames: [])
    #expect(script == nil)
    #expect(
      errors.map(\.description) == [
        "main.codex:1:6: / is a directory, not a script",
        "main.codex:3:6: binary.codex: the script is not UTF-8 text",
      ])
  }

  @Test func checksCommandsArgumentsExpectationsAndIncludes() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "scripts-\(UUID().uuidString)"
    ).path
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    try "/approve sometimes\n".write(
      toFile: directory + "/child.codex", atomically: true, encoding: .utf8)
    let text = """
      /sandbox workspace-write
      /expect reply /(unclosed/
      /expect maybe x
      /onerror later
      /exit soon
      /run child.codex
      /run missing.codex
      /review $1
      """
    try text.write(toFile: directory + "/main.codex", atomically: true, encoding: .utf8)
    let (script, errors) = Script.load(
      path: directory + "/main.codex", name: "main.codex", arguments: ["x"], environment: [:],
      registry: CommandRegistry(), promptNames: ["review"])
    #expect(script == nil)
    #expect(
      errors.map(\.description) == [
        "child.codex:1:10: /approve: POLICY \"sometimes\" is not one of untrusted, on-failure, on-request, never",
        "main.codex:2:1: /(unclosed/ is not a valid regular expression",
        "main.codex:3:9: /expect: WHAT \"maybe\" is not one of reply, file, shell, review",
        "main.codex:4:10: /onerror: ACTION \"later\" is not one of stop, continue, rollback",
        "main.codex:5:7: /exit takes a number: /exit [CODE]",
        "main.codex:7:6: script missing.codex not found",
      ])
  }
}

@Suite(.timeLimit(.minutes(10))) struct JUnitReportTests {
  @Test func escapesAndMarksFailures() {
    let passed = ScriptStep(
      kind: .shell("true"), location: ScriptLocation(file: "a.codex", line: 1), text: "!true")
    let failed = ScriptStep(
      kind: .prompt("x"), location: ScriptLocation(file: "a.codex", line: 2),
      text: "say \"<hi>\" & go")
    let xml = JUnitReport.xml(
      suite: "a.codex",
      results: [
        .init(step: passed, status: .passed, duration: .milliseconds(1500)),
        .init(step: failed, status: .failed("bad\nnews"), duration: .zero),
      ])
    #expect(xml.contains("tests=\"2\" failures=\"1\""))
    #expect(
      xml.contains("<testcase classname=\"a.codex\" name=\"a.codex:1 !true\" time=\"1.500\"/>"))
    #expect(xml.contains("name=\"a.codex:2 say &quot;&lt;hi&gt;&quot; &amp; go\""))
    #expect(xml.contains("<failure message=\"bad&#10;news\">"))
  }
}

@Suite(.timeLimit(.minutes(10))) struct CassetteFingerprintTests {
  @Test func ignoresEnvironmentAndToolOutputButNoLineOfAPrompt() {
    let base: [ConversationItem] = [
      .user("<environment_context>cwd /home/a</environment_context>"), .user("fix it\nplease"),
      .functionCall(callID: "c1", name: "shell", arguments: "{}"),
      .functionOutput(callID: "c1", output: "took 0.12s"),
    ]
    var elsewhere = base
    elsewhere[0] = .user("<environment_context>cwd /tmp/b</environment_context>")
    elsewhere[3] = .functionOutput(callID: "c1", output: "took 0.31s")
    #expect(CassetteEntry.fingerprint(base) == CassetteEntry.fingerprint(elsewhere))
    for other in ["break it", "fix it\nplease, with other detail", "fix it\nplease\n"] {
      var changed = base
      changed[1] = .user(other)
      #expect(CassetteEntry.fingerprint(base) != CassetteEntry.fingerprint(changed), "\(other)")
    }
    // A `!` command counts, its output (dates, timings) does not.
    var shell = base
    shell[1] = .user("I ran `date` (exit 0). Its output:\nMon Dec  7")
    var later = base
    later[1] = .user("I ran `date` (exit 0). Its output:\nTue Dec  8")
    #expect(CassetteEntry.fingerprint(shell) == CassetteEntry.fingerprint(later))
  }
}
