/// The sandbox one attempt of a tool call runs under, decided by the orchestrator and
/// handed to the tool: a tool never chooses its own restrictions.
public struct SandboxAttempt: Sendable, Equatable {
  /// The session's policy.
  public var policy: SandboxPolicy
  /// Whether this attempt is confined. False under danger-full-access, and when the user
  /// approved running without the sandbox (an escalation, or a retry after a denial).
  public var sandboxed: Bool

  /// An attempt under `policy`, confined or not.
  public init(policy: SandboxPolicy, sandboxed: Bool) {
    self.policy = policy
    self.sandboxed = sandboxed && policy.mode != .dangerFullAccess
  }

  /// The kernel's rules for a command run in `workingDirectory`; nil when not confined.
  public func rules(
    workingDirectory: String, environment: [String: String],
    support: LinuxSandbox.Support = .current
  ) -> SandboxRules? {
    guard sandboxed else { return nil }
    return LinuxSandbox.rules(
      for: policy, workingDirectory: workingDirectory, environment: environment,
      support: support)
  }

  /// Where codex may write files for this attempt (apply_patch): the write rule's area,
  /// or nil when not confined.
  public func writableArea(workingDirectory: String, environment: [String: String])
    -> WritableArea?
  {
    guard sandboxed else { return nil }
    return WritableArea(
      policy: policy, workingDirectory: workingDirectory, environment: environment)
  }

  /// A writer for this attempt: confined to the writable area, or direct.
  public func fileWriter(workingDirectory: String, environment: [String: String])
    -> any FileWriter
  {
    guard let area = writableArea(workingDirectory: workingDirectory, environment: environment)
    else { return DirectFileWriter() }
    return ConfinedFileWriter(area: area, workingDirectory: workingDirectory)
  }
}
