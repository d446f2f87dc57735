import Agent

extension FuzzTarget {
  /// The patch parser and the hunk applier. The input is a file's text, a NUL byte, and
  /// a patch; every update in the patch is applied to that text in memory.
  public static let patch = FuzzTarget(name: "patch") { bytes in
    let split = bytes.firstIndex(of: 0) ?? bytes.endIndex
    let original = String(decoding: bytes[..<split], as: UTF8.self)
    let patchText = String(decoding: bytes[min(split + 1, bytes.endIndex)...], as: UTF8.self)
    guard let patch = try? PatchParser.parse(patchText) else { return }
    let applier = PatchApplier(workingDirectory: "/nonexistent")
    for operation in patch.operations {
      guard case .update(let path, _, let chunks) = operation else { continue }
      guard let updated = try? applier.newText(applying: chunks, to: original, path: path)
      else { continue }
      // A file that ended with a newline still does, unless it is now empty.
      // (Bytes: to Swift's String, "\r\n" is one Character that is not "\n".)
      if original.utf8.last == 0x0A && !updated.isEmpty {
        invariant(updated.utf8.last == 0x0A, "the final newline was lost")
      }
    }
  }
}
