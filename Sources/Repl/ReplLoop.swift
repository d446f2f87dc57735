import Agent
import Commands
import Foundation

/// The interactive loop: read a line, hand it to the interpreter, repeat.
///
/// On a terminal (stdin and stdout both) lines are edited with libedit; otherwise, as
/// libedit stops prompting without a terminal, they are read plainly.
public struct ReplLoop {
  public init() {}

  public func run(overrides: CommandLineOverrides, initialPrompt: String?) async throws {
    let environment = ProcessInfo.processInfo.environment
    let configuration = try ConfigLoader(environment: environment).load(overrides)
    let interactive = isatty(0) == 1 && isatty(1) == 1
    let editor = interactive ? LineEditor(historyPath: configuration.codexHome + "/history") : nil
    if editor != nil {
      try? FileManager.default.createDirectory(
        atPath: configuration.codexHome, withIntermediateDirectories: true)
    }
    let reader: @Sendable () -> String? = {
      if let editor { return editor.read(prompt: "") }
      return Swift.readLine(strippingNewline: true)
    }
    let console = TerminalConsole(
      style: TerminalStyle(descriptor: 1, environment: environment),
      hideReasoning: configuration.hideAgentReasoning)
    let interpreter = Interpreter(
      configuration: configuration, overrides: overrides, console: console,
      approvals: TerminalApprovals(readLine: reader), environment: environment)
    if interactive {
      console.line("codex — type a request, /help for commands, /quit to leave")
    }
    if let initialPrompt, !(await interpreter.handle(initialPrompt)) { return }
    while true {
      let line: String?
      if let editor {
        let prompt = interpreter.prompt
        // Waiting for a line blocks: do it on the main thread, not on the cooperative pool.
        line = await MainActor.run { editor.read(prompt: prompt) }
        if let line { editor.remember(line) }
      } else {
        if interactive { FileHandle.standardOutput.write(Data(interpreter.prompt.utf8)) }
        line = reader()
      }
      guard let line else { break }
      if !(await interpreter.handle(line)) { break }
    }
  }
}
