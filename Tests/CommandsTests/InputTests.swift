import Agent
import Commands
import Foundation
import Testing

@Suite(.timeLimit(.minutes(10))) struct InputAssemblerTests {
  @Test func blocksAreLiteralAndBackslashContinues() {
    var assembler = InputAssembler()
    #expect(assembler.add("\"\"\"") == nil)
    #expect(assembler.isContinuing)
    #expect(assembler.add("/not a command") == nil)
    #expect(assembler.add("# nor a comment") == nil)
    #expect(assembler.add("  \"\"\"  ") == .literal("/not a command\n# nor a comment"))
    #expect(!assembler.isContinuing)
    #expect(assembler.add("first \\") == nil)
    #expect(assembler.add("second") == .line("first \nsecond"))
    #expect(assembler.add("/model \\") == nil)
    #expect(assembler.add("o3") == .line("/model  o3"))
    #expect(assembler.add("plain") == .line("plain"))
  }

  @Test func resetDropsAnUnfinishedInput() {
    var assembler = InputAssembler()
    _ = assembler.add("\"\"\"")
    _ = assembler.add("half")
    assembler.reset()
    #expect(!assembler.isContinuing)
    #expect(assembler.add("next") == .line("next"))
  }
}

@Suite(.timeLimit(.minutes(10))) struct CustomPromptTests {
  @Test func expandsPositionalAndAllArguments() {
    let prompt = CustomPrompt(
      name: "r", description: "", template: "Review $1 then $2 ($ARGUMENTS) for $$5 and $9; $x",
      path: "")
    #expect(
      prompt.expand(["a.swift", "b.swift"])
        == "Review a.swift then b.swift (a.swift b.swift) for $5 and ; $x")
  }

  @Test func expandsNamedArguments() {
    let prompt = CustomPrompt(
      name: "r", description: "", template: "Review $FILE for $FOCUS_AREA ($ARGUMENTS); $MISSING",
      path: "")
    #expect(
      prompt.expand(["FILE=src/a.swift", "extra", "FOCUS_AREA=error handling"])
        == "Review src/a.swift for error handling (extra); $MISSING")
  }

  @Test func loadsFromHomeAndRepositoryWithFrontMatter() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent(
      "prompts-\(UUID().uuidString)"
    ).path
    defer { try? FileManager.default.removeItem(atPath: root) }
    try FileManager.default.createDirectory(
      atPath: root + "/home/prompts", withIntermediateDirectories: true)
    try FileManager.default.createDirectory(
      atPath: root + "/repo/.codex/prompts", withIntermediateDirectories: true)
    try "home version".write(
      toFile: root + "/home/prompts/fix.md", atomically: true, encoding: .utf8)
    try "---\ndescription: \"write tests\"\nargument-hint: FILE=<path>\n---\nTest $1\n".write(
      toFile: root + "/home/prompts/tests.md", atomically: true, encoding: .utf8)
    try "repository version".write(
      toFile: root + "/repo/.codex/prompts/fix.md", atomically: true, encoding: .utf8)
    try "ignored".write(toFile: root + "/home/prompts/notes.txt", atomically: true, encoding: .utf8)
    let prompts = CustomPrompt.load(codexHome: root + "/home", projectRoot: root + "/repo")
    #expect(prompts.map(\.name) == ["fix", "tests"])
    #expect(prompts[0].template == "repository version")
    #expect(prompts[1].description == "write tests")
    #expect(prompts[1].template == "Test $1")
    #expect(prompts[1].argumentHint == "FILE=<path>")
    #expect(prompts[0].argumentHint == nil)
  }
}

@Suite(.timeLimit(.minutes(10))) struct FileMentionTests {
  @Test func attachesMentionedFilesOnly() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent(
      "mentions-\(UUID().uuidString)"
    ).path
    defer { try? FileManager.default.removeItem(atPath: root) }
    try FileManager.default.createDirectory(
      atPath: root + "/src", withIntermediateDirectories: true)
    try "let x = 1\n".write(toFile: root + "/src/a.swift", atomically: true, encoding: .utf8)
    let result = FileMentions.expand(
      "Explain @src/a.swift, not me@example.com nor @missing or @src", workingDirectory: root)
    #expect(result.attached == ["src/a.swift"])
    #expect(
      result.text
        == "Explain @src/a.swift, not me@example.com nor @missing or @src\n\n<file path=\"src/a.swift\">\nlet x = 1\n</file>"
    )
    #expect(result.images.isEmpty)
  }
}

