import Commands
import Testing

@Suite(.timeLimit(.minutes(10))) struct InputLineTests {
  @Test func linesAreClassified() throws {
    #expect(try InputLine.parse("   ") == .empty)
    #expect(try InputLine.parse("fix the tests") == .prompt("fix the tests"))
    #expect(try InputLine.parse("/usr/bin is odd") == .prompt("/usr/bin is odd"))
    #expect(try InputLine.parse("!git status") == .shell("git status"))
    #expect(
      try InputLine.parse("/model o3 high")
        == .command(name: "model", arguments: ["o3", "high"], argumentColumns: [8, 11]))
    #expect(
      try InputLine.parse("  /run 'my script.codex' a\\ b \"c d\"")
        == .command(
          name: "run", arguments: ["my script.codex", "a b", "c d"], argumentColumns: [8, 26, 31]))
  }

  @Test func badLinesSayWhere() {
    #expect(throws: InputError(message: "unclosed quote", column: 6)) {
      try InputLine.parse("/run 'x")
    }
    #expect(throws: InputError.self) { try InputLine.parse("!") }
  }
}

@Suite(.timeLimit(.minutes(10))) struct CommandRegistryTests {
  let registry = CommandRegistry()

  /// Resolves a use as the interpreter does; `raw` is the text after the name.
  func resolve(
    name: String, arguments: [String], columns: [Int], inScript: Bool, raw: String? = nil
  ) throws(InputError) -> SlashCommand {
    let use = SlashCommandUse(
      arguments: arguments, columns: columns, raw: raw ?? arguments.joined(separator: " "))
    return try registry.resolve(name: name, use: use, inScript: inScript).spec
  }

  @Test func unknownCommandsSuggestTheNearest() throws {
    #expect(
      throws: InputError(
        message: "unknown command /modle; did you mean /model? (/help lists the commands)",
        column: 1)
    ) {
      try resolve(name: "modle", arguments: [], columns: [], inScript: false)
    }
    #expect(throws: InputError.self) {
      try resolve(
        name: "expect", arguments: ["reply", "/x/"], columns: [9, 15], inScript: false)
    }
    #expect(
      try resolve(
        name: "expect", arguments: ["reply", "/x/"], columns: [9, 15], inScript: true
      ).name == "expect")
    #expect(
      try resolve(name: "exit", arguments: [], columns: [], inScript: false).name == "quit"
    )
  }

  @Test func argumentsAreChecked() throws {
    #expect(
      throws: InputError(
        message:
          "/approve: POLICY \"sometimes\" is not one of untrusted, on-failure, on-request, never",
        column: 10)
    ) {
      try resolve(
        name: "approve", arguments: ["sometimes"], columns: [10], inScript: false)
    }
    #expect(
      throws: InputError(message: "/run needs more arguments: /run FILE [ARGS] ...", column: 1)
    ) {
      try resolve(name: "run", arguments: [], columns: [], inScript: false)
    }
    #expect(throws: InputError.self) {
      try resolve(name: "diff", arguments: ["x"], columns: [7], inScript: false)
    }
    #expect(throws: InputError.self) {
      try resolve(
        name: "model", arguments: ["o3", "extreme"], columns: [8, 11], inScript: false)
    }
    #expect(
      (try? resolve(
        name: "model", arguments: ["o3", "high"], columns: [8, 11], inScript: false)) != nil)
  }

  @Test func helpListsUsage() {
    let lines = registry.help()
    #expect(lines.contains { $0.hasPrefix("/model [NAME [EFFORT]]") })
    #expect(!lines.contains { $0.hasPrefix("/expect") })
    #expect(
      registry.help("exit") == [
        "/quit [CODE]", "  leave codex (a script: end it, with CODE as its exit status)",
        "  also: /exit",
      ])
  }
}
