import Agent
import Commands
import Foundation

/// The interactive loop: read a line, hand it to the interpreter, repeat.
///
/// Lines are read plainly here (a pipe, a script, or a terminal without line editing).
public struct ReplLoop {
  public init() {}

  public func run(overrides: CommandLineOverrides, initialPrompt: String?) async throws {
    let environment = ProcessInfo.processInfo.environment
    let reader: @Sendable () -> String? = { Swift.readLine(strippingNewline: true) }
    let configuration = try ConfigLoader(environment: environment).load(overrides)
    let console = TerminalConsole(
      style: TerminalStyle(descriptor: 1, environment: environment),
      hideReasoning: configuration.hideAgentReasoning)
    let interpreter = try Interpreter(
      overrides: overrides, console: console, approvals: TerminalApprovals(readLine: reader),
      environment: environment)
    let interactive = isatty(0) == 1
    if interactive {
      console.line("codex — type a request, /help for commands, /quit to leave")
    }
    if let initialPrompt, !(await interpreter.handle(initialPrompt)) { return }
    while true {
      if interactive { FileHandle.standardOutput.write(Data(interpreter.prompt.utf8)) }
      guard let line = reader() else { break }
      if !(await interpreter.handle(line)) { break }
    }
  }
}