@Suite(.timeLimit(.minutes(10))) struct CompleterTests {
  func completer(in directory: String = "/") -> Completer {
    Completer(
      registry: CommandRegistry(),
      prompts: [CustomPrompt(name: "review", description: "", template: "", path: "")],
      profiles: ["fast", "slow"], models: ["o3", "gpt-5"], workingDirectory: directory)
  }

  @Test func commandNamesAndTheirArguments() {
    let completer = completer()
    #expect(
      completer.complete("/pro") == .init(start: 0, candidates: ["/profile ", "/prompts:review "]))
    #expect(completer.complete("/prof") == .init(start: 0, candidates: ["/profile "]))
    #expect(completer.complete("/re").candidates == ["/rename ", "/resume ", "/review "])
    #expect(completer.complete("/profile ") == .init(start: 9, candidates: ["fast ", "slow "]))
    #expect(completer.complete("/profile f") == .init(start: 9, candidates: ["fast "]))
    #expect(completer.complete("/approve on-").candidates == ["on-failure ", "on-request "])
    #expect(completer.complete("/sandbox w").candidates == ["workspace-write "])
    #expect(completer.complete("/model g").candidates == ["gpt-5 "])
    #expect(completer.complete("/model o3 h").candidates == ["high "])
    #expect(completer.complete("/help mo").candidates == ["model "])
    #expect(completer.complete("/status x").candidates == [])
    // Script-only commands are not offered in the REPL.
    #expect(completer.complete("/exp").candidates == [])
    #expect(completer.complete("plain words").candidates == [])
  }

  @Test func pathsForMentionsRunAndShellLines() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent(
      "complete-\(UUID().uuidString)"
    ).path
    defer { try? FileManager.default.removeItem(atPath: root) }
    try FileManager.default.createDirectory(
      atPath: root + "/Sources/Repl", withIntermediateDirectories: true)
    try "".write(toFile: root + "/Sources/main.swift", atomically: true, encoding: .utf8)
    try "".write(toFile: root + "/.hidden", atomically: true, encoding: .utf8)
    try "".write(toFile: root + "/fix.codex", atomically: true, encoding: .utf8)
    let completer = completer(in: root)
    #expect(completer.complete("look at @So") == .init(start: 8, candidates: ["@Sources/"]))
    #expect(
      completer.complete("look at @Sources/").candidates == [
        "@Sources/Repl/", "@Sources/main.swift ",
      ])
    #expect(completer.complete("@").candidates == ["@Sources/", "@fix.codex "])
    #expect(completer.complete("@.h").candidates == ["@.hidden "])
    #expect(completer.complete("/run f").candidates == ["fix.codex "])
    #expect(completer.complete("!cat Sources/m").candidates == ["Sources/main.swift "])
    // Offsets count UTF-8 bytes, as the line editor does.
    #expect(completer.complete("é @So").start == 3)
  }
}

@Suite(.timeLimit(.minutes(10))) struct PromptHistoryTests {
  @Test func appendsCodexShapedLinesReadableOnlyByTheOwner() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "history-\(UUID().uuidString).jsonl"
    ).path
    defer { try? FileManager.default.removeItem(atPath: path) }
    let history = PromptHistory(path: path, sessionID: "s1")
    history.append("first", at: Date(timeIntervalSince1970: 100))
    history.append("line one\nline two", at: Date(timeIntervalSince1970: 101))
    let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
    #expect(lines.count == 2)
    let second = try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Any]
    #expect(second?["text"] as? String == "line one\nline two")
    #expect(second?["session_id"] as? String == "s1")
    #expect(second?["ts"] as? Int == 101)
    let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
    #expect(mode == 0o600)
  }

  @Test func maxBytesDropsTheOldestWholeLines() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "history-\(UUID().uuidString).jsonl"
    ).path
    defer { try? FileManager.default.removeItem(atPath: path) }
    let history = PromptHistory(path: path, sessionID: "s1", maxBytes: 200)
    for index in 1...10 {
      history.append("prompt number \(index)", at: Date(timeIntervalSince1970: 100))
    }
    let text = try String(contentsOfFile: path, encoding: .utf8)
    #expect(text.utf8.count <= 200)
    let lines = text.split(separator: "\n")
    // Whole lines only, the newest kept.
    for line in lines { #expect(line.hasPrefix("{") && line.hasSuffix("}")) }
    #expect(lines.last?.contains("prompt number 10") == true)
    #expect(!text.contains("prompt number 1\""))
  }
}
