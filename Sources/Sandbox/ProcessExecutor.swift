internal import CSandbox
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Runs commands in their own process group, stdin from `/dev/null`, optionally under
/// Landlock and seccomp, output streamed as it arrives and captured with a cap.
///
/// The wait is event-driven: one `poll` over both output pipes, a pidfd for the
/// child's exit and a wake-up pipe for cancellation, on a thread of its own, so that a
/// command costs no polling delay and never occupies the cooperative thread pool.
public enum ProcessExecutor {
  /// Receives output as it arrives, with the stream it came from.
  public typealias OutputHandler = @Sendable (OutputStreamKind, [UInt8]) -> Void

  /// Runs the command; cancelling the task stops it like a timeout does (SIGTERM to the
  /// group, SIGKILL after the grace period) and returns what it printed.
  public static func run(_ request: ExecRequest, onOutput: OutputHandler? = nil) async throws
    -> ExecResult
  {
    let wake = try Pipe.make()
    let box = ResultBox()
    return try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation { continuation in
        let thread = Thread {
          do {
            continuation.resume(
              returning: try runBlocking(request, wakeDescriptor: wake.read, onOutput: onOutput))
          } catch {
            continuation.resume(throwing: error)
          }
          box.finish(closing: wake)
        }
        thread.start()
      }
    } onCancel: {
      box.signal(wake)
    }
  }

  /// Runs the command on the calling thread. Writing a byte to `wakeDescriptor`
  /// cancels it.
  public static func runBlocking(
    _ request: ExecRequest, wakeDescriptor: Int32 = -1, onOutput: OutputHandler? = nil
  ) throws -> ExecResult {
    let executable = try executable(for: request)

    var input: Int32 = -1
    if let file = request.stdinFile {
      input = open(file, O_RDONLY | O_CLOEXEC)
      guard input >= 0 else {
        throw ExecError.spawnFailed(request.command[0], "cannot open \(file) for stdin")
      }
    }
    defer { if input >= 0 { close(input) } }
    let out = try Pipe.make()
    let err = try Pipe.make()
    let start = ContinuousClock.now
    let pid: pid_t
    let supervisor: Supervisor
    let placeholders = Placeholders.shared.hold(
      request.sandbox?.namespaces == true ? request.sandbox!.placeholders : [])
    defer { Placeholders.shared.release(placeholders) }
    do {
      (pid, supervisor) = try spawn(
        executable, request, placeholders: placeholders, stdin: input, stdout: out.write,
        stderr: err.write)
    } catch {
      [out.read, out.write, err.read, err.write].forEach { _ = close($0) }
      throw error
    }
    close(out.write)
    close(err.write)

    var waiter = ProcessWaiter(pid: pid, supervisor: supervisor, request: request, start: start)
    waiter.pump(stdout: out.read, stderr: err.read, wake: wakeDescriptor, onOutput: onOutput)
    close(out.read)
    close(err.read)
    return waiter.result(duration: ContinuousClock.now - start)
  }

  /// The program to run for `request`, checked with its working directory.
  private static func executable(for request: ExecRequest) throws -> String {
    guard let program = request.command.first else { throw ExecError.emptyCommand }
    var info = stat()
    guard stat(request.workingDirectory, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
      throw ExecError.workingDirectoryMissing(request.workingDirectory)
    }
    guard let executable = resolve(program, path: request.environment["PATH"]) else {
      throw ExecError.commandNotFound(program)
    }
    return executable
  }

  /// The program's path: as given when it holds a slash, else searched in `path`.
  public static func resolve(_ program: String, path: String?) -> String? {
    if program.contains("/") { return program }
    let directories = (path ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":")
    for directory in directories {
      let candidate = directory + "/" + program
      var info = stat()
      if stat(candidate, &info) == 0, info.st_mode & S_IFMT == S_IFREG, access(candidate, X_OK) == 0
      {
        return candidate
      }
    }
    return nil
  }

  /// Starts a long-lived program (an MCP server) through the same spawn as every
  /// command, with its standard streams on the descriptors given, and returns the pid
  /// that stands for it: its supervisor, which ends with the program's status and takes
  /// whatever the program started with it (also when codex dies). Signals go to the
  /// process group of that pid. Not for sandboxed requests: a placeholder lives only as
  /// long as a `run`.
  public static func launch(_ request: ExecRequest, stdin: Int32, stdout: Int32, stderr: Int32)
    throws -> Int32
  {
    precondition(request.sandbox == nil, "launch runs unsandboxed programs only")
    return try start(request, stdin: stdin, stdout: stdout, stderr: stderr).pid
  }

  /// Starts a program that runs on its own, sandboxed as the request says, with its
  /// standard streams on the descriptors given; with `terminal`, stdin is a
  /// pseudo-terminal's slave that becomes its controlling terminal. The caller reads
  /// and writes the other ends, and polls or waits on the returned process.
  public static func start(
    _ request: ExecRequest, stdin: Int32, stdout: Int32, stderr: Int32, terminal: Bool = false
  ) throws -> LaunchedProcess {
    let executable = try executable(for: request)
    let placeholders = Placeholders.shared.hold(
      request.sandbox?.namespaces == true ? request.sandbox!.placeholders : [])
    do {
      // From the one thread that lives as long as codex: the supervisor dies with the
      // thread that spawned it.
      let (pid, supervisor) = try SpawnThread.shared.run {
        try spawn(
          executable, request, placeholders: placeholders, stdin: stdin, stdout: stdout,
          stderr: stderr, terminal: terminal)
      }
      return LaunchedProcess(pid: pid, supervisor: supervisor, placeholders: placeholders)
    } catch {
      Placeholders.shared.release(placeholders)
      throw error
    }
  }

  private static func spawn(
    _ executable: String, _ request: ExecRequest, placeholders: [String], stdin: Int32 = -1,
    stdout: Int32, stderr: Int32, terminal: Bool = false
  ) throws -> (pid_t, Supervisor) {
    var environment = request.environment
    var ruleset: Int32 = -1
    var seccomp: SeccompProgram?
    if let sandbox = request.sandbox {
      environment.merge(sandbox.environment) { _, new in new }
      ruleset = try landlockRuleset(sandbox)
      seccomp = try SeccompProgram.shared(allowNetwork: sandbox.allowNetwork)
    }
    defer { if ruleset >= 0 { close(ruleset) } }

    let world = request.sandbox.flatMap { $0.namespaces ? $0 : nil }
    let argv = CStringArray([executable] + request.command.dropFirst())
    let envp = CStringArray(environment.map { "\($0.key)=\($0.value)" }.sorted())
    let writable = CStringArray(world?.writableMounts ?? [])
    let readOnly = CStringArray((world?.plan.readOnlyMounts ?? []) + placeholders)
    let masked = CStringArray((world?.maskedSockets ?? []) + (world?.hiddenFiles ?? []))
    let uid = geteuid()
    let gid = getegid()
    var pid: pid_t = 0
    var kind: Int32 = 0
    // Every pointer the request holds must stay valid until codex_spawn returns.
    let status = withExtendedLifetime((argv, envp, writable, readOnly, masked)) {
      executable.withCString { path in
        request.workingDirectory.withCString { cwd in
          "\(uid) \(uid) 1".withCString { uidMap in
            "\(gid) \(gid) 1".withCString { gidMap in
              withUnsafePointer(to: seccomp?.program ?? codex_seccomp_program()) { program in
                var spawn = codex_spawn_request(
                  path: path, argv: argv.base, envp: envp.base, cwd: cwd,
                  stdin_fd: stdin, controlling_tty: terminal ? 1 : 0, stdout_fd: stdout,
                  stderr_fd: stderr,
                  landlock_ruleset: ruleset, seccomp: seccomp == nil ? nil : program,
                  namespaces: world == nil ? 0 : 1, new_network: world?.newNetwork == true ? 1 : 0,
                  uid_map: uidMap, gid_map: gidMap,
                  world: codex_world(
                    writable: writable.constBase, writable_count: Int32(writable.count),
                    readonly: readOnly.constBase, readonly_count: Int32(readOnly.count),
                    masked: masked.constBase, masked_count: Int32(masked.count),
                    private_shm: world?.privateSharedMemory == true ? 1 : 0))
                return codex_spawn(&spawn, &pid, &kind)
              }
            }
          }
        }
      }
    }
    guard status == 0 else {
      throw ExecError.spawnFailed(request.command[0], String(cString: strerror(status)))
    }
    return (pid, kind == CODEX_SUPERVISOR_INIT ? .pidNamespaceInit : .reaper)
  }

  private static func landlockRuleset(_ rules: SandboxRules) throws -> Int32 {
    let directories = CStringArray(rules.plan.writeDirectories)
    let files = CStringArray(rules.plan.writeFiles)
    var scopes: UInt32 = 0
    if rules.scopeSignals { scopes |= UInt32(CODEX_SCOPE_SIGNAL) }
    if rules.scopeAbstractSockets { scopes |= UInt32(CODEX_SCOPE_ABSTRACT_UNIX_SOCKET) }
    let descriptor = withExtendedLifetime((directories, files)) {
      codex_landlock_ruleset(
        directories.constBase, Int32(directories.count), files.constBase, Int32(files.count),
        scopes)
    }
    guard descriptor >= 0 else {
      if descriptor == -ENOSYS {
        throw ExecError.sandboxUnavailable(
          LinuxSandbox.Support.current.problem ?? "Landlock is not available")
      }
      throw ExecError.sandboxUnavailable("Landlock: " + String(cString: strerror(-descriptor)))
    }
    return descriptor
  }
}

