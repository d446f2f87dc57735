import Foundation
import Sandbox
import TestSupport
import Testing

@testable import Agent

/// Snapshots that read only what changed must capture exactly what reading every file
/// captures.
@Suite(.timeLimit(.minutes(10))) struct WorkingTreeIndexTests {
  /// Rounds of seeded random edits of every kind a command makes; after each round the
  /// incremental snapshot's tree is the tree of a snapshot that reads every file.
  @Test(arguments: [1, 2, 3] as [UInt64])
  func incrementalSnapshotsMatchFullOnesThroughRandomEdits(seed: UInt64) async throws {
    let workspace = TestDirectory.path("codex-worktree-index")
    try FileManager.default.createDirectory(atPath: workspace, withIntermediateDirectories: true)
    let env = try await makeRepository(
      workspace,
      setup:
        "mkdir -p a/b c && printf 'one\\n' > a/one.txt && printf 'two\\n' > a/b/two.txt && printf 'x\\n' > top.txt && printf '*.log\\nbuild/\\n' > .gitignore && printf 'u\\n' > c/untracked.txt",
      tracked: ["a", "top.txt", ".gitignore"])
    var edits = RandomEdits(root: workspace, seed: seed)
    let root = try #require(await GitSnapshot.take(in: workspace, environment: env)).root
    let index = try #require(await WorkingTreeIndex.make(root: root, environment: env))
    #expect(await index.currentTree(environment: env) != nil)
    var ignoreRounds = 0
    for round in 0..<30 {
      var done: [String] = []
      for _ in 0..<edits.below(4) + 1 { done.append(try edits.apply()) }
      if done.contains(where: { $0.hasPrefix("ignore rules") }) { ignoreRounds += 1 }
      let incremental = await index.currentTree(environment: env)
      let full = await GitSnapshot.takeInFull(root: root, environment: env)
      #expect(incremental != nil && incremental == full?.tree, "round \(round): \(done)")
    }
    // Only the first snapshot and those after an ignore file changed read everything.
    #expect(await index.fullReads == 1 + ignoreRounds)
    #expect(await index.partialReads >= 20)
    // Both ways of reading changes ran: `add` for paths that exist, status otherwise.
    let (statusUpdates, partialReads) = (await index.statusUpdates, await index.partialReads)
    #expect(
      statusUpdates > 0 && statusUpdates < partialReads, "\(statusUpdates) of \(partialReads)")
  }

  /// More changed paths than pathspecs git is given are merged into their directories,
  /// and the snapshot still holds every change.
  @Test func manyChangesAreMergedIntoDirectories() async throws {
    let workspace = TestDirectory.path("codex-worktree-many")
    try FileManager.default.createDirectory(atPath: workspace, withIntermediateDirectories: true)
    let env = try await makeRepository(
      workspace, setup: "mkdir -p d && printf 'x\\n' > d/kept.txt", tracked: ["d"])
    let first = try #require(await GitSnapshot.take(in: workspace, environment: env))
    let index = try #require(await WorkingTreeIndex.make(root: first.root, environment: env))
    #expect(await index.currentTree(environment: env) == first.tree)
    for number in 0..<(WorkingTreeIndex.pathspecLimit + 50) {
      let directory = workspace + "/d/sub\(number % 3)"
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
      try "\(number)\n".write(
        toFile: directory + "/f\(number).txt", atomically: false, encoding: .utf8)
    }
    let incremental = await index.currentTree(environment: env)
    let full = await GitSnapshot.takeInFull(root: first.root, environment: env)
    #expect(incremental != nil && incremental == full?.tree)
    #expect(incremental != first.tree)
    #expect(await index.partialReads == 1)
  }

  /// Snapshots asked for at once (a turn's, while the one begun when the session
  /// started still runs) take turns on the one index: each gives the tree, and only the
  /// first reads everything.
  @Test func snapshotsAskedForAtOnceTakeTurns() async throws {
    let workspace = TestDirectory.path("codex-worktree-together")
    try FileManager.default.createDirectory(atPath: workspace, withIntermediateDirectories: true)
    let env = try await makeRepository(
      workspace, setup: "mkdir -p d && printf 'x\\n' > d/kept.txt && printf 'u\\n' > new.txt",
      tracked: ["d"])
    let first = try #require(await GitSnapshot.takeInFull(root: workspace, environment: env))
    let index = try #require(await WorkingTreeIndex.make(root: first.root, environment: env))
    let trees = await withTaskGroup(of: String?.self) { group in
      for _ in 0..<4 { group.addTask { await index.currentTree(environment: env) } }
      return await group.reduce(into: [String?]()) { $0.append($1) }
    }
    #expect(trees == Array(repeating: first.tree, count: 4))
    #expect(await index.fullReads == 1)
  }

  @Test func pathspecsAreMergedUpwardsAndGiveUpAtTheTop() {
    let many = Set((0...WorkingTreeIndex.pathspecLimit).map { "x/y/f\($0)" })
    #expect(WorkingTreeIndex.pathspecs(many) == ["x/y/"])
    #expect(
      WorkingTreeIndex.pathspecs(Set((0...WorkingTreeIndex.pathspecLimit).map { "f\($0)" })) == nil)
    #expect(WorkingTreeIndex.pathspecs(["a/b", "c/"]) == ["a/b", "c/"])
    // What a listed directory holds is left out; the deepest go up first, so a removed
    // top-level folder beside a change elsewhere stays two pathspecs, not everything.
    let removed = Set((0..<500).map { "d2/f\($0)" } + ["d2/", "d1/x/y/z", "top"])
    #expect(WorkingTreeIndex.pathspecs(removed) == ["d1/x/y/z", "d2/", "top"])
    let deep = Set((0...WorkingTreeIndex.pathspecLimit).map { "a/b/c\($0 % 2)/f\($0)" } + ["k/"])
    #expect(WorkingTreeIndex.pathspecs(deep) == ["a/b/c0/", "a/b/c1/", "k/"])
  }

  @Test func statusLinesGiveWhatDiffersFromTheIndex() {
    let status = Array(" M a.txt\0A  staged\0AD gone\0?? new file\0?? sub/\0".utf8)
    let paths = WorkingTreeIndex.changedPaths(status).map { String(decoding: $0, as: UTF8.self) }
    #expect(paths == ["a.txt", "gone", "new file", "sub"])
  }
}

