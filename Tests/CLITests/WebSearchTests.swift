import Foundation
import TestSupport
import Testing

/// Web search: the provider's own tool on the Responses wire, its searches shown and
/// recorded; on Chat Completions, said to be unavailable once and never sent.
@Suite(.timeLimit(.minutes(10))) struct WebSearchTests {
  static let script = """
    [{"events": [{"web_search": {"query": "swift 6.3 release notes",
                                 "sources": ["https://swift.org/blog/", "https://example.com/\\u001b]0;x\\u0007"]}},
                 {"text": "Swift 6.3 is out."}]}]
    """

  func run(wire: String, _ arguments: [String]) throws -> (
    CodexProcess.Result, ScriptedModelServer, String
  ) {
    let server = try ScriptedModelServer(responses: Self.script)
    let home = try CodexProcess.makeHome(server: server, wire: wire)
    let result = try CodexProcess.run(
      ["exec", "--skip-git-repo-check"] + arguments, environment: ["CODEX_HOME": home],
      directory: home)
    return (result, server, home)
  }

  @Test func searchAddsTheToolAndItsSearchesAreShownAndRecorded() throws {
    let (result, server, home) = try run(wire: "responses", ["--search", "what is new in swift"])
    defer { server.stop() }
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout == "Swift 6.3 is out.\n")
    #expect(result.stderr.contains("⌕ searched: swift 6.3 release notes"))
    #expect(result.stderr.contains("  · https://swift.org/blog/"))
    #expect(!result.stderr.contains("\u{1B}]0;"), "a source URL drove the terminal")
    let body = try #require(server.requests().first?["body"] as? [String: Any])
    let tools = try #require(body["tools"] as? [[String: Any]])
    #expect(tools.contains { $0["type"] as? String == "web_search" })
    #expect((body["include"] as? [String])?.contains("web_search_call.action.sources") == true)

    let sessions = home + "/sessions"
    let files = (FileManager.default.enumerator(atPath: sessions)?.allObjects as? [String] ?? [])
      .filter { $0.hasSuffix(".jsonl") }
    let rollout = try String(contentsOfFile: sessions + "/" + files[0], encoding: .utf8)
    #expect(rollout.contains(#""type":"web_search_call""#))
  }

  @Test func jsonHasAWebSearchItem() throws {
    let (result, server, _) = try run(wire: "responses", ["--search", "--json", "news"])
    defer { server.stop() }
    #expect(result.status == 0, "\(result.stderr)")
    let line = try #require(
      result.stdout.split(separator: "\n").first { $0.contains(#""type":"web_search""#) })
    #expect(line.contains(#""query":"swift 6.3 release notes""#))
    #expect(line.contains("item.completed"))
    // The search comes before the answer it informed.
    let lines = result.stdout.split(separator: "\n")
    let search = try #require(lines.firstIndex { $0.contains(#""type":"web_search""#) })
    let answer = try #require(lines.firstIndex { $0.contains(#""type":"agent_message""#) })
    #expect(search < answer)
  }

  @Test func aChatProviderIsToldOnceAndSendsNoTool() throws {
    let (result, server, _) = try run(wire: "chat", ["--search", "what is new"])
    defer { server.stop() }
    #expect(result.status == 0, "\(result.stderr)")
    let notice = "web search is not available with this provider"
    #expect(result.stderr.components(separatedBy: notice).count == 2, "\(result.stderr)")
    let body = try #require(server.requests().first?["body"] as? [String: Any])
    let tools = body["tools"] as? [[String: Any]] ?? []
    #expect(!tools.contains { ($0["type"] as? String) == "web_search" })
    #expect(!String(describing: body).contains("web_search"))
  }
}
