import Testing

@testable import Agent

@Suite(.timeLimit(.minutes(10))) struct MCPToolNamesTests {
  @Test func namesAreServerAndToolJoined() {
    let entries = MCPToolNames.assign([("time", "get_current_time"), ("git", "git_status")])
    #expect(entries.map(\.qualified) == ["git__git_status", "time__get_current_time"])
    #expect(entries[1].server == "time" && entries[1].tool == "get_current_time")
  }

  @Test func charactersModelsRejectAreReplaced() {
    let entries = MCPToolNames.assign([("my server", "read.file/v2")])
    #expect(entries[0].qualified == "my_server__read_file_v2")
    #expect(entries[0].tool == "read.file/v2")
  }

  @Test func longNamesAreCutAndHashedWithinTheLimit() {
    let long = String(repeating: "t", count: 80)
    let entries = MCPToolNames.assign([("server", long), ("server", long + "x")])
    #expect(entries.allSatisfy { $0.qualified.count == 64 })
    #expect(entries[0].qualified != entries[1].qualified)
    #expect(entries[0].qualified.hasPrefix("server__ttt"))
    // The same input always gives the same names.
    #expect(MCPToolNames.assign([("server", long + "x"), ("server", long)]) == entries)
  }

  @Test func collisionsAfterSanitisingAreResolvedInServerOrder() {
    let entries = MCPToolNames.assign([("a.b", "run"), ("a_b", "run")])
    #expect(entries[0].server == "a.b" && entries[0].qualified == "a_b__run")
    #expect(entries[1].server == "a_b" && entries[1].qualified != "a_b__run")
    #expect(entries[1].qualified.hasPrefix("a_b__run_"))
  }
}
