/// Programs codex itself runs on the workspace: git for snapshots, `/diff`, review, undo
/// and completion. The workspace may hold what a model planted (a repository whose
/// `core.fsmonitor`, hooks, filters, text conversions or credential helpers run
/// programs), and no list of settings to turn off is ever complete, so such a program
/// runs as an untrusted command does: in the read-only world, with no network, and with
/// only its own private directories writable.
public enum ConfinedProgram {
  /// The request for `command`, confined; unconfined only where the kernel cannot
  /// sandbox at all (there, commands need danger-full-access too).
  public static func request(
    _ command: [String], workingDirectory: String, environment: [String: String],
    writable: [String] = [], outputLimit: Int = 64 << 20,
    support: LinuxSandbox.Support = .current, fileSystem: FileSystemView = LocalFileSystem()
  ) -> ExecRequest {
    var request = ExecRequest(
      command: command, workingDirectory: workingDirectory, environment: environment,
      outputLimit: outputLimit)
    guard support.problem == nil else { return request }
    let roots = writable.compactMap { fileSystem.resolve($0) }.map { WritableArea.Root(path: $0) }
    request.sandbox = LinuxSandbox.rules(
      area: WritableArea(roots: roots), allowNetwork: false, workingDirectory: workingDirectory,
      support: support, fileSystem: fileSystem)
    return request
  }
}
