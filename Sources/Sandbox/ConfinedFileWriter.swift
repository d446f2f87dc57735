internal import CSandbox
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A write the sandbox's write rule refused; the message names the path, where it
/// leads and the writable roots.
public struct SandboxedWriteDenied: Error, CustomStringConvertible {
  /// Which path, what it resolves to, and why it may not be written.
  public var description: String
}

/// Writes only where the write rule allows, and only beneath the writable root's
/// descriptor: each directory is opened with openat2 and RESOLVE_BENEATH from the root,
/// and the file is replaced through that directory's descriptor, so a symbolic link
/// swapped in after the check cannot lead the write outside the root.
public final class ConfinedFileWriter: FileWriter {
  let area: WritableArea
  let workingDirectory: String
  private var rootDescriptors: [String: Int32] = [:]

  /// A writer confined to `area`.
  public init(area: WritableArea, workingDirectory: String) {
    self.area = area
    self.workingDirectory = workingDirectory
  }

  deinit { rootDescriptors.values.forEach { _ = close($0) } }

  /// Writes the file beneath its root's descriptor, through a temporary file and a rename;
  /// a path outside the area is `SandboxedWriteDenied`.
  public func write(_ path: String, _ bytes: UnsafeRawBufferPointer) throws {
    let (directory, name) = try openParent(of: path, create: true)
    defer { close(directory) }
    let status = codex_confined_write(directory, name, bytes.baseAddress, bytes.count)
    guard status == 0 else { throw denied(path, status) }
  }

  /// Removes the file beneath its root's descriptor.
  public func remove(_ path: String) throws {
    let directory: Int32
    let name: String
    do {
      (directory, name) = try openParent(of: path, create: false)
    } catch let error as SandboxedWriteDenied {
      // Nothing to remove when the directory is not there.
      if case .allowed = area.check(path, workingDirectory: workingDirectory) { return }
      throw error
    }
    defer { close(directory) }
    let status = codex_confined_unlink(directory, name)
    guard status == 0 || status == ENOENT else { throw denied(path, status) }
  }

  private func openParent(of path: String, create: Bool) throws -> (Int32, String) {
    let verdict = area.check(path, workingDirectory: workingDirectory)
    guard case .allowed(let root, let relative) = verdict else {
      throw SandboxedWriteDenied(description: verdict.explanation ?? path)
    }
    let rootFD = try rootDescriptor(root)
    let parent = (relative as NSString).deletingLastPathComponent
    let name = (relative as NSString).lastPathComponent
    var directory: Int32 = -1
    let status = codex_confined_open_dir(rootFD, parent, create ? 1 : 0, &directory)
    guard status == 0 else { throw denied(path, status) }
    // The directory actually opened must not be a read-only one (a link inside the
    // root pointing into .git, swapped in after the check, stays inside the root).
    if let opened = LocalFileSystem().readLink("/proc/self/fd/\(directory)"),
      let blocked = (area.readOnlyPaths + area.absentPaths).first(where: {
        opened == $0 || opened.hasPrefix($0 + "/")
      })
    {
      close(directory)
      throw SandboxedWriteDenied(
        description: "\(path) is not writable: \(blocked) stays read-only")
    }
    return (directory, name)
  }

  private func rootDescriptor(_ root: String) throws -> Int32 {
    if let fd = rootDescriptors[root] { return fd }
    let fd = codex_open_directory(root)
    guard fd >= 0 else { throw denied(root, errno) }
    rootDescriptors[root] = fd
    return fd
  }

  private func denied(_ path: String, _ code: Int32) -> SandboxedWriteDenied {
    let reason =
      code == EXDEV || code == ELOOP
      ? "it leads outside its writable root through a symbolic link"
      : String(cString: strerror(code))
    return SandboxedWriteDenied(description: "\(path) is not writable: \(reason)")
  }
}
