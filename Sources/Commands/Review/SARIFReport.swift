import Agent
import Foundation

/// A review as a SARIF 2.1.0 log, the format code-scanning services (GitHub, GitLab)
/// read to show findings inline: one rule per priority, one result per finding, paths
/// relative to the repository (`%SRCROOT%`).
public enum SARIFReport {
  /// The rule ids, P0 to P3, then the one for findings without a priority.
  static let rules: [(id: String, summary: String, level: String)] = [
    ("P0", "Blocking: fix before anything else", "error"),
    ("P1", "Urgent: fix before merging", "error"),
    ("P2", "Normal: fix soon", "warning"),
    ("P3", "Low: nice to have", "note"),
    ("finding", "A finding without a priority", "warning"),
  ]

  /// The SARIF log of `result`.
  public static func log(_ result: ReviewResult, toolVersion: String) -> JSONValue {
    let rootURI = URL(fileURLWithPath: result.root, isDirectory: true).absoluteString
    let results: [JSONValue] = result.output.findings.map { finding in
      let index = finding.priority ?? 4
      let relative = finding.relativePath(root: result.root)
      var location: JSONObject
      if relative.hasPrefix("/") {
        location = ["uri": .string(URL(fileURLWithPath: relative).absoluteString)]
      } else {
        location = [
          "uri": .string(
            relative.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? relative),
          "uriBaseId": "%SRCROOT%",
        ]
      }
      var properties: JSONObject = [:]
      if let priority = finding.priority { properties["priority"] = .int(priority) }
      if let confidence = finding.confidence { properties["confidence"] = .double(confidence) }
      let text =
        finding.body.isEmpty ? finding.plainTitle : finding.plainTitle + "\n\n" + finding.body
      var entry: JSONObject = [
        "ruleId": .string(rules[index].id), "ruleIndex": .int(index),
        "level": .string(rules[index].level),
        "message": ["text": .string(text)],
        "locations": [
          [
            "physicalLocation": [
              "artifactLocation": .object(location),
              "region": [
                "startLine": .int(finding.lines.lowerBound),
                "endLine": .int(finding.lines.upperBound),
              ],
            ]
          ]
        ],
      ]
      if !properties.isEmpty { entry["properties"] = .object(properties) }
      return .object(entry)
    }
    var runProperties: JSONObject = [
      "target": .string(result.target),
      "overallCorrectness": .string(result.output.overallCorrectness),
      "overallExplanation": .string(result.output.overallExplanation),
    ]
    if let confidence = result.output.overallConfidence {
      runProperties["overallConfidence"] = .double(confidence)
    }
    let driver: JSONObject = [
      "name": "codex", "version": .string(toolVersion),
      "rules": .array(
        rules.map { rule in
          [
            "id": .string(rule.id),
            "name": .string(rule.id == "finding" ? "ReviewFinding" : "Review" + rule.id),
            "shortDescription": ["text": .string(rule.summary)],
            "defaultConfiguration": ["level": .string(rule.level)],
          ]
        }),
    ]
    return [
      "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
      "version": "2.1.0",
      "runs": [
        [
          "tool": ["driver": .object(driver)],
          "originalUriBaseIds": ["%SRCROOT%": ["uri": .string(rootURI)]],
          "results": .array(results),
          "properties": .object(runProperties),
        ]
      ],
    ]
  }
}
