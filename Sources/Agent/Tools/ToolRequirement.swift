import Sandbox

/// What a call needs before it runs.
public enum ToolRequirement: Sendable {
  /// Run without asking (under the sandbox when `sandboxed`).
  case run(sandboxed: Bool)
  /// Ask the user first, saying why; once approved, run (under the sandbox when
  /// `sandboxed`).
  case ask(reason: String, sandboxed: Bool)
  /// Do not run; the model is told why.
  case forbidden(String)
  /// Nothing to run: the call is answered already (a patch that does not parse).
  case answered(ToolResult)

  /// The requirement for an approval decision (`ExecApproval`, `PatchApproval`).
  public init(_ decision: ExecDecision) {
    switch decision {
    case .run(let sandboxed): self = .run(sandboxed: sandboxed)
    case .ask(let reason, let sandboxed): self = .ask(reason: reason, sandboxed: sandboxed)
    case .refuse(let reason): self = .forbidden(reason)
    }
  }
}
