import Agent
import Foundation
import Repl

/// One finding of `codex doctor`.
struct DoctorLine {
  enum Level { case info, ok, warn, fail }
  var level: Level
  var topic: String
  var text: String
}

/// The findings of `codex doctor`, printed one a line (secrets never among them).
struct DoctorReport {
  private(set) var lines: [DoctorLine] = []
  var failed: Bool { lines.contains { $0.level == .fail } }

  mutating func add(_ line: DoctorLine) { lines.append(line) }
  mutating func info(_ topic: String, _ text: String) {
    add(.init(level: .info, topic: topic, text: text))
  }
  mutating func ok(_ topic: String, _ text: String) {
    add(.init(level: .ok, topic: topic, text: text))
  }
  mutating func warn(_ topic: String, _ text: String) {
    add(.init(level: .warn, topic: topic, text: text))
  }
  mutating func fail(_ topic: String, _ text: String) {
    add(.init(level: .fail, topic: topic, text: text))
  }

  func print() {
    let style = TerminalStyle(descriptor: 1, environment: ProcessInfo.processInfo.environment)
    let width = lines.map(\.topic.count).max() ?? 0
    for line in lines {
      let mark =
        switch line.level {
        case .info: "  "
        case .ok: style.green("ok")
        case .warn: style.yellow("!!")
        case .fail: style.red("xx")
        }
      let topic = line.topic.padding(toLength: width, withPad: " ", startingAt: 0)
      // Reasons can quote a server or a file: never raw to the terminal.
      Swift.print("\(mark) \(TerminalText.sanitize(topic))  \(TerminalText.sanitize(line.text))")
    }
  }
}
