/// A patch in the Codex format, parsed: what to add, delete and change.
///
/// ```
/// *** Begin Patch
/// *** Add File: docs/new.md
/// +text
/// *** Update File: src/app.py
/// *** Move to: src/main.py
/// @@ def run():
/// -    old()
/// +    new()
/// *** Delete File: old.txt
/// *** End Patch
/// ```
public struct Patch: Sendable, Equatable {
  /// The operations in the order they appear.
  public var operations: [PatchOperation]

  /// A patch of these operations.
  public init(operations: [PatchOperation]) {
    self.operations = operations
  }
}

/// One file's part of a patch.
public enum PatchOperation: Sendable, Equatable {
  case add(path: String, lines: [String])
  case delete(path: String)
  case update(path: String, moveTo: String?, chunks: [PatchChunk])

  /// The file it is about.
  public var path: String {
    switch self {
    case .add(let path, _), .delete(let path), .update(let path, _, _): return path
    }
  }
}

/// One `@@` section of an update: lines to find and what replaces them.
public struct PatchChunk: Sendable, Equatable {
  /// The text after `@@`, a line that must come before the change (e.g. a function header).
  public var context: String?
  /// The lines the file must contain (context and removed lines, in order).
  public var oldLines: [String]
  /// What they become (context and added lines, in order).
  public var newLines: [String]
  /// The change is at the end of the file (`*** End of File`).
  public var isEndOfFile: Bool
  /// The chunk's line in the patch text, for errors.
  public var line: Int
  /// Context lines: the index in `newLines` of each, to its index in `oldLines`. A context
  /// line matched loosely keeps the file's own text (its trailing spaces, its quotes).
  public var contextLines: [Int: Int] = [:]

  /// A chunk as parsed.
  public init(
    context: String?, oldLines: [String], newLines: [String], isEndOfFile: Bool, line: Int
  ) {
    self.context = context
    self.oldLines = oldLines
    self.newLines = newLines
    self.isEndOfFile = isEndOfFile
    self.line = line
  }
}

/// A patch that could not be parsed or applied; nothing was changed.
public struct PatchError: Error, Sendable, Equatable, CustomStringConvertible {
  /// What is wrong, and where in the patch.
  public var message: String
  /// An error with this message.
  public init(_ message: String) { self.message = message }
  /// The message.
  public var description: String { message }
}
