import Foundation

/// Where a sandboxed process may write under a policy, with symbolic links resolved:
/// the writable roots and, inside them, the paths that stay read-only (`.git` and
/// `.codex`, and the directories a worktree's `.git` file points to).
///
/// This is the one write rule. The Landlock plan is made from it, and `apply_patch`
/// asks it before writing (then writes beneath the root's descriptor, so that nothing
/// can redirect the write after the check).
public struct WritableArea: Sendable, Equatable {
  /// One writable root and what stays read-only inside it.
  public struct Root: Sendable, Equatable {
    /// The root, resolved.
    public var path: String
    /// Paths beneath it that stay read-only, resolved; only those that exist.
    public var readOnly: [String]
    /// Protected names at its top that do not exist: they may not be created either
    /// (the write rule refuses them; a command's world holds a read-only placeholder).
    public var absent: [String]
    /// Protected names at its top that are symbolic links. Nothing can be mounted over a
    /// link, and the link could be replaced by a real `.git`, so such a root is granted
    /// entry by entry (see `LandlockPlan`): the link itself cannot be removed.
    public var links: [String] = []

    /// A root given directly (tests); the policy initialiser resolves them.
    public init(path: String, readOnly: [String] = [], absent: [String] = []) {
      self.path = path
      self.readOnly = readOnly
      self.absent = absent
    }
  }

  /// The writable roots.
  public var roots: [Root]

  /// An area given directly (tests).
  public init(roots: [Root]) {
    self.roots = roots
  }

  /// Names that stay read-only at the top of every writable root.
  public static let protectedNames = [".git", ".codex"]

  /// The area of `policy` for commands run in `workingDirectory`. Empty in read-only
  /// mode; meaningless in danger-full-access mode (everything is writable).
  public init(
    policy: SandboxPolicy, workingDirectory: String, environment: [String: String],
    fileSystem: FileSystemView = LocalFileSystem()
  ) {
    var roots: [Root] = []
    let candidates = policy.writableRoots(
      workingDirectory: workingDirectory, environment: environment)
    for candidate in candidates {
      guard let path = fileSystem.resolve(candidate), fileSystem.kind(path) == .directory,
        !roots.contains(where: { $0.path == path })
      else { continue }
      let absent = Self.protectedNames.map { path == "/" ? "/" + $0 : path + "/" + $0 }
        .filter { fileSystem.kind($0) == nil || fileSystem.isPlaceholder($0) }
      var root = Root(
        path: path, readOnly: Self.protectedPaths(in: path, fileSystem), absent: absent)
      root.links = Self.protectedNames.map { path == "/" ? "/" + $0 : path + "/" + $0 }
        .filter { fileSystem.kind($0) == .symlink }
      roots.append(root)
    }
    self.roots = roots
  }

  /// Every read-only path of every root. A root nested in another (a workspace under
  /// /tmp) keeps its own: the outer root must not reach into them either.
  public var readOnlyPaths: [String] {
    var seen = Set<String>()
    return roots.flatMap(\.readOnly).filter { seen.insert($0).inserted }
  }

  /// Every absent protected path of every root (see `Root.absent`).
  public var absentPaths: [String] {
    var seen = Set<String>()
    return roots.flatMap(\.absent).filter { seen.insert($0).inserted }
  }

  /// The verdict for writing `path` (absolute, or relative to `workingDirectory`).
  public func check(
    _ path: String, workingDirectory: String, fileSystem: FileSystemView = LocalFileSystem()
  ) -> WriteVerdict {
    let absolute = path.hasPrefix("/") ? path : workingDirectory + "/" + path
    guard let resolved = fileSystem.resolve(absolute) else {
      return .denied(path: path, resolved: nil, reason: "too many levels of symbolic links")
    }
    if let blocked = readOnlyPaths.first(where: { PathResolution.isWithin(resolved, $0) }) {
      return .denied(path: path, resolved: resolved, reason: "\(blocked) stays read-only")
    }
    if let blocked = absentPaths.first(where: { PathResolution.isWithin(resolved, $0) }) {
      return .denied(
        path: path, resolved: resolved, reason: "\(blocked) may not be created (it stays read-only)"
      )
    }
    // The innermost root, so that the write is confined as narrowly as possible.
    let containing = roots.filter {
      PathResolution.isWithin(resolved, $0.path) && resolved != $0.path
    }
    guard let root = containing.max(by: { $0.path.count < $1.path.count }) else {
      let list = roots.isEmpty ? "none" : roots.map(\.path).joined(separator: ", ")
      return .denied(
        path: path, resolved: resolved, reason: "outside the writable roots (\(list))")
    }
    let relative = String(resolved.dropFirst(root.path == "/" ? 1 : root.path.count + 1))
    return .allowed(root: root.path, relative: relative)
  }

  static func protectedPaths(in root: String, _ fileSystem: FileSystemView) -> [String] {
    var paths: [String] = []
    for name in protectedNames {
      let path = root == "/" ? "/" + name : root + "/" + name
      guard let kind = fileSystem.kind(path), !fileSystem.isPlaceholder(path) else { continue }
      if kind == .symlink {
        // A link named .git: what it points to is protected, wherever it is.
        if let target = fileSystem.resolve(path), fileSystem.kind(target) != nil {
          paths.append(target)
        }
        continue
      }
      paths.append(path)
      if name == ".git", kind == .file {
        paths += worktreeGitDirectories(gitFile: path, fileSystem)
      }
    }
    return paths
  }

  /// A worktree's `.git` file says `gitdir: PATH`; that directory and the repository's
  /// common directory (`commondir` in it, usually `../..`) hold its refs and objects.
  static func worktreeGitDirectories(gitFile: String, _ fileSystem: FileSystemView) -> [String] {
    guard let text = fileSystem.readText(gitFile),
      let line = text.split(separator: "\n").first, line.hasPrefix("gitdir:")
    else { return [] }
    var target = line.dropFirst("gitdir:".count).trimmingCharacters(in: .whitespaces)
    if !target.hasPrefix("/") {
      target = String(gitFile.dropLast(".git".count)) + target
    }
    guard let gitDirectory = fileSystem.resolve(target),
      fileSystem.kind(gitDirectory) == .directory
    else { return [] }
    var paths = [gitDirectory]
    if let common = fileSystem.readText(gitDirectory + "/commondir")?
      .trimmingCharacters(in: .whitespacesAndNewlines), !common.isEmpty,
      let resolved = fileSystem.resolve(
        common.hasPrefix("/") ? common : gitDirectory + "/" + common),
      fileSystem.kind(resolved) == .directory, !paths.contains(resolved)
    {
      paths.append(resolved)
    }
    return paths
  }
}

/// The write rule's answer for one path.
public enum WriteVerdict: Sendable, Equatable {
  /// Writable: beneath `root`, at `relative` (resolved, no symbolic link left).
  case allowed(root: String, relative: String)
  /// Not writable; `resolved` is where the path leads (nil for a link loop).
  case denied(path: String, resolved: String?, reason: String)

  /// One line for the model and the user: the path, where it leads, why not.
  public var explanation: String? {
    guard case .denied(let path, let resolved, let reason) = self else { return nil }
    let leads = resolved.map { $0 == path ? "" : " (resolves to \($0))" } ?? ""
    return "\(path)\(leads) is not writable: \(reason)"
  }
}
