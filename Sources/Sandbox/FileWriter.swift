internal import CSandbox
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Where codex writes files for a tool (a patch): directly (the user's own
/// `codex apply-patch`, or a patch the user approved), or confined to the sandbox's
/// writable roots (`ConfinedFileWriter`).
public protocol FileWriter {
  /// Replaces the file at `path` (absolute) with `bytes`, creating directories on the way.
  func write(_ path: String, _ bytes: UnsafeRawBufferPointer) throws
  /// Removes the file at `path` (absolute); a missing file is not an error.
  func remove(_ path: String) throws
}

/// Writes where the path leads, with the user's own rights.
public struct DirectFileWriter: FileWriter {
  /// The writer.
  public init() {}

  /// Writes the file, creating its directories.
  public func write(_ path: String, _ bytes: UnsafeRawBufferPointer) throws {
    let directory = (path as NSString).deletingLastPathComponent
    let name = (path as NSString).lastPathComponent
    var fd = codex_open_directory(directory)
    if fd < 0 {
      do {
        try FileManager.default.createDirectory(
          atPath: directory, withIntermediateDirectories: true)
      } catch {
        throw FileWriteError(
          "cannot write \(path): its folder \(directory) cannot be made (a file of that name?)")
      }
      fd = codex_open_directory(directory)
    }
    guard fd >= 0 else {
      throw FileWriteError("cannot write \(path): \(String(cString: strerror(errno)))")
    }
    defer { close(fd) }
    let status = codex_confined_write(fd, name, bytes.baseAddress, bytes.count)
    guard status == 0 else {
      throw FileWriteError("cannot write \(path): \(String(cString: strerror(status)))")
    }
  }

  /// Removes the file.
  public func remove(_ path: String) throws {
    guard unlink(path) == 0 || errno == ENOENT else {
      throw FileWriteError("cannot delete \(path): \(String(cString: strerror(errno)))")
    }
  }
}

/// A file that could not be written or removed, for a reason other than the sandbox.
public struct FileWriteError: Error, CustomStringConvertible {
  /// What failed and why.
  public var description: String

  init(_ description: String) { self.description = description }
}
