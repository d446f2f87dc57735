/// What the sandbox enforces for a policy in a directory, and by which mechanism, in
/// lines for `codex sandbox --explain`.
public enum SandboxExplanation {
  /// The explanation for `policy` in `workingDirectory`: each writable root, what stays
  /// read-only, and which mechanism enforces what on this kernel.
  public static func lines(
    policy: SandboxPolicy, workingDirectory: String, environment: [String: String],
    support: LinuxSandbox.Support = .current, fileSystem: FileSystemView = LocalFileSystem(),
    unixSockets: () -> [String] = LinuxSandbox.boundUnixSockets
  ) -> [String] {
    var lines = ["mode: \(policy.mode.rawValue)", "working directory: \(workingDirectory)"]
    if policy.mode == .dangerFullAccess {
      return lines + ["nothing is enforced: commands run with all of your rights, network included"]
    }
    if let problem = support.problem {
      return lines + ["cannot be enforced here: \(problem)"]
    }
    guard
      let rules = LinuxSandbox.rules(
        for: policy, workingDirectory: workingDirectory, environment: environment,
        support: support, fileSystem: fileSystem, unixSockets: unixSockets)
    else { return lines }
    let area = WritableArea(
      policy: policy, workingDirectory: workingDirectory, environment: environment,
      fileSystem: fileSystem)
    let landlock = "Landlock ABI \(support.landlockABI)"
    let network = policy.allowsNetwork
    if support.namespaces {
      lines.append(
        "the command's world: new user, mount, PID, IPC and UTS namespaces"
          + (rules.newNetwork ? " and a network namespace" : "") + ", a new session")
      lines.append("  file system: read-only (and nosuid) everywhere but the writable roots")
    } else {
      lines.append(
        "the command's world: NOT built (user namespaces are not available here: some "
          + "containers, Ubuntu's AppArmor rule); Landlock and seccomp alone, a new session")
    }
    lines.append("writable roots (\(landlock)\(support.namespaces ? ", bound read-write" : "")):")
    if area.roots.isEmpty { lines.append("  none") }
    for root in area.roots { lines.append("  \(root.path)") }
    lines.append("read-only inside them:")
    if area.readOnlyPaths.isEmpty && (area.absentPaths.isEmpty || !support.namespaces) {
      lines.append("  none")
    }
    let entryByEntry = rules.plan.grantsEntryByEntry(area)
    for path in area.readOnlyPaths {
      let how =
        support.namespaces
        ? "bound read-only" : "\(landlock), the root granted entry by entry"
      lines.append("  \(path) (\(how))")
    }
    if support.namespaces {
      for path in area.absentPaths {
        lines.append("  \(path) (absent: a read-only placeholder while a command runs)")
      }
    }
    if entryByEntry {
      lines.append("  " + LinuxSandbox.entryByEntryNotice)
    }
    lines.append(
      "network: "
        + (network
          ? "allowed"
          : "blocked (seccomp: no socket but AF_UNIX"
            + (rules.newNetwork ? "; a network namespace with a loopback that is down)" : ")")))
    if network {
      lines.append("unix sockets: all reachable (the network is on)")
    } else if support.namespaces {
      let allowed =
        policy.allowUnixSockets.isEmpty
        ? "" : "; allowed: " + policy.allowUnixSockets.joined(separator: ", ")
      lines.append(
        "unix sockets: every path socket bound when the command starts is masked, wherever "
          + "it lies (\(rules.maskedSockets.count) now)\(allowed); sockets the command makes work")
    }
    if support.scopes {
      lines.append("signals: only to processes inside the sandbox (\(landlock) scope)")
      lines.append(
        network
          ? "abstract unix sockets: reachable (the network is on)"
          : "abstract unix sockets: only those made inside the sandbox (\(landlock) scope)")
    } else {
      lines.append(
        "signals and abstract unix sockets: NOT enforced (Landlock ABI 6 needed, this kernel has \(support.landlockABI))"
      )
    }
    lines.append(
      "always refused (seccomp): ptrace, process_vm_*, io_uring, bpf, keyrings, mount and "
        + "mount_setattr, unshare, setns, clone with CLONE_NEW* flags (clone3: ENOSYS), chroot, "
        + "module loading, personality changes, TIOCSTI and TIOCLINUX")
    lines.append(
      support.namespaces
        ? "codex's saved key ($CODEX_HOME/auth.json): empty in the command's world"
        : "not enforced: codex's saved key ($CODEX_HOME/auth.json) can be read by commands")
    lines.append(
      "terminal: none (a new session without a controlling terminal: /dev/tty cannot be opened)")
    lines.append(
      "processes: "
        + (support.namespaces
          ? "a PID namespace per command: nothing it starts outlives it or codex"
          : "a reaper per command (child subreaper): nothing it starts, setsid and double forks included, outlives it or codex")
    )
    lines.append(
      "secrets: codex is not dumpable and wipes the values of KEY, SECRET and TOKEN variables "
        + "from its environment block, so /proc/PID/environ of codex and of a command's "
        + "supervisor shows none; a process running as root (CAP_SYS_PTRACE) can still read "
        + "codex's memory")
    if support.namespaces {
      if !network {
        lines.append(
          "not enforced: a unix socket bound outside after the command started, or bound by a "
            + "relative path, is not masked")
      }
    } else {
      lines.append(
        "not enforced: file metadata outside the writable roots (chmod, chown, utimes, "
          + "extended attributes): Landlock has no right for them; as root this means set-user-ID "
          + "on any binary")
      if !network {
        lines.append(
          "not enforced: unix sockets (path sockets) bound by processes outside the sandbox are "
            + "reachable, under the writable roots too")
      }
      lines.append(
        "not enforced: .git and .codex that do not exist yet can be created by commands "
          + "(apply_patch refuses them; codex's own git runs confined)")
      lines.append("not enforced: SysV IPC is the host's (no IPC namespace)")
    }
    return lines
  }
}
