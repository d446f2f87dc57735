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
  /// `-P NAME` (`codex sandbox`): the permission profile to run under, whatever else says.
  public var permissionProfile: String?
  /// `--full-auto`: on-failure approvals in a workspace-write sandbox.
  public var fullAuto = false
  /// `--dangerously-bypass-approvals-and-sandbox`: never ask, no sandbox.
  public var bypassApprovalsAndSandbox = false
  /// `--cd DIR`
  public var workingDirectory: String?
  /// `--oss`: the local open-source provider.
  public var oss = false
  /// `--local-provider`: which local provider `--oss` uses (`ollama`, `lmstudio`).
  public var localProvider: String?
  /// `--add-dir DIR`: more directories commands may write (workspace-write).
  public var addDirectories: [String] = []
  /// `--search`: live web search for the model.
  public var search = false
  /// `--enable FEATURE` / `--disable FEATURE`, in the order given.
  public var featureSwitches: [(name: String, enabled: Bool)] = []
  /// `--ignore-user-config`: `$CODEX_HOME/config.toml` is not read (the defaults, `-c`
  /// and flags still apply).
  public var ignoreUserConfig = false
  /// `--ignore-rules`: the user's and projects' `*.rules` files are not read.
  public var ignoreRules = false
  /// `--dangerously-bypass-hook-trust`: enabled hooks run without being trusted first.
  public var bypassHookTrust = false
  /// Unknown keys in the configuration are errors, not warnings (`--strict-config`).
  public var strictConfig = false
  /// `--ephemeral`: the session is not written to `$CODEX_HOME/sessions`.
  public var ephemeral = false
  /// `--output-schema FILE`: the JSON Schema the final message must follow.
  public var outputSchema: JSONValue?

  /// No overrides: config.toml and the defaults decide.
  public init() {}
}
