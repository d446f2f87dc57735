/// The approval decision for patches, beside `ExecApproval`'s for commands.
public enum PatchApproval {
  /// Decides, without side effects: `untrusted` asks before every patch; a patch the
  /// write rule refuses (`refusals`, one line per path) is asked about as a write
  /// without the sandbox, and refused outright under `never`; everything else is
  /// written under the sandbox.
  public static func decide(
    approvalPolicy: ApprovalPolicy, sandboxMode: SandboxMode, refusals: [String]
  ) -> ExecDecision {
    let untrusted = approvalPolicy == .untrusted
    let everyPatch = "every patch is approved under approval policy untrusted"
    if sandboxMode == .dangerFullAccess {
      return untrusted ? .ask(reason: everyPatch, sandboxed: false) : .run(sandboxed: false)
    }
    if refusals.isEmpty {
      return untrusted ? .ask(reason: everyPatch, sandboxed: true) : .run(sandboxed: true)
    }
    let reason = refusals.joined(separator: "; ")
    if approvalPolicy == .never {
      return .refuse(reason: reason + " (approval policy never)")
    }
    return .ask(reason: reason, sandboxed: false)
  }
}
