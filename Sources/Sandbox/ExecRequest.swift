/// A command to run, where, with what, and for how long.
public struct ExecRequest: Sendable {
  /// Program and arguments; the program is looked up in the request's `PATH`.
  public var command: [String]
  /// Where it runs; it must exist.
  public var workingDirectory: String
  /// The complete environment of the command.
  public var environment: [String: String]
  /// After this long the process group gets SIGTERM, and SIGKILL `killGrace` later.
  public var timeout: Duration?
  /// How long a terminated group has before SIGKILL.
  public var killGrace: Duration
  /// Bytes kept of each output stream (head and tail halves).
  public var outputLimit: Int
  /// Landlock and seccomp restrictions; nil runs the command unrestricted.
  public var sandbox: SandboxRules?
  /// A file the command reads as its stdin (`run` only); nil gives it `/dev/null`.
  public var stdinFile: String?

  /// A request with defaults: no timeout, 2 s grace, 256 KiB of output kept, no sandbox.
  public init(
    command: [String], workingDirectory: String, environment: [String: String],
    timeout: Duration? = nil, killGrace: Duration = .seconds(2), outputLimit: Int = 256 * 1024,
    sandbox: SandboxRules? = nil
  ) {
    self.sandbox = sandbox
    self.command = command
    self.workingDirectory = workingDirectory
    self.environment = environment
    self.timeout = timeout
    self.killGrace = killGrace
    self.outputLimit = outputLimit
  }
}

/// How a command ended and what it printed.
public struct ExecResult: Sendable {
  /// The exit code, when the process exited rather than being killed by a signal.
  public var exitCode: Int32?
  /// The signal that ended the process, if one did.
  public var signal: Int32?
  /// The timeout ended it.
  public var timedOut: Bool
  /// Cancelling the task ended it.
  public var cancelled: Bool
  /// What it wrote to stdout, capped.
  public var stdout: CappedOutput
  /// What it wrote to stderr, capped.
  public var stderr: CappedOutput
  /// How long it ran, from spawn to exit.
  public var duration: Duration

  /// A result, as the executor reports it.
  public init(
    exitCode: Int32?, signal: Int32?, timedOut: Bool, cancelled: Bool, stdout: CappedOutput,
    stderr: CappedOutput, duration: Duration
  ) {
    self.exitCode = exitCode
    self.signal = signal
    self.timedOut = timedOut
    self.cancelled = cancelled
    self.stdout = stdout
    self.stderr = stderr
    self.duration = duration
  }

  /// The status a shell would report: the exit code, or 128 + the signal number.
  public var status: Int32 { exitCode ?? (128 + (signal ?? 0)) }
}

/// Which stream a chunk of output came from.
public enum OutputStreamKind: Sendable {
  case stdout, stderr
}

/// Why a command could not be started at all.
public enum ExecError: Error, Equatable, CustomStringConvertible {
  case workingDirectoryMissing(String)
  case commandNotFound(String)
  case spawnFailed(String, String)
  case sandboxUnavailable(String)
  case emptyCommand

  /// The reason in plain words, naming the path or command.
  public var description: String {
    switch self {
    case .workingDirectoryMissing(let path):
      return "working directory \(path) does not exist or is not a directory"
    case .commandNotFound(let name): return "command not found: \(name)"
    case .spawnFailed(let name, let reason): return "cannot start \(name): \(reason)"
    case .sandboxUnavailable(let reason): return "cannot sandbox the command: \(reason)"
    case .emptyCommand: return "empty command"
    }
  }
}