/// A compiled seccomp filter, built once per network setting and kept for the process.
// @unchecked Sendable: built once and never changed; the filter is only read when a child
// is spawned.
final class SeccompProgram: @unchecked Sendable {
  let program: codex_seccomp_program
  private static let lock = NSLock()
  nonisolated(unsafe) private static var built: [Bool: SeccompProgram] = [:]

  private init(program: codex_seccomp_program) {
    self.program = program
  }

  static func shared(allowNetwork: Bool) throws -> SeccompProgram {
    try lock.withLock {
      if let existing = built[allowNetwork] { return existing }
      var program = codex_seccomp_program()
      let status = codex_seccomp_build(allowNetwork ? 1 : 0, &program)
      guard status == 0 else {
        if let problem = codex_seccomp_problem() {
          throw ExecError.sandboxUnavailable(String(cString: problem))
        }
        throw ExecError.sandboxUnavailable("seccomp: " + String(cString: strerror(-status)))
      }
      let made = SeccompProgram(program: program)
      built[allowNetwork] = made
      return made
    }
  }
}

/// A pipe whose both ends close on exec.
struct Pipe: Sendable {
  var read: Int32
  var write: Int32

  static func make() throws -> Pipe {
    var fds: [Int32] = [0, 0]
    guard codex_pipe_cloexec(&fds) == 0 else {
      throw ExecError.spawnFailed("pipe", String(cString: strerror(errno)))
    }
    return Pipe(read: fds[0], write: fds[1])
  }
}

