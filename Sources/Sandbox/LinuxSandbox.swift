internal import CSandbox
import Foundation

/// Whether this kernel can enforce the sandbox, and the rules for one command.
///
/// Enforcement happens in the child between fork and exec (see `CSandbox.h`): where the
/// kernel allows user namespaces, a world built for the command (a mount namespace with
/// everything read-only but the writable roots, `.git` and `.codex` read-only again or
/// held by placeholders, unix sockets bound outside masked; new session, PID, IPC, UTS
/// and, with the network off, network namespaces), and always Landlock for the file
/// system (and, from ABI 6, signals and abstract unix sockets) and a seccomp filter for
/// network sockets and dangerous system calls; all inherited by every descendant.
public enum LinuxSandbox {
  /// What the kernel offers; `problem` explains in plain words why commands cannot be
  /// sandboxed here, or is nil when they can.
  public struct Support: Sendable, Equatable {
    /// The Landlock ABI version, 0 when Landlock is unavailable.
    public var landlockABI: Int
    /// Whether seccomp filters can be installed.
    public var seccomp: Bool
    /// An unprivileged user namespace with a mount namespace can be made.
    public var namespaces: Bool

    /// Support as given (tests); `current` probes the kernel.
    public init(landlockABI: Int, seccomp: Bool, namespaces: Bool = false) {
      self.landlockABI = landlockABI
      self.seccomp = seccomp
      self.namespaces = namespaces
    }

    /// Probed once per process (the namespace probe starts a short-lived child).
    /// `CODEX_SANDBOX_NAMESPACES=0` turns namespaces off, for systems where they
    /// misbehave.
    public static let current: Support = {
      let disabled = ProcessInfo.processInfo.environment["CODEX_SANDBOX_NAMESPACES"] == "0"
      return Support(
        landlockABI: Int(codex_landlock_abi()), seccomp: codex_seccomp_available() == 1,
        namespaces: !disabled && codex_namespaces_available() == 1)
    }()

    /// Landlock ABI 6 scopes signals and abstract unix sockets to the sandbox.
    public var scopes: Bool { landlockABI >= 6 }

    /// Why commands cannot be sandboxed here, in plain words, or nil when they can.
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

  /// Said once where namespaces are missing and a root holds `.git` or `.codex`.
  public static let entryByEntryNotice =
    "note: this system does not allow user namespaces, so .git and .codex are kept "
    + "read-only by granting the workspace entry by entry: sandboxed commands cannot create "
    + "or delete files directly at its top level (apply_patch can)"

  /// The restrictions for a command run under `policy`; nil for danger-full-access.
  public static func rules(
    for policy: SandboxPolicy, workingDirectory: String, environment: [String: String],
    support: Support = .current, fileSystem: FileSystemView = LocalFileSystem(),
    unixSockets: () -> [String] = boundUnixSockets
  ) -> SandboxRules? {
    if policy.mode == .dangerFullAccess { return nil }
    let area = WritableArea(
      policy: policy, workingDirectory: workingDirectory, environment: environment,
      fileSystem: fileSystem)
    var rules = rules(
      area: area, allowNetwork: policy.allowsNetwork, allowUnixSockets: policy.allowUnixSockets,
      workingDirectory: workingDirectory, support: support, fileSystem: fileSystem,
      unixSockets: unixSockets)
    if rules.namespaces {
      rules.hiddenFiles = secretFiles(environment: environment, fileSystem: fileSystem)
    }
    return rules
  }

  /// Files of codex's that hold secrets (the API key `codex login` saved): a command
  /// reads anything else, but in its world these are empty.
  static func secretFiles(environment: [String: String], fileSystem: FileSystemView) -> [String] {
    guard
      let home = environment["CODEX_HOME"].flatMap({ $0.isEmpty ? nil : $0 })
        ?? environment["HOME"].map({ $0 + "/.codex" })
    else { return [] }
    let path = (home.hasPrefix("/") ? home : "/" + home) + "/auth.json"
    guard let resolved = fileSystem.resolve(path), fileSystem.kind(resolved) == .file else {
      return []
    }
    return [resolved]
  }

