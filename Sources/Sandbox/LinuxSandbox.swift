import CShims

/// Whether this kernel can enforce the sandbox, and the rules for one command.
///
/// Enforcement happens in the child between fork and exec (see `CSandboxSpawn.h`):
/// Landlock for the file system, a seccomp filter for network sockets and dangerous
/// system calls, both inherited by every descendant.
public enum LinuxSandbox {
  /// What the kernel offers; `problem` explains in plain words why commands cannot be
  /// sandboxed here, or is nil when they can.
  public struct Support: Sendable, Equatable {
    public var landlockABI: Int
    public var seccomp: Bool

    public init(landlockABI: Int, seccomp: Bool) {
      self.landlockABI = landlockABI
      self.seccomp = seccomp
    }

    public static var current: Support {
      Support(landlockABI: Int(codex_landlock_abi()), seccomp: codex_seccomp_available() == 1)
    }

    public var problem: String? {
      if landlockABI < 1 {
        return
          "this kernel does not provide Landlock (Linux 5.13 or later with Landlock enabled is needed), "
          + "so commands cannot be sandboxed; choose --sandbox danger-full-access knowingly, "
          + "or run codex where Landlock is available"
      }
      if !seccomp {
        return "this kernel does not support seccomp filters, so commands cannot be sandboxed; "
          + "choose --sandbox danger-full-access knowingly"
      }
      return nil
    }
  }

  /// The restrictions for a command run under `policy`; nil for danger-full-access.
  public static func rules(
    for policy: SandboxPolicy, workingDirectory: String, environment: [String: String],
    fileSystem: FileSystemView = LocalFileSystem()
  ) -> SandboxRules? {
    if policy.mode == .dangerFullAccess { return nil }
    let roots = policy.writableRoots(workingDirectory: workingDirectory, environment: environment)
    return SandboxRules(
      plan: LandlockPlan(roots: roots, fileSystem: fileSystem), allowNetwork: policy.allowsNetwork)
  }
}

/// The kernel-level restrictions of one sandboxed command.
public struct SandboxRules: Sendable, Equatable {
  public var plan: LandlockPlan
  public var allowNetwork: Bool

  public init(plan: LandlockPlan, allowNetwork: Bool) {
    self.plan = plan
    self.allowNetwork = allowNetwork
  }

  /// Variables that tell the command it is sandboxed.
  public var environment: [String: String] {
    allowNetwork
      ? ["CODEX_SANDBOX": "seccomp"]
      : ["CODEX_SANDBOX": "seccomp", "CODEX_SANDBOX_NETWORK_DISABLED": "1"]
  }
}
