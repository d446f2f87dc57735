import TOML
import Testing

@Suite(.timeLimit(.minutes(10))) struct TOMLDocumentTests {
  let original = """
    # My Codex config
    model = "gpt-5"   # the default

    # Profiles I use
    [profiles.fast]
    model = "o4-mini"  # quick

    [mcp_servers.time]
    # local clock
    command = "uvx"
    args = ["mcp-server-time"]

    [projects."/home/a b"]
    trust_level = "untrusted"

    """

  /// Lines of `edited` that are not in `original` and the other way round.
  func changedLines(_ original: String, _ edited: String) -> (added: [String], removed: [String]) {
    let a = original.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let b = edited.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let diff = b.difference(from: a)
    var added: [(Int, String)] = []
    var removed: [(Int, String)] = []
    for change in diff {
      switch change {
      case .insert(let offset, let line, _): added.append((offset, line))
      case .remove(let offset, let line, _): removed.append((offset, line))
      }
    }
    return (added.sorted { $0.0 < $1.0 }.map(\.1), removed.sorted { $0.0 < $1.0 }.map(\.1))
  }

  @Test func replacingAValueChangesOnlyItsLine() throws {
    var document = try TOMLDocument(text: original)
    try document.set(["profiles", "fast", "model"], to: .string("o3"))
    let change = changedLines(original, document.text)
    #expect(change.removed == ["model = \"o4-mini\"  # quick"])
    #expect(change.added == ["model = \"o3\"  # quick"])
    #expect(document.table[path: ["profiles", "fast", "model"]] == .string("o3"))
  }

  @Test func quotedPathsWork() throws {
    var document = try TOMLDocument(text: original)
    let path = try TOMLDocument.parseKeyPath(#"projects."/home/a b".trust_level"#)
    #expect(path == ["projects", "/home/a b", "trust_level"])
    try document.set(path, to: .string("trusted"))
    let change = changedLines(original, document.text)
    #expect(change.added == ["trust_level = \"trusted\""])
    #expect(change.removed == ["trust_level = \"untrusted\""])
  }

  @Test func addingAKeyToAnExistingSectionAddsOneLine() throws {
    var document = try TOMLDocument(text: original)
    try document.set(["mcp_servers", "time", "enabled"], to: .boolean(false))
    let change = changedLines(original, document.text)
    #expect(change.removed.isEmpty)
    #expect(change.added == ["enabled = false"])
    #expect(document.text.contains("args = [\"mcp-server-time\"]\nenabled = false\n"))
  }

  @Test func addingANewTableAppendsASection() throws {
    var document = try TOMLDocument(text: original)
    try document.set(["mcp_servers", "docs", "command"], to: .string("npx"))
    try document.set(
      ["mcp_servers", "docs", "args"], to: .array([.string("-y"), .string("docs")]))
    #expect(
      document.text == original
        + "\n[mcp_servers.docs]\ncommand = \"npx\"\nargs = [\"-y\", \"docs\"]\n")
  }

  @Test func addingARootKeyGoesAfterTheLastRootKey() throws {
    var document = try TOMLDocument(text: original)
    try document.set(["approval_policy"], to: .string("on-request"))
    #expect(
      document.text.contains(
        "model = \"gpt-5\"   # the default\napproval_policy = \"on-request\"\n"))
    #expect(changedLines(original, document.text).removed.isEmpty)
  }

  @Test func removingAKeyAndATable() throws {
    var document = try TOMLDocument(text: original)
    #expect(try document.remove(["mcp_servers", "time"]))
    let change = changedLines(original, document.text)
    #expect(change.added.isEmpty)
    #expect(
      change.removed == [
        "[mcp_servers.time]", "# local clock", "command = \"uvx\"", "args = [\"mcp-server-time\"]",
        "",
      ])
    #expect(try document.remove(["model"]))
    #expect(document.table["model"] == nil)
    #expect(document.text.hasPrefix("# My Codex config\n\n# Profiles I use\n"))
    #expect(try document.remove(["nothing", "here"]) == false)
  }

  @Test func inlineTablesAndDottedKeys() throws {
    var document = try TOMLDocument(text: "a.b = 1\nserver = { command = \"x\" }\n")
    try document.set(["a", "c"], to: .integer(2))
    try document.set(["server", "args"], to: .array([]))
    #expect(document.text == "a.b = 1\na.c = 2\nserver = { command = \"x\", args = [] }\n")
    try document.remove(["server", "command"])
    #expect(document.text == "a.b = 1\na.c = 2\nserver = { args = [] }\n")
  }

  @Test func editsThatWouldBreakTheDocumentAreRefused() throws {
    var document = try TOMLDocument(text: original)
    let error = #expect(throws: TOMLError.self) {
      try document.set(["model", "name"], to: .string("x"))
    }
    #expect(error?.message.contains("`model`") == true)
    #expect(document.text == original)
  }
}
