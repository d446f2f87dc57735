import Agent
import Foundation
import Sandbox
import TestSupport
import Testing

/// Answers approval questions from a list and records them.
final class ScriptedApprovals: ApprovalHandler, @unchecked Sendable {
  private let lock = NSLock()
  private var answers: [ApprovalAnswer]
  private(set) var questions: [ApprovalQuestion] = []

  init(_ answers: [ApprovalAnswer]) { self.answers = answers }

  func answer(_ question: ApprovalQuestion) async -> ApprovalAnswer {
    lock.withLock {
      questions.append(question)
      return answers.isEmpty ? .deny : answers.removeFirst()
    }
  }
  var asked: [ApprovalQuestion] { lock.withLock { questions } }
}

final class EventLog: @unchecked Sendable {
  private let lock = NSLock()
  private var list: [EngineEvent] = []
  func add(_ event: EngineEvent) { lock.withLock { list.append(event) } }
  var events: [EngineEvent] { lock.withLock { list } }
}

/// A session on the scripted server with a fresh (or the given) CODEX_HOME.
func makeSession(
  _ server: ScriptedModelServer, _ overrides: CommandLineOverrides,
  approvals: ApprovalHandler = RefusingApprovalHandler(), environment: [String: String] = [:],
  home: String? = nil
) throws -> Session {
  let home =
    home
    ?? FileManager.default.temporaryDirectory.appendingPathComponent(
      "codex-home-\(UUID().uuidString)"
    ).path
  try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
  // A model the catalog does not list: the `shell` tool these tests call.
  var overrides = overrides
  overrides.model = overrides.model ?? "test-model"
  var configuration = try ConfigLoader(
    environment: ["CODEX_HOME": home], currentDirectory: "/", homeDirectory: "/"
  )
  .load(overrides)
  configuration.provider = ModelProvider(
    id: "test", name: "Test", baseURL: server.baseURL, envKey: nil, wireAPI: .responses,
    requestMaxRetries: 0)
  let client = ModelClient(provider: configuration.provider, apiKey: nil, environment: [:])
  return Session(
    configuration: configuration, client: client, approvals: approvals, environment: environment)
}

