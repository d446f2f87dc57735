import Agent
import Foundation
import Sandbox

/// Asks the person at the terminal: y (this time), a (always this command), p (always
/// commands starting with the proposed prefix, written as a rule), n (no, tell the
/// model), q or Esc (abort the turn). On a terminal one key answers; otherwise
/// a line is read.
public struct TerminalApprovals: ApprovalHandler {
  let console: TerminalConsole
  let style: TerminalStyle
  let readLine: @Sendable () -> String?
  let keys: Bool

  /// `keys`: read single key presses (stdin is a terminal).
  public init(
    console: TerminalConsole, style: TerminalStyle, keys: Bool,
    readLine: @escaping @Sendable () -> String?
  ) {
    self.console = console
    self.style = style
    self.keys = keys
    self.readLine = readLine
  }

  /// Shows the question and waits for the person's answer.
  public func answer(_ question: ApprovalQuestion) async -> ApprovalAnswer {
    let isPatch = question.kind == .patch && question.diff != nil
    let headline =
      question.retryWithoutSandbox
      ? (isPatch
        ? "The sandbox refused this patch; apply it without the sandbox?"
        : "The sandbox refused this command; run it again without the sandbox?")
      : (isPatch ? "The model wants to change files:" : "The model wants to run:")
    console.line(style.yellow(headline))
    console.notify(
      "approval-requested",
      message: isPatch
        ? "Codex wants to change files"
        : "Codex wants to run "
          + CommandText.join(question.command))
    if isPatch, let diff = question.diff {
      console.diff(diff)
    } else {
      console.line(
        "  " + style.bold("$ " + TerminalText.sanitize(CommandText.join(question.command))))
    }
    console.line("  in \(question.workingDirectory)")
    console.line("  because: " + TerminalText.sanitize(question.reason))
    let always = isPatch ? "always for these files (this session)" : "always this command"
    // The rule the "p" answer writes, when one fits (never for a patch or a retry).
    let rule = isPatch || question.retryWithoutSandbox ? nil : question.proposedRule
    let ruleChoice = rule.map {
      "  [p] always allow commands starting with `"
        + TerminalText.sanitize(CommandText.join($0)) + "`"
    }
    let choices = "Allow? [y] yes  [a] \(always)\(ruleChoice ?? "")  [n] no  [q] abort the turn: "
    console.ask(choices)
    while true {
      let reply: String?
      if keys {
        reply = await MainActor.run { KeyReader.readKey() }
        console.line(reply.map { $0 == "\u{1B}" ? "Esc" : $0 } ?? "")
      } else {
        reply = readLine()?.trimmingCharacters(in: .whitespaces).lowercased()
      }
      guard let reply else { return .abort }
      switch reply.lowercased() {
      case "y", "yes": return .approve
      case "a", "always": return .approveForSession
      case "p" where rule != nil: return .approveRule
      case "n", "no": return .deny
      case "q", "\u{1B}", "abort": return .abort
      default: console.ask(rule == nil ? "answer y, a, n or q: " : "answer y, a, p, n or q: ")
      }
    }
  }
}

/// One key press from a terminal, read without echo or waiting for Enter.
enum KeyReader {
  /// The key, or nil when the task was cancelled (Ctrl-C) or input ended. An escape
  /// sequence (an arrow key) is read whole and returned as its first byte's text only
  /// when it was a lone Esc.
  static func readKey() -> String? {
    var saved = termios()
    guard tcgetattr(0, &saved) == 0 else { return nil }
    var raw = saved
    raw.c_lflag &= ~tcflag_t(ICANON | ECHO)
    withUnsafeMutableBytes(of: &raw.c_cc) { cc in
      cc[Int(VMIN)] = 1
      cc[Int(VTIME)] = 0
    }
    tcsetattr(0, TCSANOW, &raw)
    defer { tcsetattr(0, TCSANOW, &saved) }
    while true {
      // Wait in short slices so that an interrupted turn stops waiting for a key.
      guard waitForInput(milliseconds: 100) else {
        if Task.isCancelled { return nil }
        continue
      }
      var byte: UInt8 = 0
      let count = read(0, &byte, 1)
      if count < 0 && errno == EINTR { continue }
      guard count == 1 else { return nil }
      if byte == 0x1B {
        var sequence = false
        while waitForInput(milliseconds: 30) {
          var next: UInt8 = 0
          guard read(0, &next, 1) == 1 else { break }
          sequence = true
        }
        if sequence { continue }
        return "\u{1B}"
      }
      if byte == 0x0A || byte == 0x0D || byte == 0x20 { continue }
      return String(decoding: [byte], as: UTF8.self)
    }
  }

  private static func waitForInput(milliseconds: Int32) -> Bool {
    var descriptor = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
    return poll(&descriptor, 1, milliseconds) > 0
  }
}
