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

  /// The file's bytes, or nil when it does not exist. Only a regular file is read: a
  /// FIFO, a device or a directory is an error saying what it is (opening is
  /// non-blocking, so a FIFO with no writer cannot hang the read).
  public static func readIfPresent(_ path: String) throws -> [UInt8]? {
    let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
    if descriptor < 0 {
      if errno == ENOENT { return nil }
      throw Failure(reason: String(cString: strerror(errno)))
    }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else {
      throw Failure(reason: String(cString: strerror(errno)))
    }
    let kind = status.st_mode & S_IFMT
    guard kind == S_IFREG else {
      let what =
        kind == S_IFIFO
        ? "a FIFO" : kind == S_IFDIR ? "a directory" : kind == S_IFSOCK ? "a socket" : "a device"
      throw Failure(reason: "it is \(what), not a regular file")
    }
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
