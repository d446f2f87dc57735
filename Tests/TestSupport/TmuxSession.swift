import Foundation

/// A program running in a pseudo-terminal under a private tmux server, driven as a
/// person would: keys in, screen out.
public final class TmuxSession: @unchecked Sendable {
  public struct Failure: Error, CustomStringConvertible {
    public var description: String
  }

  private let socket = "codex-test-\(UUID().uuidString.prefix(8))"
  private let scratch: String
  /// Every byte the program wrote to the terminal.
  public let rawOutputPath: String

  /// tmux as found on `PATH`, or nil.
  public static let executable: String? = {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    return path.split(separator: ":").map { "\($0)/tmux" }.first {
      FileManager.default.isExecutableFile(atPath: $0)
    }
  }()

  public static var isAvailable: Bool { executable != nil }

  /// Starts `arguments` in `directory` with `environment` added, in a terminal of the
  /// given size. The pane stays after the program exits, so its last screen can be read.
  public init(
    _ arguments: [String], environment: [String: String], directory: String, width: Int = 120,
    height: Int = 40
  ) throws {
    scratch =
      FileManager.default.temporaryDirectory.appendingPathComponent(
        "codex-tmux-\(UUID().uuidString)"
      ).path
    try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
    rawOutputPath = scratch + "/raw"
    let configuration = scratch + "/tmux.conf"
    try "set -g remain-on-exit on\nset -g history-limit 5000\n".write(
      toFile: configuration, atomically: true, encoding: .utf8)
    let command =
      ["env"] + environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" } + arguments
    try tmux(
      [
        "-f", configuration, "new-session", "-d", "-s", "main", "-x", "\(width)", "-y", "\(height)",
        "-c", directory, Self.shellJoin(command),
      ])
    try tmux(["pipe-pane", "-t", "main", "-o", "cat >> " + Self.shellJoin([rawOutputPath])])
  }

  deinit { stop() }

  /// Sends tmux key names (`Enter`, `Tab`, `C-c`, `Up`).
  public func press(_ keys: String...) throws {
    try tmux(["send-keys", "-t", "main"] + keys)
  }

  /// Types text literally.
  public func type(_ text: String) throws {
    try tmux(["send-keys", "-t", "main", "-l", text])
  }

  /// The screen and its scrollback, as text.
  public func screen() throws -> String {
    try tmux(["capture-pane", "-t", "main", "-p", "-J", "-S", "-5000"])
  }

  /// Waits until `condition` holds for the screen, and returns that screen. Fails with
  /// the last screen after `timeout` seconds.
  @discardableResult
  public func waitUntil(
    timeout: Double = 20, _ what: String, _ condition: (String) -> Bool
  ) throws -> String {
    let deadline = Date().addingTimeInterval(timeout)
    var last = ""
    while Date() < deadline {
      last = try screen()
      if condition(last) { return last }
      usleep(50_000)
    }
    throw Failure(description: "timed out waiting for \(what); the screen was:\n\(last)")
  }

  /// Waits until the screen shows `text` `count` times.
  @discardableResult
  public func waitFor(_ text: String, count: Int = 1, timeout: Double = 20) throws -> String {
    try waitUntil(timeout: timeout, "\"\(text)\" ×\(count)") {
      $0.components(separatedBy: text).count - 1 >= count
    }
  }

  /// The program's exit status once it has ended.
  public func waitForExit(timeout: Double = 20) throws -> Int {
    var status = 0
    try waitUntil(timeout: timeout, "the program to exit") { _ in
      guard
        let text = try? tmux([
          "display-message", "-p", "-t", "main", "#{pane_dead} #{pid} #{pane_dead_status}",
        ])
      else { return false }
      let fields = text.split(separator: " ").map {
        $0.trimmingCharacters(in: .whitespacesAndNewlines)
      }
      guard fields.count >= 2, fields[0] == "1" else { return false }
      guard fields.count == 3, let code = Int(fields[2]) else {
        // tmux 3.3 can see the terminal close and then miss the program's SIGCHLD,
        // leaving it a zombie without a status; another SIGCHLD makes it collect it.
        if let server = Int32(fields[1]) { kill(server, SIGCHLD) }
        return false
      }
      status = code
      return true
    }
    return status
  }

  /// The pid of the program in the pane (`env` execs it, so it is the program's own).
  public func programPID() throws -> pid_t {
    let text = try tmux(["display-message", "-p", "-t", "main", "#{pane_pid}"])
    guard let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
      throw Failure(description: "no pane pid in \(text)")
    }
    return pid
  }

  /// The pane's title, which an escape sequence (OSC 0 or 2) could set.
  public func title() throws -> String {
    try tmux(["display-message", "-p", "-t", "main", "#{pane_title}"])
      .trimmingCharacters(in: .whitespacesAndNewlines)
  }

  public func rawOutput() -> [UInt8] {
    Array(FileManager.default.contents(atPath: rawOutputPath) ?? Data())
  }

  /// Ends the program and the tmux server (tmux's kill-server alone can leave both
  /// running while the program waits on the terminal).
  public func stop() {
    if let pids = try? tmux(["display-message", "-p", "-t", "main", "#{pane_pid} #{pid}"]) {
      for pid in pids.split(separator: " ").compactMap({
        Int32($0.trimmingCharacters(in: .whitespacesAndNewlines))
      }) {
        kill(pid, SIGKILL)
      }
    }
    try? FileManager.default.removeItem(atPath: scratch)
  }

  @discardableResult
  private func tmux(_ arguments: [String]) throws -> String {
    var environment = ProcessInfo.processInfo.environment
    environment["TMUX"] = nil
    let result = try Spawn.run(
      [Self.executable ?? "tmux", "-L", socket] + arguments, environment: environment)
    guard result.status == 0 else {
      throw Failure(description: "tmux \(arguments.joined(separator: " ")): \(result.output)")
    }
    return result.output
  }

  static func shellJoin(_ words: [String]) -> String {
    words.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
  }
}
