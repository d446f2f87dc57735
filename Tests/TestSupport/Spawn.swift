import Foundation

/// Runs a program to its end and returns its status and output (stdout and stderr
/// together). posix_spawn and waitpid: Foundation's Process may not notice a
/// short-lived child end while the test runner's threads are busy.
public enum Spawn {
  public struct Failure: Error, CustomStringConvertible {
    public var description: String
    public init(description: String) { self.description = description }
  }

  public static func run(
    _ arguments: [String], directory: String? = nil,
    environment: [String: String] = ProcessInfo.processInfo.environment,
    timeLimit: Double = defaultTimeLimit
  ) throws -> (status: Int32, output: String) {
    // A file, not a pipe: a daemon the program starts (a tmux server) keeps its
    // descriptors, so a pipe would never reach its end.
    let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent(
      "spawn-\(UUID().uuidString)"
    ).path
    defer { try? FileManager.default.removeItem(atPath: outputPath) }
    let status = try run(
      arguments, stdin: "/dev/null", stdout: outputPath, stderr: nil, directory: directory,
      environment: environment, timeLimit: timeLimit)
    let output = String(
      decoding: FileManager.default.contents(atPath: outputPath) ?? Data(), as: UTF8.self)
    return (status, output)
  }

  /// How long a child may run before it and its process group are killed: far above
  /// any test's need, so reaching it means a hang.
  public static let defaultTimeLimit: Double = 90

  /// Runs a program to its end with its streams on files (stderr on stdout's file
  /// when nil); returns the raw wait status. posix_spawn, not Foundation's Process,
  /// which crashed launching from several threads at once. The program leads a process
  /// group of its own; past `timeLimit` seconds the group is killed and this throws,
  /// naming the command, so a hung child fails its test instead of hanging the run.
  public static func run(
    _ arguments: [String], stdin: String, stdout: String, stderr: String?,
    directory: String?, environment: [String: String], timeLimit: Double = defaultTimeLimit
  ) throws -> Int32 {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, stdin, O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    if let stderr {
      posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    } else {
      posix_spawn_file_actions_adddup2(&actions, 1, 2)
    }
    // glibc's addchdir is not visible to Swift here: let a shell change directory.
    let arguments =
      directory.map { ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", $0] + arguments } ?? arguments
    var argv = arguments.map { strdup($0) } + [nil]
    var envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
      argv.forEach { free($0) }
      envp.forEach { free($0) }
    }
    // The test runner's threads block some signals; a child (a tmux server) must not
    // inherit that, or it never hears of its own children ending.
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var noSignals = sigset_t()
    sigemptyset(&noSignals)
    var allSignals = sigset_t()
    sigfillset(&allSignals)
    posix_spawnattr_setsigmask(&attributes, &noSignals)
    posix_spawnattr_setsigdefault(&attributes, &allSignals)
    posix_spawnattr_setpgroup(&attributes, 0)
    posix_spawnattr_setflags(
      &attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))
    var pid: pid_t = 0
    let spawned = posix_spawnp(&pid, arguments[0], &actions, &attributes, &argv, &envp)
    guard spawned == 0 else {
      throw Failure(
        description: "cannot start \(arguments[0]): \(String(cString: strerror(spawned)))")
    }
    let watch = Watchdog(group: pid, seconds: timeLimit)
    // Wait for the end without reaping (WNOWAIT), disarm, then reap: the group id
    // stays taken while the kill is armed, so it can never hit a stranger.
    var info = siginfo_t()
    while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) < 0 && errno == EINTR {}
    let killed = watch.finish()
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    if killed {
      throw Failure(
        description:
          "`\(arguments.joined(separator: " "))` ran past its limit of \(Int(timeLimit)) s; its process group was killed"
      )
    }
    return status
  }
}

/// Kills a process group unless told first that its leader ended.
private final class Watchdog: @unchecked Sendable {
  private let lock = NSLock()
  private var finished = false
  private var fired = false

  init(group: pid_t, seconds: Double) {
    DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { [self] in
      lock.withLock {
        guard !finished else { return }
        fired = true
        kill(-group, SIGKILL)
      }
    }
  }

  /// Disarms the kill; true when it already happened.
  func finish() -> Bool {
    lock.withLock {
      finished = true
      return fired
    }
  }
}
