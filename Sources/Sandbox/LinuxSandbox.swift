import CShims

#if canImport(Glibc)
  import Glibc
#endif

/// Whether this kernel can enforce the sandbox, and how to launch a command under it.
public struct LinuxSandbox: Sendable {
  /// The helper executable (`codex-linux-sandbox`).
  public var helperPath: String

  public init(helperPath: String) {
    self.helperPath = helperPath
  }

  /// The helper next to the running executable, or `CODEX_LINUX_SANDBOX_EXE`.
  public static func locate(environment: [String: String]) -> LinuxSandbox? {
    if let path = environment["CODEX_LINUX_SANDBOX_EXE"], !path.isEmpty {
      return LinuxSandbox(helperPath: path)
    }
    var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
    guard count > 0 else { return nil }
    let executable = String(
      decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    let directory = executable.split(separator: "/", omittingEmptySubsequences: false).dropLast()
      .joined(separator: "/")
    let helper = directory + "/codex-linux-sandbox"
    return access(helper, X_OK) == 0 ? LinuxSandbox(helperPath: helper) : nil
  }

  /// What the kernel offers; `problem` explains in plain words why commands cannot be
  /// sandboxed here, or is nil when they can.
  public struct Support: Sendable, Equatable {
    public var landlockABI: Int
    public var seccomp: Bool

    public static var current: Support {
      Support(landlockABI: Int(codex_landlock_abi()), seccomp: codex_seccomp_available() == 1)
    }

    public var problem: String? {
      if landlockABI < 1 {
        return
          "this kernel does not provide Landlock (Linux 5.13 or later with Landlock enabled is needed), "
          + "so commands cannot be sandboxed; choose --sandbox danger-full-access knowingly, or run codex where Landlock is available"
      }
      if !seccomp {
        return "this kernel does not support seccomp filters, so commands cannot be sandboxed; "
          + "choose --sandbox danger-full-access knowingly"
      }
      return nil
    }
  }

  /// The argv that runs `command` under `policy`: the helper with its rules, then the
  /// command; the command itself when the policy is danger-full-access.
  public func wrap(
    _ command: [String], policy: SandboxPolicy, workingDirectory: String,
    environment: [String: String],
    fileSystem: FileSystemView = LocalFileSystem()
  ) -> [String] {
    if policy.mode == .dangerFullAccess { return command }
    let roots = policy.writableRoots(workingDirectory: workingDirectory, environment: environment)
    let plan = LandlockPlan(roots: roots, fileSystem: fileSystem)
    return [helperPath] + plan.helperArguments + (policy.allowsNetwork ? ["--network"] : []) + [
      "--"
    ] + command
  }
}
