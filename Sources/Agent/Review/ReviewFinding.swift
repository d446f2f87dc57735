/// One problem a review found, in Codex's review shape.
public struct ReviewFinding: Sendable, Equatable {
  /// One line, imperative (`[P1] Close the file on the error path`).
  public var title: String
  /// Why it is a problem, in Markdown.
  public var body: String
  /// How sure the reviewer is, 0...1, when it said.
  public var confidence: Double?
  /// 0 (drop everything) to 3 (nice to have), when it said.
  public var priority: Int?
  /// The file, as the model named it (absolute or relative to the repository).
  public var path: String
  /// The first and last line the finding is about (1-based, in the new version).
  public var lines: ClosedRange<Int>

  /// A finding.
  public init(
    title: String, body: String, confidence: Double?, priority: Int?, path: String,
    lines: ClosedRange<Int>
  ) {
    self.title = title
    self.body = body
    self.confidence = confidence
    self.priority = priority
    self.path = path
    self.lines = lines
  }

  /// `P1`, or nil when the priority is unknown.
  public var priorityLabel: String? { priority.map { "P\($0)" } }

  /// The title without a leading `[P1]` tag (the priority is shown on its own).
  public var plainTitle: String {
    guard title.hasPrefix("[P"), let close = title.firstIndex(of: "]"),
      title.distance(from: title.startIndex, to: close) <= 3
    else { return title }
    return String(title[title.index(after: close)...]).trimmingCharacters(in: .whitespaces)
  }

  /// `path` relative to `root` when it lies inside it.
  public func relativePath(root: String) -> String {
    let prefix = root.hasSuffix("/") ? root : root + "/"
    return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
  }
}

/// `P0`…`P3` as a number.
public enum ReviewPriority {
  /// 0…3 for `P0`…`P3` (any case), nil for anything else.
  public static func parse(_ text: String) -> Int? {
    let upper = text.uppercased()
    guard upper.count == 2, upper.hasPrefix("P"), let digit = Int(upper.dropFirst()),
      (0...3).contains(digit)
    else { return nil }
    return digit
  }
}
