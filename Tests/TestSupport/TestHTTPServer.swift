import Foundation

/// A server script from `scripts/` on 127.0.0.1, started for a test and stopped by it.
/// The script prints "PID PORT" on its first line.
public final class TestHTTPServer: @unchecked Sendable {
  private let stream: UnsafeMutablePointer<FILE>
  private let pid: Int32
  public let port: Int

  public struct StartFailure: Error, CustomStringConvertible {
    public var description: String
  }

  /// The project's `scripts/` folder.
  public static let scripts = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("scripts")

  public convenience init(script name: String = "test-http-server", arguments: [String] = [])
    throws
  {
    try self.init(
      command: ["python3", Self.scripts.appendingPathComponent(name).path] + arguments)
  }

  /// Any server program that prints "PID PORT" first.
  public init(command: [String]) throws {
    let script = command.joined(separator: " ")
    let quoted = command.map {
      "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
    // Its stderr goes to a file: a server left behind by a crashed test process must
    // not hold the test runner's output open. CODEX_TEST_PARENT makes it leave then.
    let log = FileManager.default.temporaryDirectory.appendingPathComponent(
      "test-server-\(UUID().uuidString).log"
    ).path
    let shell =
      "CODEX_TEST_PARENT=\(getpid()) exec " + quoted.joined(separator: " ") + " 2>>'\(log)'"
    guard let stream = popen(shell, "r") else {
      throw StartFailure(description: "cannot start \(script)")
    }
    self.stream = stream
    var line = [CChar](repeating: 0, count: 64)
    guard fgets(&line, 64, stream) != nil else {
      pclose(stream)
      throw StartFailure(description: "\(script) printed nothing")
    }
    let first = String(
      decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    let fields = first.split(separator: " ").compactMap {
      Int($0.trimmingCharacters(in: .whitespacesAndNewlines))
    }
    guard fields.count == 2 else {
      pclose(stream)
      throw StartFailure(description: "\(script) printed \(first)")
    }
    pid = Int32(fields[0])
    port = fields[1]
  }

  public var baseURL: String { "http://127.0.0.1:\(port)" }

  public func stop() {
    // SIGKILL: the test runner's threads block SIGTERM, and a child inherits that mask.
    kill(pid, SIGKILL)
    pclose(stream)
  }
}
