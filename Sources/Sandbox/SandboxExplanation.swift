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

    lines.append("writable roots (\(landlock)):")
    if area.roots.isEmpty { lines.append("  none") }
    for root in area.roots { lines.append("  \(root.path)") }
    lines.append("read-only inside them:")
    if area.readOnlyPaths.isEmpty { lines.append("  none") }
    let entryByEntry = rules.plan.grantsEntryByEntry(area)
    for path in area.readOnlyPaths {
      let how =
        support.namespaces
        ? "read-only bind mount in a mount namespace"
        : "\(landlock), the root granted entry by entry"
      lines.append("  \(path) (\(how))")
    }
    if entryByEntry {
      lines.append("  " + LinuxSandbox.entryByEntryNotice)
    }
    lines.append(
      "network: "
        + (policy.allowsNetwork
          ? "allowed" : "blocked (seccomp: no socket but AF_UNIX)"))
    if policy.allowsNetwork {
      lines.append("unix sockets: all reachable (the network is on)")
    } else if support.namespaces {
      let allowed =
        policy.allowUnixSockets.isEmpty
        ? "" : "; allowed: " + policy.allowUnixSockets.joined(separator: ", ")
      lines.append(
        "unix sockets: those bound outside the writable roots are masked in a mount namespace "
          + "(\(rules.maskedSockets.count) now)\(allowed)")
    } else {
      lines.append(
        "unix sockets: NOT enforced for path sockets outside the writable roots (no user namespaces here)"
      )
    }
    if support.scopes {
      lines.append("signals: only to processes inside the sandbox (\(landlock) scope)")
      lines.append(
        policy.allowsNetwork
          ? "abstract unix sockets: reachable (the network is on)"
          : "abstract unix sockets: only those made inside the sandbox (\(landlock) scope)")
    } else {
      lines.append(
        "signals and abstract unix sockets: NOT enforced (Landlock ABI 6 needed, this kernel has \(support.landlockABI))"
      )
    }
    lines.append(
      "always refused (seccomp): ptrace, process_vm_*, io_uring, bpf, keyrings, mount, unshare, setns, module loading, personality changes"
    )
    lines.append(
      "user and mount namespaces: "
        + (support.namespaces
          ? "available" : "not available (some containers, Ubuntu's AppArmor rule)"))
    lines.append(
      "processes: "
        + (support.namespaces
          ? "a PID namespace per command: nothing it starts outlives it or codex"
          : "a reaper per command (child subreaper): nothing it starts, setsid and double forks included, outlives it or codex")
    )
    return lines
  }
}