/// Closes the wake-up pipe exactly once, after the run, and signals it only while open.
// @unchecked Sendable: the pipe's state is read and changed under `lock`.
private final class ResultBox: @unchecked Sendable {
  private let lock = NSLock()
  private var finished = false

  func signal(_ pipe: Pipe) {
    lock.withLock {
      guard !finished else { return }
      var byte: UInt8 = 1
      _ = write(pipe.write, &byte, 1)
    }
  }

  func finish(closing pipe: Pipe) {
    lock.withLock {
      finished = true
      close(pipe.read)
      close(pipe.write)
    }
  }
}

/// NUL-terminated C strings, and a NULL-terminated array of them, that live as long as
/// this value (so the pointers stay valid without nesting closures).
final class CStringArray {
  let count: Int
  let base: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>

  init(_ strings: [String]) {
    count = strings.count
    base = .allocate(capacity: strings.count + 1)
    for (index, string) in strings.enumerated() { base[index] = strdup(string) }
    base[strings.count] = nil
  }

  /// The same array, typed as C's `const char *const *`.
  var constBase: UnsafePointer<UnsafePointer<CChar>?> {
    UnsafeRawPointer(base).assumingMemoryBound(to: UnsafePointer<CChar>?.self)
  }

  deinit {
    for index in 0..<count { free(base[index]) }
    base.deallocate()
  }
}
