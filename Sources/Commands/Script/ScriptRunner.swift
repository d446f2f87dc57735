import Agent
import Foundation

/// Runs a checked script's steps on the shared interpreter, so every command means what
/// it means in the REPL; records each step's result for the exit status and reports.
// @unchecked Sendable: it runs one script's steps in order on one task; `results` is read
// after `run` returns.
public final class ScriptRunner: @unchecked Sendable {
  /// How one step went.
  public struct StepResult: Sendable {
    /// Passed, or failed with the reason.
    public enum Status: Sendable, Equatable {
      case passed
      case failed(String)
      /// Never run: the script stopped before it.
      case skipped

      /// Whether the step failed.
      public var isFailure: Bool {
        if case .failed = self { return true }
        return false
      }
    }
    /// The step.
    public var step: ScriptStep
    /// Whether it passed.
    public var status: Status
    /// How long it took.
    public var duration: Duration

    /// A step's result.
    public init(step: ScriptStep, status: Status, duration: Duration) {
      self.step = step
      self.status = status
      self.duration = duration
    }
  }

  let interpreter: Interpreter
  /// The results of the steps run so far, included scripts' steps among them.
  public private(set) var results: [StepResult] = []

  /// A runner on `interpreter`, whose session the steps share.
  public init(interpreter: Interpreter) {
    self.interpreter = interpreter
  }

  /// Runs `script` (and the scripts it runs) and returns the exit status: 0 all steps
  /// passed, 1 a step failed, 130 interrupted, or the code of `/exit CODE`.
  public func run(_ script: Script) async -> Int32 {
    interpreter.continueOnError = false
    switch await runSteps(of: script) {
    case .finished: return results.contains { $0.status.isFailure } ? 1 : 0
    case .stopped(let code): return code
    }
  }

  enum Ending {
    case finished
    case stopped(Int32)
  }

  /// Runs the steps of `script`; when it stops early, the steps after are recorded as
  /// skipped (a JUnit report lists every step).
  private func runSteps(of script: Script) async -> Ending {
    for (index, step) in script.steps.enumerated() {
      let ending = await runStep(step, of: script)
      guard case .stopped = ending else { continue }
      for later in script.steps[(index + 1)...] { record(later, .skipped, .zero) }
      return ending
    }
    return .finished
  }

  /// Runs one step; `.stopped` when the script stops after it.
  private func runStep(_ step: ScriptStep, of script: Script) async -> Ending {
    let console = interpreter.console
    do {
      console.line("▶ \(step.location.file):\(step.location.line) \(step.text)")
      let clock = ContinuousClock()
      let start = clock.now
      let outcome: Interpreter.Outcome
      switch step.kind {
      case .prompt(let text):
        outcome = await interpreter.execute(.prompt(text), inScript: true)
      case .shell(let command):
        outcome = await interpreter.execute(.shell(command), inScript: true)
      case .command(let name, let arguments, let raw):
        // A `/run` step: its script was checked with this one and runs step by step.
        if let child = script.included[step.location.line] {
          let before = results.count
          let ending = await runSteps(of: child)
          let failed = results[before...].contains { $0.status.isFailure }
          record(
            step, failed ? .failed("a step of \(child.name) failed") : .passed, clock.now - start)
          if case .stopped = ending { return ending }
          if failed && !interpreter.continueOnError { return .stopped(1) }
          return .finished
        }
        outcome = await interpreter.execute(
          .command(name: name, arguments: arguments, argumentColumns: []), inScript: true, raw: raw)
      }
      let duration = clock.now - start
      switch outcome {
      case .done:
        record(step, .passed, duration)
      case .failed(let message):
        record(step, .failed(message), duration)
        console.line("✗ \(step.location.file):\(step.location.line) failed: \(message)")
        if !interpreter.continueOnError { return .stopped(1) }
      case .interrupted:
        record(step, .failed("interrupted"), duration)
        return .stopped(130)
      case .quit(let code):
        record(step, .passed, duration)
        return .stopped(code ?? (results.contains { $0.status.isFailure } ? 1 : 0))
      }
    }
    return .finished
  }

  private func record(_ step: ScriptStep, _ status: StepResult.Status, _ duration: Duration) {
    results.append(StepResult(step: step, status: status, duration: duration))
  }
}

extension Interpreter {
  /// `/run FILE [ARGS]` in the REPL: the script runs in this session.
  func runScript(_ arguments: [String]) async -> Outcome {
    let path =
      arguments[0].hasPrefix("/")
      ? arguments[0] : session.configuration.workingDirectory + "/" + arguments[0]
    let (script, errors) = Script.load(
      path: path, name: arguments[0], arguments: Array(arguments.dropFirst()),
      environment: environment, registry: registry, promptNames: prompts.map(\.name))
    guard let script else {
      errors.forEach { console.line($0.description) }
      return .failed("\(arguments[0]) is not a valid script; nothing was run")
    }
    let saved = continueOnError
    defer { continueOnError = saved }
    let status = await ScriptRunner(interpreter: self).run(script)
    switch status {
    case 0: return .done
    case 130: return .interrupted
    default: return .failed("\(arguments[0]) ended with status \(status)")
    }
  }
}
