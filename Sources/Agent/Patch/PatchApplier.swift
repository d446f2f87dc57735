import Foundation
import Sandbox

/// What applying a patch did to one file.
public struct FileChange: Sendable, Equatable {
  /// Added, deleted or modified, with git's letters.
  public enum Kind: String, Sendable {
    case added = "A"
    case deleted = "D"
    case modified = "M"
  }
  /// What happened to the file.
  public var kind: Kind
  /// The file, as the patch names it.
  public var path: String
  /// The new path when the file was moved.
  public var movedTo: String?
  /// Its text before, nil when it was added.
  public var oldText: String?
  /// Its text after, nil when it was deleted.
  public var newText: String?

  /// A change as given.
  public init(
    kind: Kind, path: String, movedTo: String? = nil, oldText: String? = nil,
    newText: String? = nil
  ) {
    self.kind = kind
    self.path = path
    self.movedTo = movedTo
    self.oldText = oldText
    self.newText = newText
  }

  /// `A docs/new.md`, `M src/a.py -> src/b.py`
  public var summary: String {
    kind.rawValue + " " + path + (movedTo.map { " -> " + $0 } ?? "")
  }

  /// A unified diff of the change.
  public var diff: String {
    UnifiedDiff.make(
      old: oldText ?? "", new: newText ?? "",
      oldName: oldText == nil ? "/dev/null" : Self.prefixed("a", path),
      newName: newText == nil ? "/dev/null" : Self.prefixed("b", movedTo ?? path))
  }

  /// `a/src/x` for a relative path, `a/tmp/x` (not `a//tmp/x`) for an absolute one.
  static func prefixed(_ side: String, _ path: String) -> String {
    path.hasPrefix("/") ? side + path : side + "/" + path
  }
}

/// Applies patches atomically: every change of every file is worked out in memory
/// first, and files are written only when all of them apply. If writing fails
/// part-way, the files already written are restored.
public struct PatchApplier: Sendable {
  /// Where relative paths in the patch start.
  public var workingDirectory: String

  /// An applier for patches relative to `workingDirectory`.
  public init(workingDirectory: String) {
    self.workingDirectory = workingDirectory
  }

  /// A patch path made absolute.
  public func absolute(_ path: String) -> String {
    path.hasPrefix("/") ? path : workingDirectory + "/" + path
  }

  /// The changes the patch would make, without touching any file.
  public func plan(_ patch: Patch) throws -> [FileChange] {
    var changes: [FileChange] = []
    // Later operations see the results of earlier ones on the same path.
    var pending: [String: String?] = [:]
    func current(_ path: String) -> String? {
      if let staged = pending[absolute(path)] { return staged }
      return try? String(contentsOfFile: absolute(path), encoding: .utf8)
    }
    func exists(_ path: String) -> Bool {
      if let staged = pending[absolute(path)] { return staged != nil }
      return FileManager.default.fileExists(atPath: absolute(path))
    }

    for operation in patch.operations {
      switch operation {
      case .add(let path, let lines):
        guard !exists(path) else {
          throw PatchError("cannot add \(path): it already exists (use `*** Update File: \(path)`)")
        }
        let text = lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
        changes.append(FileChange(kind: .added, path: path, oldText: nil, newText: text))
        pending[absolute(path)] = text
      case .delete(let path):
        guard exists(path), let old = current(path) else {
          throw PatchError("cannot delete \(path): no such file")
        }
        changes.append(FileChange(kind: .deleted, path: path, oldText: old, newText: nil))
        pending[absolute(path)] = .some(nil)
      case .update(let path, let moveTo, let chunks):
        guard exists(path), let old = current(path) else {
          throw PatchError("cannot update \(path): no such file")
        }
        if let moveTo, moveTo != path, exists(moveTo) {
          throw PatchError("cannot move \(path) to \(moveTo): \(moveTo) already exists")
        }
        let new = try newText(applying: chunks, to: old, path: path)
        changes.append(
          FileChange(kind: .modified, path: path, movedTo: moveTo, oldText: old, newText: new))
        if let moveTo, moveTo != path {
          pending[absolute(path)] = .some(nil)
          pending[absolute(moveTo)] = new
        } else {
          pending[absolute(path)] = new
        }
      }
    }
    return changes
  }

