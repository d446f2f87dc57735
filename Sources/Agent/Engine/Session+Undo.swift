import Foundation

/// What `/undo` and `/diff` need: snapshots of the working tree and the patches' changes.
extension Session {
  /// Turns from now on keep what `/undo` needs to put back a command's changes: the
  /// working tree captured before a turn's first call that may write. The repository is
  /// read in the background when the first prompt is submitted (while the model
  /// thinks, not while a session waits idle), so that the first such turn costs only
  /// what changed.
  public func keepUndoSnapshots() {
    keepsUndoSnapshots = true
  }

  /// The first full read of the repository, begun once.
  func beginUndoBaseline() {
    guard keepsUndoSnapshots, !undoBaselineBegun else { return }
    undoBaselineBegun = true
    snapshotInBackground()
  }

  /// After a call that may have written: the working tree read again in the background
  /// (while the model answers), so that the next call's snapshot, or /diff, finds little
  /// or nothing new to read.
  func snapshotAfterWriting() {
    guard keepsUndoSnapshots else { return }
    snapshotInBackground()
  }

  private func snapshotInBackground() {
    let directory = configuration.workingDirectory
    let environment = environment
    Task.detached(priority: .utility) {
      _ = await GitSnapshot.take(in: directory, environment: environment)
    }
  }

  /// Captures the working tree before the turn's first call that may write.
  func snapshotBeforeWriting() async {
    guard keepsUndoSnapshots, !turnSnapshotTaken else { return }
    turnSnapshotTaken = true
    lastTurnDiff.gitBase = await GitSnapshot.take(
      in: configuration.workingDirectory, environment: environment)
  }

  func recordChange(_ change: FileChange, applier: PatchApplier) {
    lastTurnDiff.record(change, applier: applier)
    sessionDiff.record(change, applier: applier)
  }
}
