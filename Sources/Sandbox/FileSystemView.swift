/// The little of the file system the sandbox's decisions need to see, so that they stay
/// pure functions tested without touching a disk.
public protocol FileSystemView: Sendable {
  /// The kind of the entry at `path`, not following a final symbolic link; nil when
  /// nothing is there.
  func kind(_ path: String) -> FileKind?
  /// The target of the symbolic link at `path`, as stored.
  func readLink(_ path: String) -> String?
  func entries(_ directory: String) -> [String]?
  /// A small text file's contents (a worktree's `.git` file).
  func readText(_ path: String) -> String?
  /// Whether `path` is a placeholder another sandboxed command holds (see
  /// `Placeholders`): it stands for an absent name.
  func isPlaceholder(_ path: String) -> Bool
}

/// What a path is, without following a last symbolic link.
public enum FileKind: Sendable, Equatable {
  case directory, file, symlink, other
}

extension FileSystemView {
  /// No placeholders, unless the view says otherwise.
  public func isPlaceholder(_ path: String) -> Bool { false }

  /// The path the kernel would reach for `path`: every symbolic link followed, in every
  /// component and also at the end when it dangles (creating a file through a dangling
  /// link creates its target). Components that do not exist are kept as written. Nil
  /// after 40 links, as the kernel gives up (ELOOP).
  public func resolve(_ path: String) -> String? {
    var pending = PathResolution.components(path).reversed() as [String]
    var resolved: [String] = []
    var links = 0
    var missing = false
    while let name = pending.popLast() {
      if name == "." { continue }
      if name == ".." {
        if !resolved.isEmpty { resolved.removeLast() }
        continue
      }
      resolved.append(name)
      if missing { continue }
      let current = PathResolution.join(resolved)
      switch kind(current) {
      case .symlink:
        links += 1
        guard links <= 40, let target = readLink(current) else { return nil }
        resolved.removeLast()
        if target.hasPrefix("/") { resolved = [] }
        pending += PathResolution.components(target).reversed()
      case nil:
        missing = true
      default:
        break
      }
    }
    return PathResolution.join(resolved)
  }
}

enum PathResolution {
  static func components(_ path: String) -> [String] {
    path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
  }

  static func join(_ components: [String]) -> String {
    "/" + components.joined(separator: "/")
  }

  /// Whether `path` is `directory` or lies beneath it (both absolute and resolved).
  static func isWithin(_ path: String, _ directory: String) -> Bool {
    directory == "/" || path == directory || path.hasPrefix(directory + "/")
  }
}
