import Foundation
import TestSupport
import Testing

/// Sessions go both ways with the real Codex CLI 0.163 (`scripts/peers codex-cli`, which
/// scripts/test runs): it resumes a session written here and answers from its history,
/// this program resumes it after that, and Codex resumes it again; and the same starting
/// from a session Codex wrote.
@Suite(
  .serialized, .timeLimit(.minutes(10)),
  .enabled(
    if: RealCodexCLI.path != nil,
    "the real Codex CLI 0.163 is not installed: scripts/peers codex-cli fetches it from PyPI"))
struct RealCodexSessionTests {
  static var realCodex: String? { RealCodexCLI.path }

  struct Setup {
    let server: ScriptedModelServer
    let home: String
    let workspace: String
  }

  func setUp() throws -> Setup {
    let script = (1...6).map { #"{"events": [{"text": "answer \#($0)"}]}"# }
    let server = try ScriptedModelServer(responses: "[" + script.joined(separator: ",") + "]")
    let home = try RealCodexCLI.home(for: server)
    return Setup(server: server, home: home, workspace: try TestDirectory.make("codex-both-ways"))
  }

  /// `codex exec` (ours or theirs) with `arguments`; fails the test on a non-zero exit.
  @discardableResult
  func exec(_ setup: Setup, real: Bool, _ arguments: [String]) throws -> String {
    let environment = ["CODEX_HOME": setup.home, "SCRIPTED_KEY": "k"]
    if real {
      var full = ProcessInfo.processInfo.environment.merging(environment) { $1 }
      full["PATH"] = RealCodexCLI.path(full["PATH"])
      let run = try Spawn.run(
        [Self.realCodex!, "exec", "--skip-git-repo-check"] + arguments, directory: setup.workspace,
        environment: full)
      #expect(run.status == 0, "the real Codex failed: \(run.output)")
      return run.output
    }
    let result = try CodexProcess.run(
      ["exec", "--skip-git-repo-check"] + arguments, environment: environment,
      directory: setup.workspace)
    #expect(result.status == 0, "\(result.stderr)")
    return result.stderr
  }

  /// Each request's conversation: its user and assistant texts (environment contexts
  /// and instructions left out), and how many environment contexts it held.
  func conversations(_ server: ScriptedModelServer) -> [(texts: [String], contexts: Int)] {
    server.requests().map { request in
      let input = (request["body"] as? [String: Any])?["input"] as? [[String: Any]] ?? []
      var texts: [String] = []
      var contexts = 0
      for item in input where ["user", "assistant"].contains(item["role"] as? String ?? "") {
        let text = (item["content"] as? [[String: Any]])?.first?["text"] as? String ?? ""
        if text.hasPrefix("<environment_context>") {
          contexts += 1
        } else if !text.hasPrefix("<") {
          texts.append(text)
        }
      }
      return (texts, contexts)
    }
  }

  func sessionID(_ home: String) throws -> String {
    let enumerator = FileManager.default.enumerator(atPath: home + "/sessions")
    let file = try #require(
      (enumerator?.allObjects as? [String])?.first { $0.hasSuffix(".jsonl") })
    let name = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
    return String(name.dropFirst("rollout-2026-01-01T00-00-00-".count))
  }

  @Test func aSessionWrittenHereGoesToCodexAndBack() throws {
    let setup = try setUp()
    defer { setup.server.stop() }
    try exec(setup, real: false, ["remember the word banana"])
    let id = try sessionID(setup.home)
    try exec(setup, real: true, ["resume", id, "which word?"])
    try exec(setup, real: false, ["resume", id, "and now?"])
    try exec(setup, real: true, ["resume", id, "once more"])
    let sent = conversations(setup.server)
    try #require(sent.count == 4)
    #expect(sent[1].texts == ["remember the word banana", "answer 1", "which word?"])
    #expect(
      sent[2].texts == [
        "remember the word banana", "answer 1", "which word?", "answer 2", "and now?",
      ])
    #expect(sent[2].contexts == 1)
    #expect(sent[3].texts.suffix(3) == ["and now?", "answer 3", "once more"])
  }

  @Test func aSessionCodexWroteComesHereAndGoesBack() throws {
    let setup = try setUp()
    defer { setup.server.stop() }
    try exec(setup, real: true, ["remember the word cherry"])
    let id = try sessionID(setup.home)
    try exec(setup, real: false, ["resume", id, "which word?"])
    try exec(setup, real: true, ["resume", id, "once more"])
    let sent = conversations(setup.server)
    try #require(sent.count == 3)
    #expect(sent[1].texts == ["remember the word cherry", "answer 1", "which word?"])
    #expect(sent[1].contexts == 1)
    #expect(sent[2].texts.suffix(3) == ["which word?", "answer 2", "once more"])
  }
}

/// Where the real Codex CLI 0.163 is: $CODEX_REAL_CLI, else where scripts/peers puts it.
enum RealCodexCLI {
  /// A CODEX_HOME both programs read: gpt-5.5 on `server`, its key in SCRIPTED_KEY.
  static func home(for server: ScriptedModelServer) throws -> String {
    try CodexProcess.makeHome(
      config: Data(
        """
        model = "gpt-5.5"
        model_provider = "s"
        [model_providers.s]
        name = "s"
        base_url = "\(server.baseURL)"
        wire_api = "responses"
        env_key = "SCRIPTED_KEY"
        """.utf8))
  }

  /// `PATH` with the CLI's bundled helpers (bubblewrap) in front.
  static func path(_ path: String?) -> String {
    ((self.path ?? "") as NSString).deletingLastPathComponent + "/../codex-resources:"
      + (path ?? "")
  }

  static let path: String? = {
    if let path = ProcessInfo.processInfo.environment["CODEX_REAL_CLI"],
      FileManager.default.isExecutableFile(atPath: path)
    {
      return path
    }
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().path
    let path = root + "/.build-peers/codex-cli-0.163.0/codex_cli_bin/bin/codex"
    return FileManager.default.isExecutableFile(atPath: path) ? path : nil
  }()
}
