import Sandbox

/// What the command line says about configuration, before it is resolved.
public struct CommandLineOverrides: Sendable {
  /// `--profile NAME`
  public var profile: String?
  /// `-c key.path=value`, in the order given (later ones win).
  public var settings: [String] = []
  /// `--model`
  public var model: String?
  /// `--ask-for-approval`
  public var approvalPolicy: ApprovalPolicy?
  /// `--sandbox`
  public var sandboxMode: SandboxMode?
  /// `--full-auto`: on-failure approvals in a workspace-write sandbox.
  public var fullAuto = false
  /// `--dangerously-bypass-approvals-and-sandbox`: never ask, no sandbox.
  public var bypassApprovalsAndSandbox = false
  /// `--cd DIR`
  public var workingDirectory: String?
  /// `--oss`: the local open-source provider.
  public var oss = false

  /// No overrides: config.toml and the defaults decide.
  public init() {}
}
