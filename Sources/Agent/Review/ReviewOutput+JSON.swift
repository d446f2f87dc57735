extension ReviewOutput {
  /// The result in Codex's review shape (`findings`, `overall_correctness`, ...), each
  /// finding's `code_location` with the absolute path under `root`.
  public func json(root: String) -> JSONValue {
    var object: JSONObject = [
      "findings": .array(findings.map { $0.json(root: root) }),
      "overall_correctness": .string(overallCorrectness),
      "overall_explanation": .string(overallExplanation),
    ]
    object["overall_confidence_score"] = overallConfidence.map { .double($0) } ?? .null
    return .object(object)
  }
}

extension ReviewFinding {
  /// `path` made absolute under `root` when the model gave it relative.
  public func absolutePath(root: String) -> String {
    path.hasPrefix("/") || path.isEmpty ? path : root + "/" + path
  }

  /// One finding in Codex's shape.
  func json(root: String) -> JSONValue {
    var object: JSONObject = ["title": .string(title), "body": .string(body)]
    object["confidence_score"] = confidence.map { .double($0) } ?? .null
    object["priority"] = priority.map { .int($0) } ?? .null
    object["code_location"] = [
      "absolute_file_path": .string(absolutePath(root: root)),
      "line_range": ["start": .int(lines.lowerBound), "end": .int(lines.upperBound)],
    ]
    return .object(object)
  }
}
