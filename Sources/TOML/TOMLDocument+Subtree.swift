extension TOMLDocument {
  /// The table at `path` as a document of its own, in the user's own text: each of its
  /// sections (`[profiles.fast]`, `[profiles.fast.sub]`, `[[profiles.fast.list]]`) with
  /// its comments and formatting, the header shortened to what lies below `path`.
  /// Nil when part of the table is written another way (a dotted key outside those
  /// sections, an inline table), which cannot be moved as text.
  public func subtreeText(_ path: [String]) -> String? {
    let bytes = Array(text.utf8)
    let lines = located
    // The table's own keys first, then its sub-tables, wherever their headers stand.
    var own: [UInt8] = []
    var out: [UInt8] = []
    var found = false
    for (index, line) in lines.enumerated() {
      let full = line.fullPath
      guard full.starts(with: path) else { continue }
      guard case .header(let headerPath, let isArray) = line.statement.kind else {
        // A key of the table outside its own sections.
        if !line.section.starts(with: path) || line.section.count < path.count { return nil }
        continue
      }
      guard headerPath.count >= path.count else { return nil }
      found = true
      let end =
        lines[(index + 1)...].first {
          if case .header = $0.statement.kind { return true }
          return false
        }?.statement.lineRange.lowerBound ?? bytes.count
      let below = Array(headerPath.dropFirst(path.count))
      if !below.isEmpty {
        let name = TOMLEncoder.dottedKey(below)
        if !out.isEmpty, out.last != 0x0A { out.append(0x0A) }
        out += Array((isArray ? "[[\(name)]]\n" : "[\(name)]\n").utf8)
        out += bytes[line.statement.lineRange.upperBound..<end]
      } else if isArray {
        return nil
      } else {
        own += bytes[line.statement.lineRange.upperBound..<end]
      }
    }
    guard found else { return nil }
    if !own.isEmpty, !out.isEmpty, own.last != 0x0A { own.append(0x0A) }
    out = own + out
    // Blank lines that separated the section from what followed it are not its own.
    while out.count > 1, out[out.count - 1] == 0x0A, out[out.count - 2] == 0x0A { out.removeLast() }
    while out.first == 0x0A { out.removeFirst() }
    return String(decoding: out, as: UTF8.self)
  }
}
