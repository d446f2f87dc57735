import Sandbox
import Testing

@Suite struct ExecApprovalTests {
  struct Row: Sendable, CustomStringConvertible {
    var policy: ApprovalPolicy
    var mode: SandboxMode
    var command: [String]
    var escalation = false
    var retry = false
    var remembered = false
    var unavailable: String? = nil
    var expected: ExecDecision
    var description: String {
      "\(policy.rawValue) \(mode.rawValue) \(command) esc=\(escalation) retry=\(retry) mem=\(remembered)"
    }
  }

  static let unsafe = ["rm", "-rf", "build"]
  static let safe = ["ls", "-la"]
  static let notSafe = ExecDecision.ask(reason: "not a known read-only command")
  static let escalationAsk = ExecDecision.ask(
    reason: "the model asks to run without the sandbox: needs network")
  static let retryAsk = ExecDecision.ask(
    reason: "failed in the sandbox; run it again without the sandbox?")

  static let rows: [Row] = [
    // untrusted: ask for anything not known-safe; approval means running unsandboxed.
    Row(policy: .untrusted, mode: .workspaceWrite, command: safe, expected: .runSandboxed),
    Row(policy: .untrusted, mode: .workspaceWrite, command: unsafe, expected: notSafe),
    Row(policy: .untrusted, mode: .readOnly, command: unsafe, expected: notSafe),
    Row(
      policy: .untrusted, mode: .readOnly, command: unsafe, remembered: true,
      expected: .runUnsandboxed),
    Row(policy: .untrusted, mode: .dangerFullAccess, command: safe, expected: .runUnsandboxed),
    Row(policy: .untrusted, mode: .dangerFullAccess, command: unsafe, expected: notSafe),
    Row(
      policy: .untrusted, mode: .dangerFullAccess, command: unsafe, remembered: true,
      expected: .runUnsandboxed),
    Row(
      policy: .untrusted, mode: .workspaceWrite, command: unsafe, escalation: true,
      expected: escalationAsk),
    // on-failure: run sandboxed; after a failure, ask to run without.
    Row(policy: .onFailure, mode: .workspaceWrite, command: unsafe, expected: .runSandboxed),
    Row(policy: .onFailure, mode: .readOnly, command: unsafe, expected: .runSandboxed),
    Row(
      policy: .onFailure, mode: .workspaceWrite, command: unsafe, retry: true, expected: retryAsk),
    Row(
      policy: .onFailure, mode: .workspaceWrite, command: unsafe, retry: true, remembered: true,
      expected: .runUnsandboxed),
    Row(policy: .onFailure, mode: .dangerFullAccess, command: unsafe, expected: .runUnsandboxed),
    // on-request: sandboxed; escalation asks with the justification.
    Row(policy: .onRequest, mode: .workspaceWrite, command: unsafe, expected: .runSandboxed),
    Row(
      policy: .onRequest, mode: .workspaceWrite, command: unsafe, escalation: true,
      expected: escalationAsk),
    Row(
      policy: .onRequest, mode: .workspaceWrite, command: unsafe, escalation: true,
      remembered: true, expected: .runUnsandboxed),
    Row(
      policy: .onRequest, mode: .workspaceWrite, command: unsafe, retry: true,
      expected: .refuse(
        reason:
          "the command failed in the sandbox; approval policy on-request does not retry without it")
    ),
    Row(
      policy: .onRequest, mode: .dangerFullAccess, command: unsafe, escalation: true,
      expected: .runUnsandboxed),
    // never: never ask.
    Row(policy: .never, mode: .workspaceWrite, command: unsafe, expected: .runSandboxed),
    Row(policy: .never, mode: .readOnly, command: safe, expected: .runSandboxed),
    Row(
      policy: .never, mode: .workspaceWrite, command: unsafe, escalation: true,
      expected: .refuse(
        reason: "running without the sandbox is not allowed under approval policy never")),
    Row(
      policy: .never, mode: .workspaceWrite, command: unsafe, retry: true,
      expected: .refuse(
        reason: "the command failed in the sandbox; approval policy never does not retry without it"
      )),
    Row(policy: .never, mode: .dangerFullAccess, command: unsafe, expected: .runUnsandboxed),
    // A kernel without Landlock: sandboxed runs are refused, never silently unsandboxed.
    Row(
      policy: .never, mode: .workspaceWrite, command: unsafe, unavailable: "no Landlock",
      expected: .refuse(reason: "no Landlock")),
    Row(
      policy: .onRequest, mode: .readOnly, command: safe, unavailable: "no Landlock",
      expected: .refuse(reason: "no Landlock")),
    Row(
      policy: .untrusted, mode: .readOnly, command: safe, unavailable: "no Landlock",
      expected: .refuse(reason: "no Landlock")),
    Row(
      policy: .untrusted, mode: .readOnly, command: unsafe, unavailable: "no Landlock",
      expected: notSafe),
    Row(
      policy: .never, mode: .dangerFullAccess, command: unsafe, unavailable: "no Landlock",
      expected: .runUnsandboxed),
  ]

  @Test(arguments: rows)
  func decides(row: Row) {
    let request = ExecApprovalRequest(
      command: row.command, approvalPolicy: row.policy, sandboxMode: row.mode,
      escalation: row.escalation,
      justification: row.escalation ? "needs network" : nil, retryAfterSandboxFailure: row.retry,
      approvedForSession: row.remembered, sandboxUnavailable: row.unavailable)
    #expect(ExecApproval.decide(request) == row.expected)
  }
}
