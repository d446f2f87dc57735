import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Empty directories that stand for absent protected names (`.git`, `.codex`) while
/// sandboxed commands run, so that their world can bind them read-only and a command
/// cannot create the real thing. A mount needs an existing path, and the command's
/// world is a view of the real file system, so the placeholder exists on disk meanwhile.
///
/// A placeholder is made with mode 0555, which marks it as one: an empty directory with
/// that mode is removed when no command needs it any more (one left by a codex that was
/// killed is removed the next time a command runs there). Making and removing directories
/// costs more than the rest of a sandboxed spawn, so a placeholder stays while commands
/// follow each other (a turn's) and goes one second after the last one ended, or when
/// codex exits. Each codex process holds its placeholders with a shared `flock`; only a
/// process able to take the lock exclusively removes one, so two codex processes in one
/// folder never pull a placeholder from under each other's commands. An empty directory
/// named `.git` is no repository: git looks past one to the folder above.
final class Placeholders: @unchecked Sendable {
  // @unchecked Sendable: `held` is read and changed under `lock` only.
  static let shared = Placeholders()

  private struct Held {
    /// A shared flock is held on it while `users` > 0 or the linger lasts; -1 for a
    /// regular file (made in between by someone else), bound as it is, never removed.
    var descriptor: Int32
    var users: Int
    /// Changes at every use, so that a removal scheduled before it is called off.
    var generation: Int
  }

  private let lock = NSLock()
  private var held: [String: Held] = [:]
  /// How long an unused placeholder stays.
  static let linger: Double = 1

  private init() {
    atexit { Placeholders.shared.removeAll() }
  }

  /// Makes (or finds) each path and holds it for a command; returns those that exist now
  /// (a path that cannot be made, its folder being read-only to this user, say, and so to
  /// the command too, is left out). Each call is matched by one `release`.
  func hold(_ paths: [String]) -> [String] {
    lock.withLock {
      paths.filter { path in
        if var entry = held[path] {
          entry.users += 1
          entry.generation += 1
          held[path] = entry
          return true
        }
        guard let descriptor = Self.make(path) else { return false }
        held[path] = Held(descriptor: descriptor, users: 1, generation: 0)
        return true
      }
    }
  }

  /// A command that held `paths` has ended.
  func release(_ paths: [String]) {
    lock.withLock {
      for path in paths {
        guard var entry = held[path] else { continue }
        entry.users -= 1
        entry.generation += 1
        held[path] = entry
        guard entry.users == 0 else { continue }
        let generation = entry.generation
        DispatchQueue.global().asyncAfter(deadline: .now() + Self.linger) { [self] in
          lock.withLock {
            guard let current = held[path], current.users == 0,
              current.generation == generation
            else { return }
            Self.remove(path, current.descriptor)
            held[path] = nil
          }
        }
      }
    }
  }

  /// At exit: whatever codex still holds (its commands end with it).
  private func removeAll() {
    // Another thread may be inside `hold` as codex exits: never wait for it.
    guard lock.try() else { return }
    defer { lock.unlock() }
    for (path, entry) in held { Self.remove(path, entry.descriptor) }
    held = [:]
  }

  private static let mode: mode_t = 0o555

  /// An empty directory with the placeholders' mode.
  static func isPlaceholder(_ path: String) -> Bool {
    var info = stat()
    guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR, info.st_mode & 0o7777 == mode
    else { return false }
    return (try? FileManager.default.contentsOfDirectory(atPath: path))?.isEmpty == true
  }

  private static func make(_ path: String) -> Int32? {
    for _ in 0..<3 {
      let created = mkdir(path, mode) == 0
      if !created && errno != EEXIST { return nil }
      let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
      guard descriptor >= 0 else {
        // Not a directory (a file made in between): bound over itself as it is, never
        // removed. A symbolic link cannot be bound over.
        var info = stat()
        return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG ? -1 : nil
      }
      _ = flock(descriptor, LOCK_SH)
      // Removed by another process between mkdir and flock: make it again.
      if sameFile(descriptor, path) {
        var info = stat()
        // The umask may have taken bits off: the mode is what marks a placeholder.
        if created, fstat(descriptor, &info) == 0, info.st_mode & 0o7777 != mode {
          _ = fchmod(descriptor, mode)
        }
        return descriptor
      }
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

  /// Removes an empty placeholder no other process holds.
  private static func remove(_ path: String, _ descriptor: Int32) {
    guard descriptor >= 0 else { return }
    var info = stat()
    if flock(descriptor, LOCK_EX | LOCK_NB) == 0, fstat(descriptor, &info) == 0,
      info.st_mode & S_IFMT == S_IFDIR, info.st_mode & 0o7777 == mode,
      sameFile(descriptor, path)
    {
      _ = rmdir(path)  // fails, and keeps it, unless it is empty
    }
    close(descriptor)
  }
}
