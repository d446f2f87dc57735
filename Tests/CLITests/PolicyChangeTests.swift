import Foundation
import TestSupport
import Testing

/// When the approval policy or the sandbox changes mid-session, the next request tells
/// the model (a new environment context, once per change).
@Suite(.timeLimit(.minutes(10))) struct PolicyChangeTests {
  @Test func theModelIsToldOfEachChangeOnce() throws {
    let server = try ScriptedModelServer(responses: #"[{"events": [{"text": "ok"}]}]"#)
    defer { server.stop() }
    let home = try CodexProcess.makeHome(server: server)
    let workspace = try TestDirectory.make("codex-policy-change")
    defer { try? FileManager.default.removeItem(atPath: workspace) }
    try """
    /approve on-request
    /sandbox read-only
    first

    /approve never
    second

    third

    /sandbox workspace-write
    fourth
    """.write(toFile: workspace + "/change.codex", atomically: true, encoding: .utf8)
    let result = try CodexProcess.run(
      ["run", "change.codex"], environment: ["CODEX_HOME": home], directory: workspace)
    #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    let requests = server.requests()
    try #require(requests.count == 4)
    func contexts(_ index: Int) -> [String] {
      let input = (requests[index]["body"] as? [String: Any])?["input"] as? [[String: Any]] ?? []
      return input.compactMap { item in
        let text = (item["content"] as? [[String: Any]])?.first?["text"] as? String ?? ""
        return text.hasPrefix("<environment_context>") ? text : nil
      }
    }
    // A change before the first prompt replaces the first context.
    #expect(contexts(0).count == 1)
    #expect(contexts(0).last?.contains("<approval_policy>on-request</approval_policy>") == true)
    #expect(contexts(1).count == 2)
    #expect(contexts(1).last?.contains("<approval_policy>never</approval_policy>") == true)
    #expect(contexts(1).last?.contains("<sandbox_mode>read-only</sandbox_mode>") == true)
    // Nothing changed before the third prompt: nothing new is said.
    #expect(contexts(2).count == 2)
    #expect(contexts(3).count == 3)
    #expect(contexts(3).last?.contains("<sandbox_mode>workspace-write</sandbox_mode>") == true)
  }
}
