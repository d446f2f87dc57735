import Foundation

/// `scripts/test-http-server` on 127.0.0.1, started for a test and stopped by it.
public final class TestHTTPServer: @unchecked Sendable {
  private let stream: UnsafeMutablePointer<FILE>
  private let pid: Int32
  public let port: Int

  public struct StartFailure: Error, CustomStringConvertible {
    public var description: String
  }

  public init() throws {
    let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("scripts/test-http-server").path
    guard let stream = popen("exec python3 '\(script)'", "r") else {
      throw StartFailure(description: "cannot start \(script)")
    }
    self.stream = stream
    var line = [CChar](repeating: 0, count: 64)
    guard fgets(&line, 64, stream) != nil else {
      pclose(stream)
      throw StartFailure(description: "\(script) printed nothing")
    }
    let fields = String(cString: line).split(separator: " ").compactMap {
      Int($0.trimmingCharacters(in: .whitespacesAndNewlines))
    }
    guard fields.count == 2 else {
      pclose(stream)
      throw StartFailure(description: "\(script) printed \(String(cString: line))")
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
