/// Which paths Landlock grants write access to, made from the write rule's area.
///
/// Landlock rules only add rights: a right granted on a directory holds everywhere
/// beneath it, and no rule can take it back for a subdirectory. With a mount namespace,
/// the roots are granted whole and the read-only paths are bind-mounted read-only
/// (`readOnlyMounts`). Without one, a directory that holds a read-only path is not
/// granted as a whole; each of its other entries is: directories with full rights,
/// regular files with write rights. That directory itself gets no write right (one would
/// reach into `.git`), so a command cannot create or delete entries directly in it.
/// Symbolic links are never granted, so writing through one that leads outside the
/// roots is refused.
public struct LandlockPlan: Sendable, Equatable {
  /// Directories granted full write rights (beneath them too).
  public var writeDirectories: [String] = []
  /// Regular files granted write rights (when their directory is not granted whole).
  public var writeFiles: [String] = []
  /// Paths to bind-mount read-only over themselves (with a mount namespace only).
  public var readOnlyMounts: [String] = []

  /// A plan given directly (tests, and the unsandboxed mode's empty plan).
  public init(
    writeDirectories: [String] = [], writeFiles: [String] = [], readOnlyMounts: [String] = []
  ) {
    self.writeDirectories = writeDirectories
    self.writeFiles = writeFiles
    self.readOnlyMounts = readOnlyMounts
  }

  /// The plan for `area`: roots granted whole under a mount namespace, else entry by entry
  /// around read-only paths.
  public init(area: WritableArea, mountNamespace: Bool, fileSystem: FileSystemView) {
    let protected = area.readOnlyPaths + area.roots.flatMap(\.links)
    var granted = Set<String>()
    if mountNamespace {
      readOnlyMounts = area.readOnlyPaths
      // A root whose .git or .codex is a link is granted entry by entry even here: no
      // mount can cover a link, and replacing it would make a real one.
      for root in area.roots {
        if root.links.isEmpty {
          writeDirectories.append(root.path)
        } else {
          grant(root.path, protected: protected, fileSystem: fileSystem, granted: &granted)
        }
      }
      return
    }
    for root in area.roots {
      grant(root.path, protected: protected, fileSystem: fileSystem, granted: &granted)
    }
  }

  /// True when some root could not be granted whole (the entry-by-entry fallback): a
  /// command cannot create entries at the top of that root.
  public func grantsEntryByEntry(_ area: WritableArea) -> Bool {
    area.roots.contains { !writeDirectories.contains($0.path) }
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
      let path = directory == "/" ? "/" + name : directory + "/" + name
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
}
