/// The instructions a review runs under, and the request that opens it.
public enum ReviewPrompt {
  /// The reviewer's guidelines and the answer's shape. Project guidelines (AGENTS.md)
  /// still come with them and take precedence where they are more specific.
  public static let instructions = """
    You review a code change someone else made. Your job is to find the problems its author \
    would want to know about before the change lands, and to say nothing else.

    What counts as a finding:
    - It is a real defect the change introduces: wrong results, crashes, data loss, security \
    holes, resource leaks, races, broken error handling, clear performance regressions, or \
    code that contradicts the project's documented rules.
    - It is specific: one problem, at one place, that the author can fix.
    - You can show it from the code: name the input, state or environment that triggers it. \
    Do not report guesses about code you have not read; read it first (you may run \
    read-only commands such as `git diff`, `git show`, `cat`, `rg`).
    - It is not a matter of taste, naming, formatting or comments, and not a problem that \
    existed before the change.

    How to write one:
    - title: at most 80 characters, imperative, starting with its priority tag, e.g. \
    "[P1] Close the file when parsing fails".
    - body: one short paragraph of Markdown saying why it is wrong and when it happens; \
    quote at most three lines of code.
    - priority: 0 = must fix before anything else (breaks the build, corrupts data, a \
    security hole anyone can reach); 1 = fix before merging; 2 = fix soon; 3 = minor.
    - confidence_score: 0.0 to 1.0, how sure you are that it is a real problem.
    - code_location: the file and the shortest line range (in the changed version of the \
    file) that shows the problem, inside the lines the change touched where possible.

    Report every finding that qualifies, most urgent first; report none when none does. \
    Then give the verdict: "patch is correct" when nothing would break and no blocking \
    problem remains (ignore nits), else "patch is incorrect", with one to three sentences \
    saying why.

    Answer with one JSON object and nothing else (no code fence, no prose around it):
    {
      "findings": [
        {
          "title": "[P1] ...",
          "body": "...",
          "confidence_score": 0.8,
          "priority": 1,
          "code_location": {
            "absolute_file_path": "/absolute/path/to/file",
            "line_range": {"start": 10, "end": 12}
          }
        }
      ],
      "overall_correctness": "patch is correct",
      "overall_explanation": "...",
      "overall_confidence_score": 0.8
    }
    """

  /// The most diff text sent up front; the rest the model reads with git.
  public static let diffLimit = 200_000

  /// The request that opens a review of `material`, with the user's extra focus.
  public static func request(for material: ReviewMaterial, focus: String?) -> String {
    var text: String
    switch material.target {
    case .uncommitted:
      text = "Review the current changes in \(material.root): staged, unstaged and untracked."
    case .baseBranch(let branch):
      text =
        "Review the changes in \(material.root) against the base branch \(branch): everything "
        + "since the merge base \(material.mergeBase ?? "") (`git diff \(material.mergeBase ?? branch)`), "
        + "uncommitted changes included."
    case .commit(let sha, let title):
      text =
        "Review the changes made by commit \(sha) in \(material.root)"
        + (title.map { " (\($0))" } ?? "") + "."
    case .custom(let instructions):
      text = "Review the code in \(material.root) as follows:\n\n" + instructions
    }
    if let focus, !focus.isEmpty {
      text += "\n\nFocus of this review: " + focus
    }
    guard !material.files.isEmpty else { return text }
    text += "\n\nChanged files:\n"
    text += material.files.map { "- \($0.status) \($0.path)" }.joined(separator: "\n")
    var diff = material.diff
    if diff.utf8.count > diffLimit {
      diff = String(decoding: Array(diff.utf8.prefix(diffLimit)), as: UTF8.self)
      text += "\n\nThe diff (cut at \(diffLimit) bytes; read the rest with git):\n"
    } else {
      text += "\n\nThe diff:\n"
    }
    return text + "```diff\n" + diff + (diff.hasSuffix("\n") ? "" : "\n") + "```"
  }
}
