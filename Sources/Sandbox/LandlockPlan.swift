/// Which paths the sandbox grants write access to, worked out from the writable
/// roots. Pure: the file system is reached only through `FileSystemView`.
///
/// Landlock rules only add rights: a right granted on a directory holds everywhere
/// beneath it, and no rule can take it back for a subdirectory. So a directory that
/// holds a protected entry (`.git` or `.codex` of any writable root, also of a root
/// nested in another, such as a workspace under `/tmp`) is not granted as a whole;
/// each of its other entries is: directories with full rights, regular files with
/// write rights. That directory itself gets no write right (one would reach into
/// `.git`), so a command cannot create or delete entries directly in it; everything
/// below its other directories is writable as usual. Symbolic links are never granted, so
/// writing through a link that points outside the roots is refused.
public struct LandlockPlan: Sendable, Equatable {
  public var writeDirectories: [String] = []
  public var writeFiles: [String] = []

  public init(writeDirectories: [String] = [], writeFiles: [String] = []) {
    self.writeDirectories = writeDirectories
    self.writeFiles = writeFiles
  }

  public init(
    roots: [String], protectedNames: [String] = SandboxPolicy.protectedNames,
    fileSystem: FileSystemView
  ) {
    var resolved: [String] = []
    for root in roots {
      guard let path = fileSystem.realPath(root), fileSystem.kind(path) == .directory,
        !resolved.contains(path)
      else { continue }
      resolved.append(path)
    }
    // Protected entries of every root, also those of a root nested inside another
    // (a workspace under /tmp): the outer root must not reach into them either.
    let entriesByRoot = resolved.map { fileSystem.entries($0) ?? [] }
    var protected: [String] = []
    for (root, entries) in zip(resolved, entriesByRoot) {
      for name in entries where protectedNames.contains(name) {
        protected.append(Self.join(root, name))
      }
    }
    var granted = Set<String>()
    for root in resolved {
      grant(root, protected: protected, fileSystem: fileSystem, granted: &granted)
    }
  }

  private mutating func grant(
    _ directory: String, protected: [String], fileSystem: FileSystemView, granted: inout Set<String>
  ) {
    guard granted.insert(directory).inserted else { return }
    let inside = protected.filter { $0.hasPrefix(directory == "/" ? "/" : directory + "/") }
    guard !inside.isEmpty else {
      writeDirectories.append(directory)
      return
    }
    for name in (fileSystem.entries(directory) ?? []).sorted() {
      let path = Self.join(directory, name)
      if protected.contains(path) { continue }
      switch fileSystem.kind(path) {
      case .directory:
        if inside.contains(where: { $0.hasPrefix(path + "/") }) {
          grant(path, protected: protected, fileSystem: fileSystem, granted: &granted)
        } else if granted.insert(path).inserted {
          writeDirectories.append(path)
        }
      case .file:
        writeFiles.append(path)
      default:
        break
      }
    }
  }

  private static func join(_ directory: String, _ name: String) -> String {
    directory == "/" ? "/" + name : directory + "/" + name
  }

}

/// The little of the file system the sandbox plan needs to see.
public protocol FileSystemView: Sendable {
  func realPath(_ path: String) -> String?
  /// The kind of the entry at `path`, not following a final symbolic link.
  func kind(_ path: String) -> FileKind?
  func entries(_ directory: String) -> [String]?
}

public enum FileKind: Sendable, Equatable {
  case directory, file, symlink, other
}
