/// What a sandboxed command may do: the mode and its workspace-write settings.
public struct SandboxPolicy: Sendable, Equatable {
  /// read-only, workspace-write or danger-full-access.
  public var mode: SandboxMode
  /// Extra directories writable in workspace-write mode.
  public var writableRoots: [String]
  /// Network in workspace-write mode (`sandbox_workspace_write.network_access`).
  public var networkAccess: Bool
  /// Do not make `$TMPDIR` writable.
  public var excludeTmpdirEnvVar: Bool
  /// Do not make `/tmp` writable.
  public var excludeSlashTmp: Bool
  /// Unix sockets outside the writable roots that commands may still reach with the
  /// network off (an ssh agent, say).
  public var allowUnixSockets: [String]
  /// Do not make the working directory writable (a permission profile that grants only
  /// other folders).
  public var excludeWorkingDirectory: Bool

  /// A policy; the workspace-write settings default to Codex's.
  public init(
    mode: SandboxMode, writableRoots: [String] = [], networkAccess: Bool = false,
    excludeTmpdirEnvVar: Bool = false, excludeSlashTmp: Bool = false,
    allowUnixSockets: [String] = [], excludeWorkingDirectory: Bool = false
  ) {
    self.allowUnixSockets = allowUnixSockets
    self.excludeWorkingDirectory = excludeWorkingDirectory
    self.mode = mode
    self.writableRoots = writableRoots
    self.networkAccess = networkAccess
    self.excludeTmpdirEnvVar = excludeTmpdirEnvVar
    self.excludeSlashTmp = excludeSlashTmp
  }

  /// Whether commands may use the network: always without a sandbox, never read-only.
  public var allowsNetwork: Bool {
    switch mode {
    case .dangerFullAccess: return true
    case .workspaceWrite: return networkAccess
    case .readOnly: return false
    }
  }

  /// The directories commands may write, before symlinks are resolved: the working
  /// directory, `writable_roots`, `$TMPDIR` and `/tmp` (unless excluded). Empty in
  /// read-only mode; meaningless in danger-full-access mode.
  public func writableRoots(workingDirectory: String, environment: [String: String]) -> [String] {
    guard mode == .workspaceWrite else { return [] }
    var roots =
      (excludeWorkingDirectory ? [] : [workingDirectory])
      + writableRoots.map { $0.hasPrefix("/") ? $0 : workingDirectory + "/" + $0 }
    if !excludeTmpdirEnvVar, let tmpdir = environment["TMPDIR"], tmpdir.hasPrefix("/") {
      roots.append(tmpdir)
    }
    if !excludeSlashTmp { roots.append("/tmp") }
    var seen = Set<String>()
    return roots.filter { seen.insert($0).inserted }
  }
}
