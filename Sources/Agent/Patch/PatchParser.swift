/// Reads patch text into a `Patch`. Tolerates what models commonly add around it:
/// surrounding blank lines and a shell here-document wrapper (`<<'EOF'` … `EOF`).
public enum PatchParser {
  /// Parses a `*** Begin Patch` ... `*** End Patch` text; a malformed one is a `PatchError`
  /// naming the line.
  public static func parse(_ text: String) throws -> Patch {
    // Trailing white space never matters on a marker line; on a change line it is kept.
    var lines = TextLines.split(text).map { line in
      line.hasPrefix("***") || line.hasPrefix("@@")
        ? String(line.reversed().drop(while: \.isWhitespace).reversed()) : line
    }
    var firstLine = 1
    while let first = lines.first, first.trimmingCharacters(in: .whitespaces).isEmpty {
      lines.removeFirst()
      firstLine += 1
    }
    while let last = lines.last, last.trimmingCharacters(in: .whitespaces).isEmpty {
      lines.removeLast()
    }
    if let first = lines.first, first.hasPrefix("<<"), lines.count >= 2 {
      lines.removeFirst()
      lines.removeLast()
      firstLine += 1
    }
    guard lines.first?.trimmingCharacters(in: .whitespaces) == "*** Begin Patch" else {
      throw PatchError("line \(firstLine): a patch must start with `*** Begin Patch`")
    }
    guard lines.last?.trimmingCharacters(in: .whitespaces) == "*** End Patch" else {
      throw PatchError("the patch must end with `*** End Patch`")
    }
    var reader = Reader(lines: Array(lines.dropFirst().dropLast()), offset: firstLine + 1)
    var operations: [PatchOperation] = []
    while let line = reader.peek() {
      if let path = line.value(after: "*** Add File: ") {
        reader.advance()
        var added: [String] = []
        while let next = reader.peek(), !next.hasPrefix("*** ") {
          guard next.hasPrefix("+") else {
            throw PatchError(
              "line \(reader.lineNumber): in `*** Add File: \(path)`, every line must start with `+`"
            )
          }
          added.append(String(next.dropFirst()))
          reader.advance()
        }
        operations.append(.add(path: try checkedPath(path, reader.lineNumber - 1), lines: added))
      } else if let path = line.value(after: "*** Delete File: ") {
        reader.advance()
        operations.append(.delete(path: try checkedPath(path, reader.lineNumber - 1)))
      } else if let path = line.value(after: "*** Update File: ") {
        let headerLine = reader.lineNumber
        reader.advance()
        var moveTo: String?
        if let target = reader.peek()?.value(after: "*** Move to: ") {
          moveTo = try checkedPath(target, reader.lineNumber)
          reader.advance()
        }
        let chunks = try readChunks(&reader, path: path)
        if chunks.isEmpty && moveTo == nil {
          throw PatchError("line \(headerLine): `*** Update File: \(path)` has no changes")
        }
        operations.append(
          .update(path: try checkedPath(path, headerLine), moveTo: moveTo, chunks: chunks))
      } else {
        throw PatchError(
          "line \(reader.lineNumber): expected `*** Add File:`, `*** Delete File:` or `*** Update File:`, found `\(line)`"
        )
      }
    }
    guard !operations.isEmpty else { throw PatchError("the patch changes no file") }
    return Patch(operations: operations)
  }

  private static func checkedPath(_ path: String, _ line: Int) throws -> String {
    let trimmed = path.trimmingCharacters(in: .whitespaces)
    guard !trimmed.isEmpty else { throw PatchError("line \(line): missing file path") }
    return trimmed
  }

  private static func readChunks(_ reader: inout Reader, path: String) throws -> [PatchChunk] {
    var chunks: [PatchChunk] = []
    var current: PatchChunk?
    func finish() {
      if let chunk = current, !(chunk.oldLines.isEmpty && chunk.newLines.isEmpty) {
        chunks.append(chunk)
      }
      current = nil
    }
    while let line = reader.peek() {
      if line == "*** End of File" {
        guard current != nil else {
          throw PatchError("line \(reader.lineNumber): `*** End of File` outside a change")
        }
        current?.isEndOfFile = true
        reader.advance()
        finish()
        continue
      }
      if line.hasPrefix("*** ") { break }
      if line.hasPrefix("@@") {
        finish()
        let context = line.dropFirst(2).trimmingCharacters(in: .whitespaces)
        current = PatchChunk(
          context: context.isEmpty ? nil : context, oldLines: [], newLines: [], isEndOfFile: false,
          line: reader.lineNumber)
        reader.advance()
        continue
      }
      if current == nil {
        // The first section may omit its `@@` line.
        current = PatchChunk(
          context: nil, oldLines: [], newLines: [], isEndOfFile: false, line: reader.lineNumber)
      }
      let body = String(line.dropFirst())
      switch line.first {
      case " ", nil:
        // An empty line in a change stands for an empty context line.
        if let chunk = current {
          current?.contextLines[chunk.newLines.count] = chunk.oldLines.count
        }
        current?.oldLines.append(body)
        current?.newLines.append(body)
      case "-": current?.oldLines.append(body)
      case "+": current?.newLines.append(body)
      default:
        throw PatchError(
          "line \(reader.lineNumber): in `*** Update File: \(path)`, a change line must start with ` `, `-` or `+`, found `\(line)`"
        )
      }
      reader.advance()
    }
    finish()
    return chunks
  }

  private struct Reader {
    var lines: [String]
    var index = 0
    let offset: Int
    init(lines: [String], offset: Int) {
      self.lines = lines
      self.offset = offset
    }
    var lineNumber: Int { index + offset }
    func peek() -> String? { index < lines.count ? lines[index] : nil }
    mutating func advance() { index += 1 }
  }
}

extension String {
  fileprivate func value(after prefix: String) -> String? {
    hasPrefix(prefix) ? String(dropFirst(prefix.count)) : nil
  }
}