/// Seeded random changes to a working tree, each described for the failure message.
struct RandomEdits {
  let root: String
  private var state: UInt64

  init(root: String, seed: UInt64) {
    self.root = root
    state = seed &* 0x9E37_79B9_7F4A_7C15
  }

  mutating func below(_ bound: Int) -> Int {
    // splitmix64
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return Int((z ^ (z >> 31)) % UInt64(bound))
  }

  /// Files other than the ignore rules (changed only on purpose, below).
  private func files() -> [String] {
    let walker = FileManager.default.enumerator(atPath: root)
    var found: [String] = []
    while let path = walker?.nextObject() as? String {
      if path == ".git" || path.hasPrefix(".git/") || path == ".gitignore" { continue }
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isDirectory),
        !isDirectory.boolValue
      {
        found.append(path)
      }
    }
    return found.sorted()
  }

  private func directories() -> [String] {
    let walker = FileManager.default.enumerator(atPath: root)
    var found: [String] = []
    while let path = walker?.nextObject() as? String {
      if path == ".git" || path.hasPrefix(".git/") { continue }
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isDirectory),
        isDirectory.boolValue
      {
        found.append(path)
      }
    }
    return found.sorted()
  }

  private mutating func pick(_ list: [String]) -> String? {
    list.isEmpty ? nil : list[below(list.count)]
  }

  /// One random change; returns what it did.
  mutating func apply() throws -> String {
    let manager = FileManager.default
    let name = "n\(below(1000))"
    switch below(11) {
    case 0:
      let directory = pick(directories()) ?? ""
      let nested = below(2) == 0 ? "/\(name)d/deeper" : ""
      let path = (directory.isEmpty ? "" : directory + "/") + name + nested
      try manager.createDirectory(atPath: root + "/" + path, withIntermediateDirectories: true)
      try "made \(name)\n".write(
        toFile: root + "/" + path + "/file.txt", atomically: false, encoding: .utf8)
      return "new directory \(path)"
    case 1:
      guard let file = pick(files()) else { return "nothing" }
      let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: root + "/" + file))
      try handle.seekToEnd()
      try handle.write(contentsOf: Data("more\n".utf8))
      try handle.close()
      return "appended to \(file)"
    case 2:
      // Same size, same second: what git's racy-clean check exists for.
      guard let file = pick(files()), let text = manager.contents(atPath: root + "/" + file),
        !text.isEmpty
      else { return "nothing" }
      var changed = text
      changed[0] = changed[0] == UInt8(ascii: "Z") ? UInt8(ascii: "Y") : UInt8(ascii: "Z")
      try changed.write(to: URL(fileURLWithPath: root + "/" + file))
      return "rewrote \(file) at the same size"
    case 3:
      guard let file = pick(files()) else { return "nothing" }
      try manager.removeItem(atPath: root + "/" + file)
      return "removed \(file)"
    case 4:
      guard let file = pick(files()) else { return "nothing" }
      let target = (pick(directories()).map { $0 + "/" } ?? "") + name + ".txt"
      guard !manager.fileExists(atPath: root + "/" + target) else { return "nothing" }
      try manager.moveItem(atPath: root + "/" + file, toPath: root + "/" + target)
      return "moved \(file) to \(target)"
    case 5:
      guard let directory = pick(directories()), !directory.contains("build") else {
        return "nothing"
      }
      let target = name + "moved"
      try manager.moveItem(atPath: root + "/" + directory, toPath: root + "/" + target)
      return "moved directory \(directory) to \(target)"
    case 6:
      guard let directory = pick(directories()) else { return "nothing" }
      try manager.removeItem(atPath: root + "/" + directory)
      return "removed directory \(directory)"
    case 7:
      guard let file = pick(files()) else { return "nothing" }
      let attributes = try manager.attributesOfItem(atPath: root + "/" + file)
      let mode = (attributes[.posixPermissions] as? Int ?? 0o644) ^ 0o111
      try manager.setAttributes([.posixPermissions: mode], ofItemAtPath: root + "/" + file)
      return "toggled the executable bit of \(file)"
    case 8:
      let path = name + ".link"
      guard !manager.fileExists(atPath: root + "/" + path) else { return "nothing" }
      try manager.createSymbolicLink(atPath: root + "/" + path, withDestinationPath: "top.txt")
      return "linked \(path)"
    case 9:
      let ignored = below(2) == 0 ? name + ".log" : "build/" + name
      try manager.createDirectory(atPath: root + "/build", withIntermediateDirectories: true)
      try "ignored\n".write(toFile: root + "/" + ignored, atomically: false, encoding: .utf8)
      return "wrote ignored \(ignored)"
    default:
      // Ignore rules change which untracked files count, unchanged ones included.
      let rules = below(2) == 0 ? "*.log\nbuild/\n" : "*.log\n"
      try rules.write(toFile: root + "/.gitignore", atomically: false, encoding: .utf8)
      return "ignore rules now \(rules.debugDescription)"
    }
  }
}
