import Sandbox
import Testing

@Suite(.timeLimit(.minutes(10))) struct ExecApprovalTests {
  struct Row: Sendable, CustomStringConvertible {
    var policy: ApprovalPolicy
    var mode: SandboxMode
    var command: [String]
    var escalation = false
    var unavailable: String? = nil
    var expected: ExecDecision
    var description: String {
      "\(policy.rawValue) \(mode.rawValue) \(command) esc=\(escalation) unavailable=\(unavailable ?? "-")"
    }
  }

  static let unsafe = ["rm", "-rf", "build"]
  static let safe = ["ls", "-la"]
  /// Approving a command does not lift the sandbox.
  static let askSandboxed = ExecDecision.ask(
    reason: "not a known read-only command", sandboxed: true)
  static let escalationAsk = ExecDecision.ask(
    reason: "the model asks to run without the sandbox: needs network", sandboxed: false)

  static let rows: [Row] = [
    // untrusted: ask for anything not known-safe; the approved command still runs sandboxed.
    Row(policy: .untrusted, mode: .workspaceWrite, command: safe, expected: .run(sandboxed: true)),
    Row(policy: .untrusted, mode: .workspaceWrite, command: unsafe, expected: askSandboxed),
    Row(policy: .untrusted, mode: .readOnly, command: unsafe, expected: askSandboxed),
    Row(policy: .untrusted, mode: .readOnly, command: safe, expected: .run(sandboxed: true)),
    Row(
      policy: .untrusted, mode: .dangerFullAccess, command: safe, expected: .run(sandboxed: false)),
    Row(
      policy: .untrusted, mode: .dangerFullAccess, command: unsafe,
      expected: .ask(reason: "not a known read-only command", sandboxed: false)),
    Row(
      policy: .untrusted, mode: .workspaceWrite, command: unsafe, escalation: true,
      expected: escalationAsk),
    Row(
      policy: .untrusted, mode: .workspaceWrite, command: safe, escalation: true,
      expected: escalationAsk),
    // on-failure: run sandboxed without asking (a denial is asked about afterwards).
    Row(
      policy: .onFailure, mode: .workspaceWrite, command: unsafe, expected: .run(sandboxed: true)),
    Row(policy: .onFailure, mode: .readOnly, command: unsafe, expected: .run(sandboxed: true)),
    Row(
      policy: .onFailure, mode: .workspaceWrite, command: unsafe, escalation: true,
      expected: escalationAsk),
    Row(
      policy: .onFailure, mode: .dangerFullAccess, command: unsafe, expected: .run(sandboxed: false)
    ),
    // on-request: sandboxed; escalation asks with the justification.
    Row(
      policy: .onRequest, mode: .workspaceWrite, command: unsafe, expected: .run(sandboxed: true)),
    Row(
      policy: .onRequest, mode: .workspaceWrite, command: unsafe, escalation: true,
      expected: escalationAsk),
    Row(
      policy: .onRequest, mode: .readOnly, command: unsafe, escalation: true,
      expected: escalationAsk),
    Row(
      policy: .onRequest, mode: .dangerFullAccess, command: unsafe, escalation: true,
      expected: .run(sandboxed: false)),
    // never: never ask.
    Row(policy: .never, mode: .workspaceWrite, command: unsafe, expected: .run(sandboxed: true)),
    Row(policy: .never, mode: .readOnly, command: safe, expected: .run(sandboxed: true)),
    Row(
      policy: .never, mode: .workspaceWrite, command: unsafe, escalation: true,
      expected: .refuse(
        reason: "running without the sandbox is not allowed under approval policy never")),
    Row(policy: .never, mode: .dangerFullAccess, command: unsafe, expected: .run(sandboxed: false)),
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
      expected: .refuse(reason: "no Landlock")),
    Row(
      policy: .never, mode: .dangerFullAccess, command: unsafe, unavailable: "no Landlock",
      expected: .run(sandboxed: false)),
  ]

  @Test(arguments: rows)
  func decides(row: Row) {
    let request = ExecApprovalRequest(
      command: row.command, approvalPolicy: row.policy, sandboxMode: row.mode,
      escalation: row.escalation, justification: row.escalation ? "needs network" : nil,
      sandboxUnavailable: row.unavailable)
    #expect(ExecApproval.decide(request) == row.expected)
  }

  @Test func onlyUntrustedAndOnFailureOfferARetryWithoutTheSandbox() {
    #expect(ExecApproval.offersRetryWithoutSandbox(.untrusted))
    #expect(ExecApproval.offersRetryWithoutSandbox(.onFailure))
    #expect(!ExecApproval.offersRetryWithoutSandbox(.onRequest))
    #expect(!ExecApproval.offersRetryWithoutSandbox(.never))
  }

  @Test func sandboxDenialsAreToldFromOrdinaryFailures() {
    #expect(
      SandboxDenial.reason(
        exitCode: 1, signal: nil, output: "touch: cannot touch '/etc/x': Permission denied")
        == "touch: cannot touch '/etc/x': Permission denied")
    #expect(
      SandboxDenial.reason(
        exitCode: 2, signal: nil, output: "sh: 1: cannot create .git/x: Read-only file system")
        != nil)
    #expect(SandboxDenial.reason(exitCode: 159, signal: 31, output: "") != nil)
    #expect(SandboxDenial.reason(exitCode: 1, signal: nil, output: "1 test failed") == nil)
    #expect(SandboxDenial.reason(exitCode: 0, signal: nil, output: "permission denied") == nil)
  }
}
