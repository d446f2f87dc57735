import Foundation

/// Saved sessions moved out of the way, back, or deleted, as Codex does it: archived logs
/// live in `$CODEX_HOME/archived_sessions`, where listing and resuming do not look.
public struct SessionArchive: Sendable {
  /// `$CODEX_HOME`.
  public var codexHome: String

  /// Why a session could not be found or moved.
  public struct Failure: Error, CustomStringConvertible {
    /// What went wrong and what to do.
    public var description: String
  }

  /// The archive of `codexHome`.
  public init(codexHome: String) { self.codexHome = codexHome }

  var archiveDirectory: String { codexHome + "/archived_sessions" }

  /// The log of the session `id` (full id, its start, or its name), or the latest one.
  public func active(_ id: String?) throws(Failure) -> String {
    if let id {
      guard let path = SavedSession.find(codexHome: codexHome, id: id) else {
        throw Failure(description: "no saved session \(id) in \(codexHome)/sessions")
      }
      return path
    }
    guard let latest = SavedSession.list(codexHome: codexHome, limit: 1).first else {
      throw Failure(description: "there is no saved session in \(codexHome)/sessions")
    }
    return latest
  }

  /// Moves a session's log into the archive; returns where it went.
  public func archive(_ path: String) throws(Failure) -> String {
    let target = archiveDirectory + "/" + (path as NSString).lastPathComponent
    try move(path, to: target)
    return target
  }

  /// Moves an archived session (by id, its start or name) back to where sessions live.
  public func unarchive(_ id: String) throws(Failure) -> String {
    let id = SessionNames(codexHome: codexHome).id(named: id) ?? id
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: archiveDirectory)) ?? []
    guard
      let name = entries.sorted().last(where: {
        $0.hasPrefix("rollout-") && $0.hasSuffix(".jsonl")
          && (($0 as NSString).deletingPathExtension.hasSuffix(id) || $0.contains("-" + id))
      })
    else {
      throw Failure(description: "no archived session \(id) in \(archiveDirectory)")
    }
    // rollout-YYYY-MM-DDThh-mm-ss-ID.jsonl lives under sessions/YYYY/MM/DD.
    let date = name.dropFirst("rollout-".count).prefix(10).split(separator: "-")
    let folder =
      date.count == 3
      ? "\(codexHome)/sessions/\(date[0])/\(date[1])/\(date[2])" : "\(codexHome)/sessions"
    let target = folder + "/" + name
    try move(archiveDirectory + "/" + name, to: target)
    return target
  }

  /// Deletes a session's log for good.
  public func delete(_ path: String) throws(Failure) {
    do {
      try FileManager.default.removeItem(atPath: path)
    } catch {
      throw Failure(description: "cannot delete \(path): \(error.localizedDescription)")
    }
  }

  private func move(_ source: String, to target: String) throws(Failure) {
    guard !FileManager.default.fileExists(atPath: target) else {
      throw Failure(description: "\(target) exists already; nothing was moved")
    }
    do {
      try FileManager.default.createDirectory(
        atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      try FileManager.default.moveItem(atPath: source, toPath: target)
    } catch {
      throw Failure(
        description: "cannot move \(source) to \(target): \(error.localizedDescription)")
    }
  }
}
