import Dispatch
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Which paths under a directory tree changed since they were last asked for, told by
/// the kernel (inotify, one watch per directory), so that a snapshot of a large
/// repository re-reads only those paths instead of statting every file.
///
/// Notifications are queued by the kernel in the same system call that changes a file,
/// whichever mount namespace it came from, so draining the queue when changes are
/// asked for sees every change completed before. Whatever cannot be followed (the
/// kernel's queue overflowed, a watch could not be placed, a name that is not UTF-8,
/// too many paths) makes the answer `everything`, never a partial list.
final class TreeWatcher: @unchecked Sendable {
  /// What changed since the last call.
  enum Changes: Equatable {
    /// Paths relative to the root; a directory's ends in `/` (all beneath it may differ).
    case paths(Set<String>)
    /// The changes are not known: anything may differ.
    case everything
  }

  /// The tree's top directory.
  let root: String
  private let descriptor: Int32
  private let source: DispatchSourceRead
  // @unchecked Sendable: everything below is only touched while `lock` is held.
  private let lock = NSLock()
  private var directories: [Int32: String] = [:]
  private var pending = Set<String>()
  private var lost = false
  /// A watch the kernel refused, or the root itself went away: every answer is
  /// `everything` from then on.
  private var broken = false

  /// More changed paths than this between two questions are not worth listing.
  static let pendingLimit = 50_000

  private static let mask: UInt32 =
    UInt32(IN_CREATE) | UInt32(IN_DELETE) | UInt32(IN_MODIFY) | UInt32(IN_CLOSE_WRITE)
    | UInt32(IN_MOVED_FROM) | UInt32(IN_MOVED_TO) | UInt32(IN_ATTRIB) | UInt32(IN_DELETE_SELF)
    | UInt32(IN_MOVE_SELF) | UInt32(IN_ONLYDIR) | UInt32(IN_DONT_FOLLOW) | UInt32(IN_EXCL_UNLINK)

  /// Watches every directory under `root` (not `.git`), or nil when the kernel offers no
  /// notifications or refuses a watch (too many directories for the user's limit).
  init?(root: String) {
    let descriptor = inotify_init1(Int32(O_NONBLOCK | O_CLOEXEC))
    guard descriptor >= 0 else { return nil }
    self.root = root
    self.descriptor = descriptor
    source = DispatchSource.makeReadSource(
      fileDescriptor: descriptor, queue: DispatchQueue(label: "codex.tree-watcher"))
    let placed = lock.withLock { () -> Bool in
      watchTree("")
      return !broken
    }
    guard placed else {
      close(descriptor)
      return nil
    }
    // Drained in the background too, so that a long pause between questions does not
    // overflow the kernel's queue.
    source.setEventHandler { [weak self] in self?.lock.withLock { self?.drain() } }
    source.setCancelHandler { close(descriptor) }
    source.resume()
  }

  deinit { source.cancel() }

  /// Whether a watch was refused or the root went away: then every answer is
  /// `everything`, and only a new watcher can follow the tree again.
  var isBroken: Bool { lock.withLock { broken } }

  /// Every change since the last call (or since the watches were placed).
  func takeChanges() -> Changes {
    lock.withLock {
      drain()
      defer {
        pending = []
        lost = false
      }
      return lost || broken ? .everything : .paths(pending)
    }
  }

  private func drain() {
    let size = 64 * 1024
    let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 8)
    defer { buffer.deallocate() }
    while true {
      let count = read(descriptor, buffer, size)
      guard count > 0 else { return }
      var offset = 0
      while offset + 16 <= count {
        let watch = buffer.loadUnaligned(fromByteOffset: offset, as: Int32.self)
        let flags = buffer.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
        let length = Int(buffer.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
        let nameBytes = UnsafeRawBufferPointer(start: buffer + offset + 16, count: length)
        let name = nameBytes.prefix { $0 != 0 }
        handle(watch: watch, flags: flags, name: length == 0 ? nil : Array(name))
        offset += 16 + length
      }
    }
  }

  private func handle(watch: Int32, flags: UInt32, name: [UInt8]?) {
    if flags & UInt32(IN_Q_OVERFLOW) != 0 {
      lost = true
      return
    }
    guard let directory = directories[watch] else { return }
    if flags & UInt32(IN_IGNORED) != 0 {
      directories[watch] = nil
      if directory.isEmpty { broken = true }
      return
    }
    guard let name else {
      // The root itself deleted or moved: its paths no longer mean what they did.
      if directory.isEmpty, flags & (UInt32(IN_DELETE_SELF) | UInt32(IN_MOVE_SELF)) != 0 {
        broken = true
      }
      return
    }
    guard let text = String(validating: name, as: UTF8.self) else {
      lost = true
      return
    }
    if directory.isEmpty && text == ".git" { return }
    let path = directory.isEmpty ? text : directory + "/" + text
    if flags & UInt32(IN_ISDIR) != 0 {
      pending.insert(path + "/")
      if flags & (UInt32(IN_MOVED_FROM) | UInt32(IN_DELETE)) != 0 { unwatch(beneath: path) }
      // Whatever was made inside before its watch is placed is covered: the directory
      // is listed as changed, so all beneath it is read again.
      if flags & (UInt32(IN_CREATE) | UInt32(IN_MOVED_TO)) != 0 { watchTree(path) }
    } else {
      pending.insert(path)
    }
    if pending.count > Self.pendingLimit {
      pending = []
      lost = true
    }
  }

  /// Places a watch on `relative` and every directory beneath it (links not followed).
  private func watchTree(_ relative: String) {
    let absolute = relative.isEmpty ? root : root + "/" + relative
    let watch = inotify_add_watch(descriptor, absolute, Self.mask)
    guard watch >= 0 else {
      // Gone already (its parent's notification covers it); anything else is a limit.
      if errno != ENOENT && errno != ENOTDIR { broken = true }
      return
    }
    directories[watch] = relative
    guard let stream = opendir(absolute) else { return }
    defer { closedir(stream) }
    while let entry = readdir(stream) {
      let type = entry.pointee.d_type
      guard type == UInt8(DT_DIR) || type == UInt8(DT_UNKNOWN) else { continue }
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        Array(raw.prefix { $0 != 0 })
      }
      if name == [46] || name == [46, 46] || name == Array(".git".utf8) { continue }
      guard let text = String(validating: name, as: UTF8.self) else {
        lost = true
        continue
      }
      let child = relative.isEmpty ? text : relative + "/" + text
      if type == UInt8(DT_UNKNOWN) {
        var info = stat()
        guard lstat(root + "/" + child, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
          continue
        }
      }
      watchTree(child)
      if broken { return }
    }
  }

  private func unwatch(beneath relative: String) {
    let prefix = relative + "/"
    for (watch, path) in directories where path == relative || path.hasPrefix(prefix) {
      inotify_rm_watch(descriptor, watch)
      directories[watch] = nil
    }
  }
}
