#if canImport(Glibc)
  import Glibc
#endif

/// The real file system, through POSIX calls.
public struct LocalFileSystem: FileSystemView {
  /// The machine's file system.
  public init() {}

  /// The target of a symbolic link, as written in it.
  public func readLink(_ path: String) -> String? {
    var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    let count = readlink(path, &buffer, buffer.count - 1)
    guard count >= 0 else { return nil }
    return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  /// A small file's text (a worktree's `.git` file).
  public func readText(_ path: String) -> String? {
    guard let file = fopen(path, "r") else { return nil }
    defer { fclose(file) }
    var buffer = [UInt8](repeating: 0, count: 4096)
    let count = fread(&buffer, 1, buffer.count, file)
    return String(decoding: buffer[0..<count], as: UTF8.self)
  }

  /// What the path is, not following a last link; nil when it does not exist.
  public func isPlaceholder(_ path: String) -> Bool {
    Placeholders.isPlaceholder(path)
  }

  public func kind(_ path: String) -> FileKind? {
    var info = stat()
    guard lstat(path, &info) == 0 else { return nil }
    switch info.st_mode & S_IFMT {
    case S_IFDIR: return .directory
    case S_IFREG: return .file
    case S_IFLNK: return .symlink
    default: return .other
    }
  }

  /// The names in a directory, nil when it cannot be read.
  public func entries(_ directory: String) -> [String]? {
    guard let stream = opendir(directory) else { return nil }
    defer { closedir(stream) }
    var names: [String] = []
    // The name is read in place, up to its NUL. Copying `entry.pointee` would read
    // sizeof(dirent) bytes, past the end of a short last record in readdir's buffer,
    // and can fault at a page boundary.
    let offset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!
    while let entry = readdir(stream) {
      let name = String(
        cString: (UnsafeRawPointer(entry) + offset).assumingMemoryBound(to: CChar.self))
      if name != "." && name != ".." { names.append(name) }
    }
    return names
  }
}
