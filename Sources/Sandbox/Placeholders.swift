import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Empty directories that stand for absent protected names (`.git`, `.codex`) while a
/// sandboxed command runs, so that its world can bind them read-only and the command
/// cannot create the real thing. A mount needs an existing path, and the command's
/// world is a view of the real file system, so the placeholder exists on disk for the
/// command's run.
///
/// A placeholder is made with mode 0555, which marks it as one: an empty directory with
/// that mode is removed after the run (one left by a codex that was killed is removed
/// the next time a command runs there). Every holder keeps a shared `flock` on it; the
/// last one, alone able to take it exclusively, removes it. An empty directory named
/// `.git` is no repository, so git looks past one to the folder above, as if it were
/// absent.
struct Placeholders {
  private struct Held {
    var path: String
    var descriptor: Int32
  }

  private var held: [Held] = []

  /// The paths held, to bind read-only in the command's world.
  var paths: [String] { held.map(\.path) }

  /// Makes (or finds) each path and holds it; a path that cannot be made (its folder is
  /// read-only to this user, say, and so to the command too) is left out.
  init(_ paths: [String]) {
    for path in paths {
      if let descriptor = Self.hold(path) { held.append(Held(path: path, descriptor: descriptor)) }
    }
  }

  private static let mode: mode_t = 0o555

  /// An empty directory with the placeholders' mode.
  static func isPlaceholder(_ path: String) -> Bool {
    var info = stat()
    guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR, info.st_mode & 0o7777 == mode
    else { return false }
    return (try? FileManager.default.contentsOfDirectory(atPath: path))?.isEmpty == true
  }

  private static func hold(_ path: String) -> Int32? {
    for _ in 0..<3 {
      if mkdir(path, mode) == 0 {
        _ = chmod(path, mode)  // whatever the umask
      } else if errno != EEXIST {
        return nil
      }
      let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
      guard descriptor >= 0 else {
        // Not a directory (a file made in between): bound over itself as it is, never
        // removed. A symbolic link cannot be bound over.
        var info = stat()
        return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG ? -1 : nil
      }
      _ = flock(descriptor, LOCK_SH)
      // Removed by another holder between mkdir and flock: make it again.
      if sameFile(descriptor, path) { return descriptor }
      close(descriptor)
    }
    return nil
  }

  private static func sameFile(_ descriptor: Int32, _ path: String) -> Bool {
    var opened = stat()
    var named = stat()
    return fstat(descriptor, &opened) == 0 && lstat(path, &named) == 0
      && opened.st_dev == named.st_dev && opened.st_ino == named.st_ino
  }

  /// Lets go of every placeholder; the last holder of an empty one removes it.
  func release() {
    for item in held where item.descriptor >= 0 {
      var info = stat()
      if flock(item.descriptor, LOCK_EX | LOCK_NB) == 0, fstat(item.descriptor, &info) == 0,
        info.st_mode & S_IFMT == S_IFDIR, info.st_mode & 0o7777 == Self.mode,
        Self.sameFile(item.descriptor, item.path)
      {
        _ = rmdir(item.path)  // fails, and keeps it, unless it is empty
      }
      close(item.descriptor)
    }
  }
}