@Suite(.timeLimit(.minutes(10))) struct SessionTests {
  func session(
    _ server: ScriptedModelServer, policy: ApprovalPolicy, mode: SandboxMode = .workspaceWrite,
    approvals: ApprovalHandler = RefusingApprovalHandler()
  ) throws -> (Session, String) {
    let workspace = TestDirectory.path("codex-session")
    try FileManager.default.createDirectory(atPath: workspace, withIntermediateDirectories: true)
    try "project rule: be careful\n".write(
      toFile: workspace + "/AGENTS.md", atomically: true, encoding: .utf8)
    let home = FileManager.default.temporaryDirectory.appendingPathComponent(
      "codex-home-\(UUID().uuidString)"
    ).path
    try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
    try "global rule\n".write(toFile: home + "/AGENTS.md", atomically: true, encoding: .utf8)
    var overrides = CommandLineOverrides()
    overrides.approvalPolicy = policy
    overrides.sandboxMode = mode
    overrides.workingDirectory = workspace
    let environment = ["PATH": "/usr/bin:/bin", "HOME": "/root"]
    return (
      try makeSession(
        server, overrides, approvals: approvals, environment: environment, home: home), workspace
    )
  }

  func shellCall(_ command: [String], id: String = "c1", escalate: Bool = false) -> String {
    let arguments = try! JSONSerialization.data(
      withJSONObject: [
        "command": command, "with_escalated_permissions": escalate, "justification": "needs it",
      ])
    return
      #"{"events": [{"function_call": {"name": "shell", "call_id": "\#(id)", "arguments": \#(String(decoding: arguments, as: UTF8.self))}}]}"#
  }

  @Test func instructionsHoldAgentsFilesAndTheEnvironment() async throws {
    let server = try ScriptedModelServer(responses: #"[{"events": [{"text": "hi"}]}]"#)
    defer { server.stop() }
    let (session, workspace) = try session(server, policy: .never)
    await session.submit("hello") { _ in }
    let body = try #require(server.requests().first?["body"] as? [String: Any])
    let instructions = try #require(body["instructions"] as? String)
    #expect(instructions.contains("global rule"))
    #expect(instructions.contains("project rule: be careful"))
    #expect(
      instructions.range(of: "global rule")!.lowerBound
        < instructions.range(of: "project rule")!.lowerBound)
    let input = try #require(body["input"] as? [[String: Any]])
    let first = try #require(
      (input.first?["content"] as? [[String: Any]])?.first?["text"] as? String)
    #expect(first.contains("<cwd>\(workspace)</cwd>"))
    #expect(first.contains("<approval_policy>never</approval_policy>"))
    #expect(first.contains("<network_access>restricted</network_access>"))
  }

  @Test func untrustedAsksAndAnAlwaysAnswerIsRemembered() async throws {
    let command = ["printf", "ran"]
    let server = try ScriptedModelServer(
      responses:
        "[\(shellCall(command)), \(shellCall(command, id: "c2")), {\"events\": [{\"text\": \"done\"}]}]"
    )
    defer { server.stop() }
    let approvals = ScriptedApprovals([.approveForSession])
    let (session, _) = try session(server, policy: .untrusted, approvals: approvals)
    let log = EventLog()
    await session.submit("run it twice") { log.add($0) }
    #expect(approvals.asked.count == 1)
    #expect(approvals.asked.first?.reason == "not a known read-only command")
    let ends = log.events.compactMap { event -> Int32? in
      if case .execEnd(_, _, let code, _, _) = event { return code }
      return nil
    }
    #expect(ends == [0, 0])
    // What the model gets back has Codex's shape: output, exit code, duration.
    let input = try #require(
      (server.requests().last?["body"] as? [String: Any])?["input"] as? [[String: Any]])
    let output = try #require(
      input.first { $0["type"] as? String == "function_call_output" }?["output"] as? String)
    let result = try #require(
      try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
    #expect(result["output"] as? String == "ran")
    let metadata = result["metadata"] as? [String: Any]
    #expect(metadata?["exit_code"] as? Int == 0)
    #expect(metadata?["duration_seconds"] is Double)
  }

  @Test func aDeniedCommandIsReportedToTheModel() async throws {
    let server = try ScriptedModelServer(
      responses: "[\(shellCall(["rm", "-rf", "x"])), {\"events\": [{\"text\": \"ok\"}]}]")
    defer { server.stop() }
    let (session, _) = try session(
      server, policy: .untrusted, approvals: ScriptedApprovals([.deny]))
    await session.submit("clean") { _ in }
    let body = try #require(server.requests().last?["body"] as? [String: Any])
    let output = (body["input"] as? [[String: Any]])?.last?["output"] as? String
    #expect(output == "command was not run: the user declined")
  }

  @Test func escalationUnderNeverIsRefusedAndUnderOnRequestAsks() async throws {
    let server = try ScriptedModelServer(
      responses: "[\(shellCall(["true"], escalate: true)), {\"events\": [{\"text\": \"ok\"}]}]")
    defer { server.stop() }
    let (never, _) = try session(server, policy: .never)
    await never.submit("go") { _ in }
    let output =
      ((server.requests().last?["body"] as? [String: Any])?["input"] as? [[String: Any]])?.last?[
        "output"]
    #expect(
      output as? String
        == "command was not run: running without the sandbox is not allowed under approval policy never"
    )

    let second = try ScriptedModelServer(
      responses: "[\(shellCall(["true"], escalate: true)), {\"events\": [{\"text\": \"ok\"}]}]")
    defer { second.stop() }
    let approvals = ScriptedApprovals([.approve])
    let (onRequest, _) = try session(second, policy: .onRequest, approvals: approvals)
    await onRequest.submit("go") { _ in }
    #expect(approvals.asked.first?.reason == "the model asks to run without the sandbox: needs it")
  }

  @Test func interruptingATurnKeepsTheConversationUsable() async throws {
    let server = try ScriptedModelServer(
      responses:
        #"[{"events": [{"text": "partial answer"}, {"text": " never sent"}], "stall_after": 2}, {"events": [{"text": "second turn"}]}]"#
    )
    defer { server.stop() }
    let (session, _) = try session(server, policy: .never)
    let (deltas, signal) = AsyncStream<Void>.makeStream()
    let turn = Task {
      await session.submit("first") { event in
        if case .agentMessageDelta = event { signal.yield() }
      }
    }
    for await _ in deltas { break }
    turn.cancel()
    // The turn ends by its own event and says so; it does not throw.
    #expect(await turn.value == .interrupted)
    #expect(session.items.contains(.assistant("partial answer")))

    let log = EventLog()
    await session.submit("again") { log.add($0) }
    #expect(
      log.events.contains {
        if case .agentMessage("second turn") = $0 { return true } else { return false }
      })
    let input = try #require(
      (server.requests().last?["body"] as? [String: Any])?["input"] as? [[String: Any]])
    let texts = input.compactMap { ($0["content"] as? [[String: Any]])?.first?["text"] as? String }
    #expect(texts.suffix(3) == ["first", "partial answer", "again"])
  }

  @Test func patchesOutsideTheWorkspaceNeedApproval() async throws {
    let outside = TestDirectory.path("codex-outside") + ".txt"
    let patch = "*** Begin Patch\\n*** Add File: \(outside)\\n+x\\n*** End Patch"
    let server = try ScriptedModelServer(
      responses:
        #"[{"events": [{"function_call": {"name": "apply_patch", "call_id": "p", "arguments": {"input": "\#(patch)"}}}]}, {"events": [{"text": "ok"}]}]"#
    )
    defer { server.stop() }
    let (session, _) = try session(server, policy: .never)
    await session.submit("write outside") { _ in }
    #expect(!FileManager.default.fileExists(atPath: outside))
    let output =
      ((server.requests().last?["body"] as? [String: Any])?["input"] as? [[String: Any]])?.last?[
        "output"]
    #expect((output as? String)?.hasPrefix("patch not applied") == true)
  }
}

