import Foundation

/// Reads whole files with the system's reason on failure (Foundation only says "nil").
public enum FileReader {
  /// A file that could not be read, and why.
  public struct Failure: Error, CustomStringConvertible {
    /// Why, naming the file.
    public var reason: String
    /// The reason.
    public var description: String { reason }
  }

  /// The file's bytes, or nil when it does not exist.
  public static func readIfPresent(_ path: String) throws -> [UInt8]? {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    if descriptor < 0 {
      if errno == ENOENT { return nil }
      throw Failure(reason: String(cString: strerror(errno)))
    }
    defer { close(descriptor) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if count < 0 {
        if errno == EINTR { continue }
        throw Failure(reason: String(cString: strerror(errno)))
      }
      if count == 0 { return bytes }
      bytes.append(contentsOf: chunk[0..<count])
    }
  }
}
