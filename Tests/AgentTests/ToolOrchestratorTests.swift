import Agent
import Foundation
import Sandbox
import TestSupport
import Testing

/// Stands in for the process executor: records each request and answers from a list.
final class FakeExecutor: CommandExecutor, @unchecked Sendable {
  private let lock = NSLock()
  private var results: [(Int32, String)]
  private(set) var requests: [ExecRequest] = []

  init(_ results: [(Int32, String)]) { self.results = results }

  func run(_ request: ExecRequest, onOutput: ProcessExecutor.OutputHandler?) async throws
    -> ExecResult
  {
    let (status, text) = lock.withLock {
      requests.append(request)
      return results.isEmpty ? (0, "") : results.removeFirst()
    }
    onOutput?(.stdout, Array(text.utf8))
    var output = CappedOutput(limit: 1 << 16)
    output.append(Array(text.utf8))
    return ExecResult(
      exitCode: status, signal: nil, timedOut: false, cancelled: false, stdout: output,
      stderr: CappedOutput(limit: 16), duration: .milliseconds(1))
  }

  /// For each run: whether it was under the sandbox.
  var sandboxed: [Bool] { lock.withLock { requests.map { $0.sandbox != nil } } }
}

/// The approval sequence of every tool call, with a fake executor: requirement, then
/// approval, then a sandboxed first attempt, then (only after a sandbox denial and under
/// untrusted or on-failure) the question about running it without.
@Suite(.timeLimit(.minutes(10))) struct ToolOrchestratorTests {
  static let denied = (Int32(1), "touch: cannot touch '/etc/x': Permission denied\n")

  func run(
    _ policy: ApprovalPolicy, answers: [ApprovalAnswer], results: [(Int32, String)],
    command: [String] = ["touch", "/etc/x"], escalate: Bool = false
  ) async throws -> (FakeExecutor, ScriptedApprovals, [String]) {
    let arguments = try JSONSerialization.data(
      withJSONObject: ["command": command, "with_escalated_permissions": escalate])
    let call =
      #"{"events": [{"function_call": {"name": "shell", "call_id": "c1", "arguments": \#(String(decoding: arguments, as: UTF8.self))}}]}"#
    let server = try ScriptedModelServer(
      responses: "[\(call), {\"events\": [{\"text\": \"done\"}]}]")
    defer { server.stop() }
    var overrides = CommandLineOverrides()
    overrides.approvalPolicy = policy
    overrides.sandboxMode = .workspaceWrite
    overrides.workingDirectory = NSTemporaryDirectory()
    let approvals = ScriptedApprovals(answers)
    let session = try makeSession(
      server, overrides, approvals: approvals, environment: ["PATH": "/usr/bin:/bin"])
    let executor = FakeExecutor(results)
    session.executor = executor
    await session.submit("go") { _ in }
    let outputs = session.items.compactMap { item -> String? in
      if case .functionOutput(_, let output) = item { return output }
      return nil
    }
    return (executor, approvals, outputs)
  }

  @Test func anApprovedCommandRunsSandboxedAndOnlyADenialOffersTheRetry() async throws {
    let (executor, approvals, _) = try await run(
      .untrusted, answers: [.approve, .approve], results: [Self.denied, (0, "")])
    #expect(executor.sandboxed == [true, false])
    #expect(approvals.asked.map(\.retryWithoutSandbox) == [false, true])
    #expect(approvals.asked.last?.reason.contains("Permission denied") == true)
  }

  /// "Always" for a command approves running it sandboxed, not running it without the
  /// sandbox: the retry after a denial is asked about still.
  @Test func anAlwaysAnswerDoesNotApproveTheRetryWithoutTheSandbox() async throws {
    let (executor, approvals, _) = try await run(
      .untrusted, answers: [.approveForSession, .deny], results: [Self.denied])
    #expect(executor.sandboxed == [true])
    #expect(approvals.asked.map(\.retryWithoutSandbox) == [false, true])
  }

  /// A call without `timeout_ms` gets Codex's 10 s default, so a command that never
  /// ends cannot hold the turn.
  @Test func commandsGetADefaultTimeout() async throws {
    let (executor, _, _) = try await run(
      .never, answers: [], results: [(0, "")], command: ["sleep", "300"])
    #expect(executor.requests.first?.timeout == .milliseconds(10_000))
  }

  @Test func refusingTheRetryTellsTheModelWhatTheSandboxSaid() async throws {
    let (executor, approvals, outputs) = try await run(
      .untrusted, answers: [.approve, .deny], results: [Self.denied])
    #expect(executor.sandboxed == [true])
    #expect(approvals.asked.count == 2)
    #expect(outputs.first?.contains("Permission denied") == true)
  }

  @Test func onFailureAsksOnlyAfterADenialNotAfterAnOrdinaryFailure() async throws {
    let (deniedRun, deniedAsked, _) = try await run(
      .onFailure, answers: [.approve], results: [Self.denied, (0, "")])
    #expect(deniedRun.sandboxed == [true, false])
    #expect(deniedAsked.asked.count == 1)
    let (failedRun, failedAsked, _) = try await run(
      .onFailure, answers: [], results: [(1, "1 test failed\n")])
    #expect(failedRun.sandboxed == [true])
    #expect(failedAsked.asked.isEmpty)
  }

  @Test func onRequestAndNeverNeverOfferTheRetry() async throws {
    for policy in [ApprovalPolicy.onRequest, .never] {
      let (executor, approvals, outputs) = try await run(
        policy, answers: [.approve], results: [Self.denied])
      #expect(executor.sandboxed == [true])
      #expect(approvals.asked.isEmpty)
      #expect(outputs.first?.contains("Permission denied") == true)
    }
  }

  @Test func anApprovedEscalationRunsWithoutTheSandboxAtOnce() async throws {
    let (executor, approvals, _) = try await run(
      .onRequest, answers: [.approve], results: [(0, "")], escalate: true)
    #expect(executor.sandboxed == [false])
    #expect(
      approvals.asked.first?.reason.hasPrefix("the model asks to run without the sandbox") == true)
  }

  @Test func aDeclinedCommandNeverRuns() async throws {
    let (executor, _, outputs) = try await run(.untrusted, answers: [.deny], results: [])
    #expect(executor.requests.isEmpty)
    #expect(outputs.first == "command was not run: the user declined")
  }

  @Test func badArgumentsAreExplainedToTheModel() async throws {
    let server = try ScriptedModelServer(
      responses:
        #"[{"events": [{"function_call": {"name": "shell", "call_id": "c1", "arguments": {"command": "ls"}}}, {"function_call": {"name": "update_plan", "call_id": "c2", "arguments": {"plan": [{"step": "a", "status": "done"}]}}}, {"function_call": {"name": "nope", "call_id": "c3", "arguments": {}}}]}, {"events": [{"text": "ok"}]}]"#
    )
    defer { server.stop() }
    let session = try makeSession(server, CommandLineOverrides())
    session.executor = FakeExecutor([])
    await session.submit("go") { _ in }
    let outputs = session.items.compactMap { item -> String? in
      if case .functionOutput(_, let output) = item { return output }
      return nil
    }
    #expect(outputs.count == 3)
    #expect(outputs[0].contains("argument `command` has the wrong type"))
    #expect(outputs[1].contains("unknown status `done`"))
    #expect(
      outputs[2].hasPrefix(
        "error: unknown tool `nope`; the tools are shell, apply_patch, update_plan"))
  }
}
