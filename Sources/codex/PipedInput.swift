import Foundation

/// Input piped to `codex exec` beside a prompt argument. Only a file, or a pipe or
/// socket that has data or its end ready within a moment, is read: a stdin inherited
/// from a parent that never closes it (CI runners, editors, other agents) must not
/// leave codex waiting forever.
enum PipedInput {
  /// How long a pipe may take to show its first byte or its end.
  static let patience: Int32 = 250

  /// The text on stdin, or nil when there is none to read.
  static func read() -> String? {
    guard isatty(0) == 0 else { return nil }
    var info = stat()
    guard fstat(0, &info) == 0 else { return nil }
    switch info.st_mode & S_IFMT {
    case S_IFREG:
      break
    case S_IFIFO, S_IFSOCK:
      var ready = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
      guard poll(&ready, 1, patience) == 1 else { return nil }
    default:
      return nil  // /dev/null and other devices
    }
    let data = FileHandle.standardInput.readDataToEndOfFile()
    return String(decoding: data, as: UTF8.self)
  }
}
