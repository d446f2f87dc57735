/// Unified diffs of two texts, line by line (Myers' algorithm), with three lines of
/// context, as `git diff` shows them.
public enum UnifiedDiff {
  /// A unified diff from `old` to `new` with three lines of context.
  public static func make(
    old: String, new: String, oldName: String, newName: String, context: Int = 3
  ) -> String {
    let a = lines(old)
    let b = lines(new)
    let edits = script(a, b)
    guard edits.contains(where: { $0.kind != .same }) else { return "" }
    var out = "--- \(oldName)\n+++ \(newName)\n"
    var index = 0
    while index < edits.count {
      guard let firstChange = edits[index...].firstIndex(where: { $0.kind != .same }) else { break }
      var end = firstChange
      // Extend the hunk while the next change is within two contexts' reach.
      while let next = edits[(end + 1)...].firstIndex(where: { $0.kind != .same }),
        next - end <= 2 * context
      {
        end = next
      }
      let start = max(index, firstChange - context)
      let stop = min(edits.count, end + context + 1)
      let slice = edits[start..<stop]
      let oldStart = slice.first!.oldIndex
      let newStart = slice.first!.newIndex
      let oldCount = slice.filter { $0.kind != .insert }.count
      let newCount = slice.filter { $0.kind != .delete }.count
      out += "@@ -\(range(oldStart, oldCount)) +\(range(newStart, newCount)) @@\n"
      for edit in slice {
        switch edit.kind {
        case .same: out += " " + a[edit.oldIndex] + "\n"
        case .delete: out += "-" + a[edit.oldIndex] + "\n"
        case .insert: out += "+" + b[edit.newIndex] + "\n"
        }
      }
      index = stop
    }
    return out
  }

  private static func range(_ start: Int, _ count: Int) -> String {
    let first = count == 0 ? start : start + 1
    return count == 1 ? "\(first)" : "\(first),\(count)"
  }

  private static func lines(_ text: String) -> [String] {
    var result = TextLines.split(text)
    if result.last == "" { result.removeLast() }
    return result
  }

  struct Edit {
    enum Kind { case same, delete, insert }
    var kind: Kind
    /// Position in the old text (for inserts: where the insert happens).
    var oldIndex: Int
    var newIndex: Int
  }

  /// The shortest edit script from `a` to `b`.
  static func script(_ a: [String], _ b: [String]) -> [Edit] {
    let n = a.count
    let m = b.count
    let maxD = n + m
    guard maxD > 0 else { return [] }
    var v = [Int](repeating: 0, count: 2 * maxD + 2)
    var trace: [[Int]] = []
    let offset = maxD + 1
    outer: for d in 0...maxD {
      trace.append(v)
      for k in stride(from: -d, through: d, by: 2) {
        var x: Int
        if k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) {
          x = v[offset + k + 1]
        } else {
          x = v[offset + k - 1] + 1
        }
        var y = x - k
        while x < n && y < m && a[x] == b[y] {
          x += 1
          y += 1
        }
        v[offset + k] = x
        if x >= n && y >= m { break outer }
      }
    }
    // Walk back through the saved states.
    var edits: [Edit] = []
    var x = n
    var y = m
    for d in stride(from: trace.count - 1, through: 0, by: -1) {
      let v = trace[d]
      let k = x - y
      let previousK: Int
      if k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) {
        previousK = k + 1
      } else {
        previousK = k - 1
      }
      let previousX = v[offset + previousK]
      let previousY = previousX - previousK
      while x > previousX && y > previousY {
        x -= 1
        y -= 1
        edits.append(Edit(kind: .same, oldIndex: x, newIndex: y))
      }
      if d > 0 {
        if x == previousX {
          y -= 1
          edits.append(Edit(kind: .insert, oldIndex: x, newIndex: y))
        } else {
          x -= 1
          edits.append(Edit(kind: .delete, oldIndex: x, newIndex: y))
        }
      }
    }
    return edits.reversed()
  }
}
