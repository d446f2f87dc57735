import Agent

extension Interpreter {
  /// How many of a resumed session's last turns are shown.
  static let transcriptTurns = 5

  /// Shows the conversation of the session as it was: its last turns (the prompt, the
  /// commands and patches the model ran, its answers), with how many came before.
  public func showTranscript() {
    let turns = Self.turns(of: session.items)
    guard !turns.isEmpty else { return }
    let shown = turns.suffix(Self.transcriptTurns)
    if turns.count > shown.count {
      let earlier = turns.count - shown.count
      console.line("… \(earlier) earlier turn\(earlier == 1 ? "" : "s")")
    }
    for turn in shown {
      for item in turn { show(item) }
    }
    console.line("")
  }

  /// The conversation cut into turns, each starting at a prompt of the user (environment
  /// contexts, instructions and notes of codex's own are not prompts).
  static func turns(of items: [ConversationItem]) -> [[ConversationItem]] {
    var turns: [[ConversationItem]] = []
    for item in items {
      if case .user(let text) = item, !text.hasPrefix("<") {
        turns.append([item])
      } else if !turns.isEmpty {
        turns[turns.count - 1].append(item)
      }
    }
    return turns
  }

  private func show(_ item: ConversationItem) {
    switch item {
    case .user(let text):
      guard !text.hasPrefix("<") else { return }
      console.line("› " + TerminalText.sanitize(text))
    case .assistant(let text):
      console.event(.agentMessageDelta(text.hasSuffix("\n") ? text : text + "\n"))
      console.event(.agentMessage(text))
    case .functionCall(_, let name, let arguments, _):
      console.line("  " + TerminalText.sanitize(Self.callSummary(name, arguments)))
    case .customToolCall(_, let name, let input):
      let files = input.split(separator: "\n").compactMap { line -> String? in
        for prefix in ["*** Add File: ", "*** Update File: ", "*** Delete File: "]
        where line.hasPrefix(prefix) {
          return String(line.dropFirst(prefix.count))
        }
        return nil
      }
      let what = name == "apply_patch" ? "patch " + files.joined(separator: ", ") : name
      console.line("  ✎ " + TerminalText.sanitize(what))
    case .reasoning, .developer, .userImage, .functionOutput, .customToolOutput:
      return
    }
  }

  /// A call as a line: the command a shell tool ran, else the tool's name.
  static func callSummary(_ name: String, _ arguments: String) -> String {
    let parsed = JSONValue.parse(arguments)
    if let command = parsed?["cmd"]?.string { return "$ " + command }
    if let words = parsed?["command"]?.array?.compactMap(\.string), !words.isEmpty {
      let command =
        words.count == 3 && ["bash", "sh"].contains(words[0]) && ["-lc", "-c"].contains(words[1])
        ? words[2] : words.joined(separator: " ")
      return "$ " + command
    }
    if name == "apply_patch", let input = parsed?["input"]?.string {
      let files = input.split(separator: "\n").filter {
        $0.hasPrefix("*** ") && $0.contains("File: ")
      }
      .map {
        $0.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) }
          ?? ""
      }
      return "✎ patch " + files.joined(separator: ", ")
    }
    return "⚙ " + name
  }
}
