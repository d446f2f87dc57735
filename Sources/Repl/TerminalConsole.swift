import Agent
import Commands
import Foundation

/// The REPL's output: the model's text streamed as it arrives, everything else as lines
/// from the progress renderer, appended to the terminal (no cursor games).
public final class TerminalConsole: Console, @unchecked Sendable {
  private let lock = NSLock()
  private let renderer: ProgressRenderer
  private var midLine = false

  public init(style: TerminalStyle, hideReasoning: Bool) {
    renderer = ProgressRenderer(style: style, hideReasoning: hideReasoning)
  }

  public func line(_ text: String) {
    write(text.hasSuffix("\n") ? text : text + "\n", endsLine: true, ownLine: true)
  }

  public func event(_ event: EngineEvent) {
    switch event {
    case .agentMessageDelta(let delta):
      write(delta, endsLine: delta.hasSuffix("\n"))
    case .agentMessage:
      if midLine { write("\n", endsLine: true) }
    case .execOutput(let callID, _, let bytes) where callID == "user":
      write(String(decoding: bytes, as: UTF8.self), endsLine: bytes.last == 0x0A)
    default:
      for text in renderer.lines(event) { line(text) }
    }
  }

  private func write(_ text: String, endsLine: Bool, ownLine: Bool = false) {
    guard !text.isEmpty else { return }
    lock.withLock {
      // A line of ours never continues the model's unfinished streamed line.
      let out = ownLine && midLine ? "\n" + text : text
      FileHandle.standardOutput.write(Data(out.utf8))
      midLine = !endsLine
    }
  }
}

/// Asks the person at the terminal: y (this time), a (always this command), n (no,
/// tell the model), q or Esc (abort the turn).
public struct TerminalApprovals: ApprovalHandler {
  let readLine: @Sendable () -> String?

  public init(readLine: @escaping @Sendable () -> String?) {
    self.readLine = readLine
  }

  public func answer(_ question: ApprovalQuestion) async -> ApprovalAnswer {
    let text = """
      The model wants to run:
        $ \(question.command.joined(separator: " "))
        in \(question.workingDirectory)
        because: \(question.reason)
      Allow? [y] yes  [a] always this command  [n] no  [q] abort the turn: 
      """
    FileHandle.standardOutput.write(Data(text.utf8))
    while true {
      guard let reply = readLine()?.trimmingCharacters(in: .whitespaces).lowercased() else {
        return .abort
      }
      switch reply {
      case "y", "yes": return .approve
      case "a", "always": return .approveForSession
      case "n", "no": return .deny
      case "q", "\u{1B}", "abort": return .abort
      default: FileHandle.standardOutput.write(Data("answer y, a, n or q: ".utf8))
      }
    }
  }
}
