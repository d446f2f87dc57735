import Foundation
import Sandbox

/// One repository's working tree kept as a git index of codex's own, so that a snapshot
/// costs what changed since the last one, not what the repository holds.
///
/// The first snapshot adds every file (starting from the user's index, whose stat data
/// spares hashing); later ones ask git only about the paths a `TreeWatcher` saw change.
/// The index lives in a private git directory whose common directory is the
/// repository's (its configuration, ignore rules and objects are read from there) and
/// is split, so writing it costs the entries that changed, not all of them. Anything the
/// watcher could not follow, or any git failure, falls back to adding every file.
actor WorkingTreeIndex {
  /// The repository's top directory.
  let root: String
  private let gitDirectory: String
  private let commonDirectory: String
  private let userIndex: String
  private var watcher: TreeWatcher?
  private var watchRefused = false
  private var tree: String?
  /// How many snapshots read only what changed, and how many read everything.
  private(set) var partialReads = 0
  private(set) var fullReads = 0
  /// How many of the partial reads asked `git status` (a path was gone, or `add` refused).
  private(set) var statusUpdates = 0

  /// At most this many repositories are watched at once (the kernel limits a user's
  /// notification instances); the least recently used stops first.
  static let watchedLimit = 4

  private static let known = Locked<[(root: String, index: WorkingTreeIndex)]>([])

  /// The index for the repository at `root`, made (and the tree watched) on first use;
  /// nil when no private directory can be made.
  static func of(root: String, environment: [String: String]) async -> WorkingTreeIndex? {
    if let index = known.withLock({ list -> WorkingTreeIndex? in
      guard let position = list.firstIndex(where: { $0.root == root }) else { return nil }
      let entry = list.remove(at: position)
      list.append(entry)
      return entry.index
    }) {
      return index
    }
    guard let index = await make(root: root, environment: environment) else { return nil }
    let (chosen, evicted) = known.withLock { list -> (WorkingTreeIndex, [WorkingTreeIndex]) in
      // Another caller may have made one meanwhile.
      if let made = list.first(where: { $0.root == root }) { return (made.index, [index]) }
      list.append((root, index))
      let excess = max(0, list.count - watchedLimit)
      defer { list.removeFirst(excess) }
      return (index, list.prefix(excess).map(\.index))
    }
    for old in evicted { await old.stopWatching() }
    return chosen
  }

  /// A new index for the repository at `root`, of no one else's use.
  static func make(root: String, environment: [String: String]) async -> WorkingTreeIndex? {
    guard let store = PrivateGitStore.directory,
      let paths = try? await GitSnapshot.git(
        ["rev-parse", "--path-format=absolute", "--git-common-dir", "--git-path", "index"],
        in: root, environment: environment
      ).split(separator: "\n").map(String.init), paths.count == 2
    else { return nil }
    let directory = store + "/tree-" + UUID().uuidString
    guard
      (try? FileManager.default.createDirectory(
        atPath: directory, withIntermediateDirectories: true)) != nil,
      // git needs a HEAD: a branch the user is unlikely to have (unborn is fine).
      FileManager.default.createFile(
        atPath: directory + "/HEAD", contents: Data("ref: refs/heads/codex-working-tree\n".utf8))
    else { return nil }
    return WorkingTreeIndex(
      root: root, gitDirectory: directory, commonDirectory: paths[0], userIndex: paths[1])
  }

  private init(root: String, gitDirectory: String, commonDirectory: String, userIndex: String) {
    self.root = root
    self.gitDirectory = gitDirectory
    self.commonDirectory = commonDirectory
    self.userIndex = userIndex
  }

  private func stopWatching() {
    watcher = nil
    tree = nil
  }

  /// The snapshot asked for last: each waits for the one before, since the actor's
  /// methods interleave at every `await` and two git runs on one index collide.
  private var latest: Task<String?, Never>?

  /// The working tree now, as a tree object; nil when git cannot write it.
  func currentTree(environment: [String: String]) async -> String? {
    let previous = latest
    let next = Task {
      _ = await previous?.value
      return await self.readTree(environment: environment)
    }
    latest = next
    return await next.value
  }

  private func readTree(environment: [String: String]) async -> String? {
    let env = await privateEnvironment(environment)
    if let tree, let watcher, case .paths(let paths) = watcher.takeChanges(),
      !paths.contains(where: Self.changesIgnoreRules), excludeStamp() == readExcludes
    {
      if paths.isEmpty { return tree }
      if let updated = await update(paths, environment: env) {
        partialReads += 1
        self.tree = updated
        return updated
      }
    }
    // Everything read again, from the user's index as a fresh snapshot would be. The
    // watch starts before the reading, so nothing done meanwhile is missed.
    if watcher?.isBroken ?? true, !watchRefused {
      watcher = TreeWatcher(root: root)
      // More folders than the kernel lets this user watch: walking them all again before
      // every snapshot, only to be refused again, would double what a snapshot costs.
      watchRefused = watcher == nil
    }
    _ = watcher?.takeChanges()
    readExcludes = excludeStamp()
    fullReads += 1
    tree = await addEverything(environment: env)
    return tree
  }

  /// A changed ignore file changes which untracked files belong in the snapshot, the
  /// unchanged ones included.
  private static func changesIgnoreRules(_ path: String) -> Bool {
    path == ".gitignore" || path.hasSuffix("/.gitignore")
  }

  /// The repository's own exclude file as last read (it is not in the working tree, so
  /// no notification tells of it).
  private var readExcludes = ""

  private func excludeStamp() -> String {
    var info = stat()
    guard stat(commonDirectory + "/info/exclude", &info) == 0 else { return "none" }
    return "\(info.st_ino):\(info.st_size):\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
  }

  private func privateEnvironment(_ base: [String: String]) async -> [String: String] {
    var env = await PrivateGitStore.environment(base, in: root)
    env["GIT_DIR"] = gitDirectory
    env["GIT_COMMON_DIR"] = commonDirectory
    env["GIT_WORK_TREE"] = root
    env["GIT_INDEX_FILE"] = nil
    env["GIT_LITERAL_PATHSPECS"] = "1"
    // git's complaints read as written here (see `add`), in any user's language.
    env["LC_ALL"] = "C"
    return env
  }

  /// The settings every run uses: a split index whose old shared parts go at once, and
  /// no file-system monitor of the repository's (this index has its own).
  private static let settings = [
    "-c", "core.splitIndex=true", "-c", "splitIndex.sharedIndexExpire=now",
    "-c", "core.fsmonitor=false", "-c", "core.untrackedCache=false",
  ]

  private func addEverything(environment: [String: String]) async -> String? {
    let own = gitDirectory + "/index"
    try? FileManager.default.removeItem(atPath: own)
    // The user's index as the starting point: its stat data spares hashing every file.
    GitSnapshot.copyIndex(userIndex, to: own)
    if await run(["add", "-A", "--", "."], environment: environment) == nil {
      // A user's index this git cannot read from here (split, or sparse): start bare.
      try? FileManager.default.removeItem(atPath: own)
      guard await run(["add", "-A", "--", "."], environment: environment) != nil else {
        return nil
      }
    }
    return await run(["write-tree"], environment: environment)?
      .trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// Brings the index up to date for `paths` only, or nil (then everything is added).
  private func update(_ paths: Set<String>, environment: [String: String]) async -> String? {
    guard let pathspecs = Self.pathspecs(paths) else { return nil }
    // Paths that all exist (files made or changed, folders made): one `git add`, which
    // applies the ignore rules itself. A path gone, which `add` refuses when the index
    // never held it, or any refusal: status says which paths differ, and those are updated.
    let changed: Bool
    if pathspecs.allSatisfy(exists), let added = await add(pathspecs, environment: environment) {
      changed = added
    } else {
      guard let updated = await updateFromStatus(pathspecs, environment: environment) else {
        return nil
      }
      changed = updated
    }
    guard changed else { return tree }
    return await run(["write-tree"], environment: environment)?
      .trimmingCharacters(in: .whitespacesAndNewlines)
  }

  private func exists(_ pathspec: String) -> Bool {
    var info = stat()
    return lstat(root + "/" + pathspec, &info) == 0
  }

  /// `git add -A` of `pathspecs`: whether the index changed; nil when git refused.
  private func add(_ pathspecs: [String], environment: [String: String]) async -> Bool? {
    guard
      let result = await execute(
        // Preloading stats the index's entries on threads, for a handful of paths a loss.
        ["-c", "core.preloadIndex=false", "-c", "advice.addIgnoredFile=false", "add", "-A", "-v"]
          + ["--"] + pathspecs, environment: environment)
    else { return nil }
    // Exit 1 with no error is git's note that some named paths are ignored: the others
    // were added, and an ignored file that is not tracked belongs in no snapshot.
    let complaint = result.stderr.text
    guard
      result.exitCode == 0
        || (result.exitCode == 1 && !complaint.contains("error:") && !complaint.contains("fatal:"))
    else { return nil }
    // `-v` names each path added or removed.
    return result.stdout.totalByteCount > 0
  }

  /// Updates the index with the paths `git status` finds differ beneath `pathspecs`:
  /// whether any did; nil when git failed.
  private func updateFromStatus(_ pathspecs: [String], environment: [String: String]) async
    -> Bool?
  {
    statusUpdates += 1
    guard
      let status = await runBytes(
        ["-c", "core.preloadIndex=false", "status", "--porcelain", "-z", "--untracked-files=all"]
          + ["--no-renames", "--"] + pathspecs,
        environment: environment)
    else { return nil }
    let changed = Self.changedPaths(status)
    if changed.isEmpty { return false }
    let list = gitDirectory + "/changed"
    guard
      FileManager.default.createFile(
        atPath: list, contents: Data(changed.flatMap { $0 + [0] })),
      await run(
        ["update-index", "--add", "--remove", "-z", "--stdin"], environment: environment,
        input: list) != nil
    else { return nil }
    return true
  }

  /// More pathspecs than this are merged into their directories: git matches every
  /// index entry against every pathspec.
  static let pathspecLimit = 256

  /// The pathspecs for `paths` (directories end in `/`): those beneath a listed
  /// directory dropped, and while there are too many, the deepest replaced by their
  /// directories; nil when only top-level ones remain and they are still too many (then
  /// everything is read anyway).
  static func pathspecs(_ paths: Set<String>) -> [String]? {
    var current = outermost(paths)
    while current.count > pathspecLimit {
      let deepest = current.map(depth).max() ?? 0
      guard deepest > 0 else { return nil }
      current = outermost(Set(current.map { depth($0) == deepest ? parent($0) : $0 }))
    }
    return current.sorted()
  }

  /// How many directories up to the top: 0 for `a` and `a/`, 1 for `a/b`.
  private static func depth(_ path: String) -> Int {
    path.dropLast(path.hasSuffix("/") ? 1 : 0).reduce(0) { $0 + ($1 == "/" ? 1 : 0) }
  }

  /// `a/b/` for `a/b/c` and for `a/b/c/`; only asked of paths below the top.
  private static func parent(_ path: String) -> String {
    let trimmed = path.dropLast(path.hasSuffix("/") ? 1 : 0)
    return String(trimmed[...(trimmed.lastIndex(of: "/") ?? trimmed.startIndex)])
  }

  /// `paths` without those a listed directory holds.
  private static func outermost(_ paths: Set<String>) -> Set<String> {
    paths.filter { path in
      var prefix = path.dropLast(path.hasSuffix("/") ? 1 : 0)
      while let slash = prefix.lastIndex(of: "/") {
        prefix = prefix[..<slash]
        if paths.contains(prefix + "/") { return false }
      }
      return true
    }
  }

  /// The paths `git status --porcelain -z` reports as differing between the index and
  /// the working tree: changed or removed (second column) and untracked (`??`).
  /// Paths are kept as bytes: a name need not be UTF-8.
  static func changedPaths(_ status: [UInt8]) -> [[UInt8]] {
    status.split(separator: 0, omittingEmptySubsequences: true).compactMap { entry in
      guard entry.count > 3 else { return nil }
      let first = entry[entry.startIndex]
      let second = entry[entry.startIndex + 1]
      let untracked = first == UInt8(ascii: "?") && second == UInt8(ascii: "?")
      guard untracked || second != UInt8(ascii: " ") else { return nil }
      var path = Array(entry.dropFirst(3))
      // An untracked repository inside is listed as a directory; git adds it as a link.
      if path.last == UInt8(ascii: "/") { path.removeLast() }
      return path
    }
  }

  private func run(_ arguments: [String], environment: [String: String], input: String? = nil)
    async -> String?
  {
    await runBytes(arguments, environment: environment, input: input).map {
      String(decoding: $0, as: UTF8.self)
    }
  }

  private func runBytes(
    _ arguments: [String], environment: [String: String], input: String? = nil
  ) async -> [UInt8]? {
    guard let result = await execute(arguments, environment: environment, input: input),
      result.exitCode == 0
    else { return nil }
    let bytes = result.stdout.keptBytes
    // Cut output (beyond the request's limit) would be a wrong list: nil, and all is read.
    return bytes.count == result.stdout.totalByteCount ? bytes : nil
  }

  private func execute(
    _ arguments: [String], environment: [String: String], input: String? = nil
  ) async -> ExecResult? {
    var request = ConfinedProgram.request(
      ["git"] + Self.settings + arguments, workingDirectory: root, environment: environment,
      writable: PrivateGitStore.directory.map { [$0] } ?? [])
    request.stdinFile = input
    return try? await ProcessExecutor.run(request)
  }
}