  /// Applies the patch through `writer`; on any error no file is changed.
  @discardableResult
  public func apply(_ patch: Patch, writer: any FileWriter = DirectFileWriter()) throws
    -> [FileChange]
  {
    let changes = try plan(patch)
    // Each write with what the path held before it (nil: nothing), as `plan` read it.
    var writes: [Write] = []
    for change in changes {
      switch change.kind {
      case .added: writes.append(Write(path: absolute(change.path), text: change.newText))
      case .deleted:
        writes.append(Write(path: absolute(change.path), text: nil, before: change.oldText))
      case .modified:
        if let target = change.movedTo, target != change.path {
          writes.append(Write(path: absolute(target), text: change.newText))
          writes.append(Write(path: absolute(change.path), text: nil, before: change.oldText))
        } else {
          writes.append(
            Write(path: absolute(change.path), text: change.newText, before: change.oldText))
        }
      }
    }
    try commit(writes, writer)
    return changes
  }

  /// One file written (or removed, when `text` is nil), and what it held before.
  private struct Write {
    var path: String
    var text: String?
    var before: String?
  }

  /// Writes every file, restoring the originals if any step fails.
  private func commit(_ writes: [Write], _ writer: any FileWriter) throws {
    var done: [Write] = []
    func put(_ path: String, _ text: String?) throws {
      guard var text else { return try writer.remove(path) }
      try text.withUTF8 { try writer.write(path, UnsafeRawBufferPointer($0)) }
    }
    do {
      for write in writes {
        done.append(write)
        try put(write.path, write.text)
      }
    } catch {
      for write in done.reversed() { try? put(write.path, write.before) }
      if error is PatchError || error is SandboxedWriteDenied { throw error }
      if let failure = error as? FileWriteError { throw PatchError(failure.description) }
      throw PatchError("cannot apply the patch: \(error); no file was changed")
    }
  }

  /// The text of the file at `path` after all `chunks`, computed in memory, or an error
  /// naming the chunk that does not fit.
  public func newText(applying chunks: [PatchChunk], to text: String, path: String) throws
    -> String
  {
    if let text = ExactPatch.apply(chunks, to: text) { return text }
    return try fullNewText(applying: chunks, to: text, path: path)
  }

  /// `newText` without the byte-level fast path: loose matching, `\r\n`, the errors.
  func fullNewText(applying chunks: [PatchChunk], to text: String, path: String) throws -> String {
    // A byte scan: Foundation's substring search costs more than the whole patch.
    var crlf = false
    var previous: UInt8 = 0
    for byte in text.utf8 {
      if byte == 10 && previous == 13 {
        crlf = true
        break
      }
      previous = byte
    }
    // Lines are slices of the text until the result is built: a large file is never
    // copied line by line.
    var lines = TextLines.slices(text)
    let endsWithNewline = lines.last == ""
    if endsWithNewline { lines.removeLast() }

    var cursor = 0
    for chunk in chunks {
      if let context = chunk.context {
        guard let found = LineMatcher.find([context], in: lines, from: cursor) else {
          throw PatchError(
            "\(path): cannot find the context line `\(context)` (patch line \(chunk.line))")
        }
        cursor = found + 1
      }
      if chunk.oldLines.isEmpty {
        let at = chunk.context == nil ? lines.count : cursor
        lines.insert(contentsOf: chunk.newLines.map { Substring($0) }, at: at)
        cursor = at + chunk.newLines.count
        continue
      }
      var found = LineMatcher.find(
        chunk.oldLines, in: lines, from: cursor, fromEnd: chunk.isEndOfFile)
      // A trailing empty context line often stands for the end of the file.
      var oldLines = chunk.oldLines
      var newLines = chunk.newLines
      if found == nil, oldLines.last == "" {
        oldLines.removeLast()
        if newLines.last == "" { newLines.removeLast() }
        found = LineMatcher.find(oldLines, in: lines, from: cursor, fromEnd: chunk.isEndOfFile)
      }
      guard let start = found else {
        let preview = chunk.oldLines.prefix(3).map { "  " + $0 }.joined(separator: "\n")
        throw PatchError(
          "\(path): the lines of the change at patch line \(chunk.line) are not in the file:\n\(preview)"
        )
      }
      // Context lines as the file has them: a loose match must not rewrite them.
      var replacement = newLines.map { Substring($0) }
      for (new, old) in chunk.contextLines where new < replacement.count && old < oldLines.count {
        replacement[new] = lines[start + old]
      }
      lines.replaceSubrange(start..<(start + oldLines.count), with: replacement)
      cursor = start + newLines.count
    }
    let separator = crlf ? "\r\n" : "\n"
    var result = ""
    result.reserveCapacity(text.utf8.count + text.utf8.count / 8)
    for (index, line) in lines.enumerated() {
      if index > 0 { result += separator }
      result += line
    }
    // Every line ends with a line break; a file left with no lines is empty (as Codex's
    // applier leaves it), not a lone line break.
    if !lines.isEmpty { result += separator }
    return result
  }
}