  /// The restrictions for a command that may write `area` only.
  public static func rules(
    area: WritableArea, allowNetwork: Bool, allowUnixSockets: [String] = [],
    workingDirectory: String, support: Support = .current,
    fileSystem: FileSystemView = LocalFileSystem(), unixSockets: () -> [String] = boundUnixSockets
  ) -> SandboxRules {
    let namespaces = support.namespaces
    var rules = SandboxRules(
      plan: LandlockPlan(area: area, mountNamespace: namespaces, fileSystem: fileSystem),
      allowNetwork: allowNetwork)
    rules.scopeSignals = support.scopes
    rules.scopeAbstractSockets = support.scopes && !allowNetwork
    // Always where the kernel allows them: the world is built (read-only but for the
    // writable roots), and the command gets PID, IPC and UTS namespaces, so nothing it
    // starts outlives it or reaches another process's shared memory.
    rules.namespaces = namespaces
    if namespaces {
      rules.writableMounts = area.roots.map(\.path)
      rules.placeholders = area.absentPaths
      // Abstract unix sockets of the host are out of reach through Landlock's scope where
      // the kernel has it; elsewhere a network namespace of its own keeps them out (it
      // costs about half a millisecond a command, so only where it is needed).
      rules.newNetwork = !allowNetwork && !support.scopes
      rules.privateSharedMemory = !area.roots.contains {
        PathResolution.isWithin("/dev/shm", $0.path)
      }
      if !allowNetwork {
        rules.maskedSockets = maskedSockets(
          unixSockets(), allowed: allowUnixSockets, workingDirectory: workingDirectory,
          fileSystem: fileSystem)
      }
    }
    return rules
  }

  /// The bound path sockets a command must not reach: every one bound when it starts,
  /// wherever it lies (under a writable root too: tmux, ssh-agent and X11 keep theirs in
  /// /tmp), but those allowed by name.
  static func maskedSockets(
    _ sockets: [String], allowed: [String], workingDirectory: String, fileSystem: FileSystemView
  ) -> [String] {
    let allowedResolved = Set(
      allowed.compactMap {
        fileSystem.resolve($0.hasPrefix("/") ? $0 : workingDirectory + "/" + $0)
      })
    var seen = Set<String>()
    return sockets.filter { socket in
      guard socket.hasPrefix("/"), seen.insert(socket).inserted else { return false }
      let resolved = fileSystem.resolve(socket) ?? socket
      return !allowedResolved.contains(resolved) && !allowedResolved.contains(socket)
    }
  }

  /// Keeps secrets codex read from its environment out of what another process of the
  /// same user can read: codex is made non-dumpable (its /proc/PID/environ and memory,
  /// and those of the supervisors it forks, need CAP_SYS_PTRACE), and the values of
  /// variables named like secrets (KEY, SECRET, TOKEN) are wiped from the original
  /// environment block after being copied. Root, or a process with CAP_SYS_PTRACE,
  /// can still read codex's memory. Call first thing, before threads start.
  public static func protectSecrets() {
    codex_protect_secrets()
  }

  /// Paths of the unix sockets bound on this system now (`/proc/net/unix`).
  public static func boundUnixSockets() -> [String] {
    var length = 0
    guard let buffer = codex_unix_socket_paths(&length) else { return [] }
    defer { free(buffer) }
    let bytes = UnsafeRawBufferPointer(start: buffer, count: length)
    return bytes.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
  }
}

/// The kernel-level restrictions of one sandboxed command.
public struct SandboxRules: Sendable, Equatable {
  /// What the command may write.
  public var plan: LandlockPlan
  /// Whether sockets other than unix ones may be made.
  public var allowNetwork: Bool
  /// Run in a user and mount namespace of its own (read-only mounts, masked sockets).
  public var namespaces = false
  /// Landlock scope: no signal to a process outside the sandbox.
  public var scopeSignals = false
  /// Landlock scope: no connection to an abstract unix socket made outside the sandbox.
  public var scopeAbstractSockets = false
  /// The writable roots, bound read-write in the command's world (Landlock's plan may
  /// grant one of them entry by entry).
  public var writableMounts: [String] = []
  /// Unix sockets covered by /dev/null in the command's mount namespace.
  public var maskedSockets: [String] = []
  /// Files covered by /dev/null in the command's world: codex's own secrets.
  public var hiddenFiles: [String] = []
  /// Absent protected paths: each gets an empty read-only directory in the command's
  /// world, made for the command's run and removed after it (see `Placeholders`).
  public var placeholders: [String] = []
  /// A network namespace of its own (the network is off): no interface but a loopback
  /// that is down, and no abstract unix socket of the host.
  public var newNetwork = false
  /// A private /dev/shm (unless it is a writable root).
  public var privateSharedMemory = false

  /// Rules with the plan; namespaces, scopes and masks are set by `rules(for:)`.
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
