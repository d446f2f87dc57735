/// Whether a failed command was most likely stopped by the sandbox rather than failing
/// on its own: only then is running it again without the sandbox worth asking about.
public enum SandboxDenial {
  /// Words the system prints when Landlock, seccomp or a read-only mount refuse.
  static let signs = [
    "permission denied", "operation not permitted", "read-only file system",
    "eacces", "eperm", "erofs", "seccomp", "landlock", "bad system call",
    "network is unreachable", "could not resolve host", "temporary failure in name resolution",
    "address family not supported",
  ]

  /// The reason to show, or nil when the failure does not look like the sandbox's.
  public static func reason(exitCode: Int32, signal: Int32?, output: String) -> String? {
    if signal == 31 { return "a system call was blocked (SIGSYS)" }
    guard exitCode != 0 else { return nil }
    let lowered = output.lowercased()
    guard signs.contains(where: lowered.contains) else { return nil }
    let line =
      output.split(separator: "\n").last { line in
        signs.contains { line.lowercased().contains($0) }
      }.map(String.init) ?? ""
    return String(line.prefix(300))
  }
}