@Suite(.timeLimit(.minutes(10))) struct CompactionTests {
  @Test func autoCompactionReplacesTheHistoryWithASummary() async throws {
    let server = try ScriptedModelServer(
      responses: #"""
        [{"events": [{"text": "answer one"}], "usage": {"input_tokens": 5000, "output_tokens": 10}},
         {"events": [{"text": "SUMMARY: the user asked one thing"}], "usage": {"input_tokens": 10, "output_tokens": 5}},
         {"events": [{"text": "answer two"}]}]
        """#)
    defer { server.stop() }
    var overrides = CommandLineOverrides()
    overrides.settings = ["model_auto_compact_token_limit=4000"]
    overrides.workingDirectory = "/tmp"
    let session = try makeSession(server, overrides)
    let log = EventLog()
    await session.submit("question one") { log.add($0) }
    #expect(log.events.contains { if case .compacted = $0 { return true } else { return false } })
    #expect(session.items.count == 2)
    await session.submit("question two") { _ in }
    let input = try #require(
      (server.requests().last?["body"] as? [String: Any])?["input"] as? [[String: Any]])
    let texts = input.compactMap { ($0["content"] as? [[String: Any]])?.first?["text"] as? String }
    #expect(texts.count == 3)
    #expect(texts[1] == "Summary of the conversation so far:\nSUMMARY: the user asked one thing")
    #expect(texts[2] == "question two")
    let summaryRequest = try #require(server.requests()[1]["body"] as? [String: Any])
    #expect((summaryRequest["tools"] as? [Any])?.isEmpty == true)
  }
}

@Suite(.timeLimit(.minutes(10))) struct TurnDiffTests {
  @Test func aTurnsPatchesCanBeShownAndUndone() async throws {
    let workspace = TestDirectory.path("codex-diff")
    try FileManager.default.createDirectory(atPath: workspace, withIntermediateDirectories: true)
    try "one\ntwo\n".write(toFile: workspace + "/a.txt", atomically: true, encoding: .utf8)
    let first =
      "*** Begin Patch\\n*** Update File: a.txt\\n one\\n-two\\n+2\\n*** Add File: b.txt\\n+new\\n*** End Patch"
    let second = "*** Begin Patch\\n*** Update File: a.txt\\n-one\\n+1\\n*** End Patch"
    let server = try ScriptedModelServer(
      responses: #"""
        [{"events": [{"function_call": {"name": "apply_patch", "call_id": "p1", "arguments": {"input": "\#(first)"}}}]},
         {"events": [{"function_call": {"name": "apply_patch", "call_id": "p2", "arguments": {"input": "\#(second)"}}}]},
         {"events": [{"text": "done"}]}]
        """#)
    defer { server.stop() }
    var overrides = CommandLineOverrides()
    overrides.workingDirectory = workspace
    overrides.sandboxMode = .workspaceWrite
    overrides.approvalPolicy = .never
    let session = try makeSession(server, overrides)
    await session.submit("edit") { _ in }
    #expect(try String(contentsOfFile: workspace + "/a.txt", encoding: .utf8) == "1\n2\n")
    let diff = try await session.lastTurnDiff.unifiedDiff()
    #expect(diff.contains("-one\n-two\n+1\n+2\n"))
    #expect(diff.contains("--- /dev/null\n+++ b\(workspace)/b.txt\n"))
    let restored = try await session.lastTurnDiff.undo()
    #expect(restored.count == 2)
    #expect(try String(contentsOfFile: workspace + "/a.txt", encoding: .utf8) == "one\ntwo\n")
    #expect(!FileManager.default.fileExists(atPath: workspace + "/b.txt"))
  }
}

/// A session in `workspace` (danger-full-access, never asking) after one turn whose model
/// makes one shell call with `arguments` (JSON text) and then answers.
func oneShellTurn(_ arguments: String, in workspace: String, environment: [String: String])
  async throws -> Session
{
  let server = try ScriptedModelServer(
    responses:
      #"[{"events": [{"function_call": {"name": "shell", "call_id": "c", "arguments": \#(arguments)}}]}, {"events": [{"text": "ok"}]}]"#
  )
  defer { server.stop() }
  var overrides = CommandLineOverrides()
  overrides.workingDirectory = workspace
  overrides.sandboxMode = .dangerFullAccess
  overrides.approvalPolicy = .never
  let session = try makeSession(server, overrides, environment: environment)
  session.keepUndoSnapshots()
  await session.submit("go") { _ in }
  return session
}

/// A repository with one commit: `setup` (a shell line) makes its files, `tracked` are
/// committed. Returns the environment git ran with.
func makeRepository(_ workspace: String, setup: String, tracked: [String]) async throws
  -> [String: String]
{
  let env = ["PATH": "/usr/bin:/bin", "HOME": workspace, "GIT_CONFIG_NOSYSTEM": "1"]
  for command in [
    ["git", "init", "-q"], ["sh", "-c", setup], ["git", "add"] + tracked,
    ["git", "-c", "user.email=t@t", "-c", "user.name=t", "commit", "-qm", "init"],
  ] {
    let result = try await ProcessExecutor.run(
      ExecRequest(command: command, workingDirectory: workspace, environment: env))
    #expect(result.exitCode == 0, "\(command): \(result.stderr.text)")
  }
  return env
}

@Suite(.timeLimit(.minutes(10))) struct GitTurnDiffTests {

  @Test func commandsAndPatchesInAGitRepositoryAreDiffedAndUndone() async throws {
    let workspace = TestDirectory.path("codex-gitdiff")
    try FileManager.default.createDirectory(atPath: workspace, withIntermediateDirectories: true)
    let env = try await makeRepository(
      workspace, setup: "printf 'one\\n' > kept.txt && printf 'x\\n' > untracked.txt",
      tracked: ["kept.txt"])
    let edit =
      #"{"command": ["sh", "-c", "printf 'two\\n' > kept.txt; rm untracked.txt; printf 'new\\n' > src/made.txt"]}"#
    try FileManager.default.createDirectory(
      atPath: workspace + "/src", withIntermediateDirectories: true)
    let session = try await oneShellTurn(edit, in: workspace, environment: env)
    #expect(try String(contentsOfFile: workspace + "/kept.txt", encoding: .utf8) == "two\n")

    let diff = try await session.lastTurnDiff.unifiedDiff()
    #expect(diff.contains("-one\n+two"))
    #expect(diff.contains("deleted file mode"))
    #expect(diff.contains("+++ b/src/made.txt"))

    let restored = try await session.lastTurnDiff.undo()
    #expect(Set(restored) == ["kept.txt", "untracked.txt", "src/made.txt"])
    #expect(try String(contentsOfFile: workspace + "/kept.txt", encoding: .utf8) == "one\n")
    #expect(try String(contentsOfFile: workspace + "/untracked.txt", encoding: .utf8) == "x\n")
    #expect(!FileManager.default.fileExists(atPath: workspace + "/src/made.txt"))
    // The user's index and history are untouched.
    let status = try await ProcessExecutor.run(
      ExecRequest(
        command: ["git", "status", "--porcelain"], workingDirectory: workspace, environment: env))
    #expect(status.stdout.text == "?? untracked.txt\n")
  }
}

@Suite(.timeLimit(.minutes(10))) struct GitUndoConfinementTests {
  @Test func undoCannotBeLedOutsideByADirectoryReplacedWithALink() async throws {
    let base = TestDirectory.path("codex-undo-link")
    let workspace = base + "/ws"
    let outside = base + "/outside"
    for directory in [workspace + "/lib", outside] {
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }
    let env = try await makeRepository(
      workspace, setup: "printf 'one\\n' > lib/code.txt", tracked: ["lib/code.txt"])
    // The model's command swaps lib for a link to a folder outside the workspace, and
    // hides the link from git, so undo sees only lib/code.txt gone.
    let swap =
      #"{"command": ["sh", "-c", "rm -r lib && ln -s \#(outside) lib && echo lib > .gitignore"]}"#
    let session = try await oneShellTurn(swap, in: workspace, environment: env)
    #expect(
      (try? FileManager.default.destinationOfSymbolicLink(atPath: workspace + "/lib")) == outside)
    _ = try? await session.lastTurnDiff.undo()
    // Whatever undo managed, nothing was written through the link.
    #expect(try FileManager.default.contentsOfDirectory(atPath: outside) == [])
  }
}

/// The event stream is the seam: a session's first turn opens with
/// `sessionConfigured`, and every turn ends with exactly one end event.
@Suite(.timeLimit(.minutes(10))) struct TurnEndTests {
  static func isEnd(_ event: EngineEvent) -> Bool {
    switch event {
    case .turnCompleted, .turnFailed, .turnInterrupted: return true
    default: return false
    }
  }

  @Test func eachTurnEndsWithOneEventAndOnlyTheFirstAnnouncesTheSession() async throws {
    let server = try ScriptedModelServer(
      responses:
        #"[{"events": [{"text": "one"}]}, {"status": 401, "message": "bad key"}, {"events": [{"text": "three"}]}]"#
    )
    defer { server.stop() }
    let session = try makeSession(server, CommandLineOverrides())
    var logs: [EventLog] = []
    var endings: [TurnEnd] = []
    for prompt in ["first", "second", "third"] {
      let log = EventLog()
      endings.append(await session.submit(prompt) { log.add($0) })
      logs.append(log)
    }
    #expect(endings[0] == .completed(lastMessage: "one"))
    guard case .failed(let reason) = endings[1] else {
      Issue.record("the second turn did not fail: \(endings[1])")
      return
    }
    #expect(reason.contains("401") && reason.contains("bad key"))
    #expect(endings[2] == .completed(lastMessage: "three"))
    for (index, log) in logs.enumerated() {
      #expect(log.events.filter(Self.isEnd).count == 1, "turn \(index + 1)")
      #expect(log.events.last.map(Self.isEnd) == true, "turn \(index + 1) ends with its end")
      let announced = log.events.contains {
        if case .sessionConfigured = $0 { return true } else { return false }
      }
      #expect(announced == (index == 0), "turn \(index + 1)")
    }
    if case .sessionConfigured(let id, _, _) = logs[0].events.first {
      #expect(id == session.id)
    } else {
      Issue.record("the first event is not sessionConfigured")
    }
  }
}
