import Foundation
import Testing

@testable import Agent

/// Reading a reviewer's answer, and finding the diff lines a finding points at.
struct ReviewOutputTests {
  static let shaped = """
    {"findings": [
       {"title": "Minor thing", "body": "b3", "priority": 3,
        "code_location": {"absolute_file_path": "/repo/c.swift", "line_range": {"start": 9, "end": 7}}},
       {"title": "[P1] Close the file", "body": "b1", "confidence_score": "0.9",
        "code_location": {"absolute_file_path": "/repo/src/a.swift", "line_range": {"start": 4, "end": 6}}}],
     "overall_correctness": "patch is incorrect", "overall_explanation": "It leaks.",
     "overall_confidence_score": 0.75}
    """

  @Test func readsCodexShapeSortedByPriorityWithPriorityFromTheTitleTag() {
    let output = ReviewOutput.parse(Self.shaped)
    #expect(output.isStructured)
    #expect(output.findings.map(\.priority) == [1, 3])
    let first = output.findings[0]
    #expect(first.plainTitle == "Close the file")
    #expect(first.confidence == 0.9)
    #expect(first.lines == 4...6)
    #expect(first.relativePath(root: "/repo") == "src/a.swift")
    // An end before the start is read as the start alone.
    #expect(output.findings[1].lines == 9...9)
    #expect(output.isCorrect == false)
    #expect(output.findings(atOrAbove: 1).count == 1)
    #expect(output.findings(atOrAbove: 0).isEmpty)
  }

  @Test func findsTheObjectInsideAFenceOrProse() {
    let fenced = "Here is my review:\n```json\n" + Self.shaped + "\n```\nThanks."
    #expect(ReviewOutput.parse(fenced) == ReviewOutput.parse(Self.shaped))
  }

  @Test func anAnswerWithoutTheShapeIsKeptAsTheExplanation() {
    let output = ReviewOutput.parse("Looks fine to me {mostly}.")
    #expect(!output.isStructured)
    #expect(output.findings.isEmpty)
    #expect(output.overallExplanation == "Looks fine to me {mostly}.")
    #expect(output.isCorrect == nil)
  }

  @Test func theJSONShapeRoundTrips() {
    let output = ReviewOutput.parse(Self.shaped)
    let again = ReviewOutput.parse(output.json(root: "/repo").text)
    #expect(again == output)
    let text = ReviewResult(target: "t", root: "/repo", diff: "", output: output).plainText
    #expect(text.contains("- [P1] Close the file — src/a.swift:4-6"))
    #expect(text.contains("Verdict: patch is incorrect: It leaks."))
  }

  static let diff = """
    diff --git a/src/a.swift b/src/a.swift
    index 1..2 100644
    --- a/src/a.swift
    +++ b/src/a.swift
    @@ -1,3 +1,3 @@
     one
    -two
    +TWO
     three
    @@ -20,4 +20,5 @@ func f() {
     twenty
     twenty-one
    +inserted
     twenty-two
     twenty-three
    diff --git a/src/b.swift b/src/b.swift
    --- a/src/b.swift
    +++ b/src/b.swift
    @@ -1 +1 @@
    -x
    +y
    """

  @Test func theHunkCoveringAFindingsLinesIsFound() throws {
    let first = try #require(
      DiffHunkLookup.excerpt(in: Self.diff, path: "src/a.swift", lines: 2...2))
    #expect(first == ["@@ -1,3 +1,3 @@", " one", "-two", "+TWO", " three"])
    let second = try #require(
      DiffHunkLookup.excerpt(in: Self.diff, path: "src/a.swift", lines: 22...22, context: 1))
    #expect(second == ["@@ -20,4 +20,5 @@ func f() {", " twenty-one", "+inserted", " twenty-two"])
    #expect(DiffHunkLookup.excerpt(in: Self.diff, path: "src/a.swift", lines: 10...12) == nil)
    #expect(DiffHunkLookup.excerpt(in: Self.diff, path: "a.swift", lines: 1...1) == nil)
    #expect(DiffHunkLookup.excerpt(in: Self.diff, path: "src/b.swift", lines: 1...1) != nil)
  }

  @Test func renamesAreListedUnderTheirNewName() {
    let files = ReviewMaterial.parseNameStatus("M\0a.txt\0R087\0old.txt\0new.txt\0A\0b.txt\0")
    #expect(files.map(\.path) == ["a.txt", "new.txt", "b.txt"])
    #expect(files.map(\.status) == ["M", "R087", "A"])
  }
}
