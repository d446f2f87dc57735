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
    interpreter.rollbackOnError = false
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
  /// skipped (a JUnit report lists every step). A step and the `/expect` lines after it
  /// are one unit: under `/onerror rollback` a unit that fails has its changes to the
  /// working tree undone, and the script goes on with the next.
  private func runSteps(of script: Script) async -> Ending {
    let steps = script.steps
    var index = 0
    while index < steps.count {
      var end = index + 1
      while end < steps.count, steps[end].isExpectation { end += 1 }
      let checkpoint =
        interpreter.rollbackOnError
        ? await WorkspaceCheckpoint.take(
          in: interpreter.session.configuration.workingDirectory,
          environment: interpreter.environment) : nil
      var failed = false
      var position = index
      while position < end {
        let before = results.count
        let ending = await runStep(steps[position], of: script)
        if case .stopped = ending {
          for later in steps[(position + 1)...] { record(later, .skipped, .zero) }
          return ending
        }
        position += 1
        if results[before...].contains(where: { $0.status.isFailure }) {
          failed = true
          if checkpoint != nil { break }
        }
      }
      if failed, let checkpoint, interpreter.rollbackOnError {
        for later in steps[position..<end] { record(later, .skipped, .zero) }
        await rollBack(to: checkpoint, after: steps[index])
      }
      index = end
    }
    return .finished
  }

  /// Undoes a failed unit's changes and says which files were put back.
  private func rollBack(to checkpoint: WorkspaceCheckpoint, after step: ScriptStep) async {
    do {
      let restored = try await checkpoint.restore()
      interpreter.console.line(
        "↺ "
          + RollbackCommand.report(
            restored, to: "before \(step.location.file):\(step.location.line)"))
    } catch {
      interpreter.console.line("✗ the failed step's changes could not be undone: \(error)")
    }
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
    let saved = (continueOnError, rollbackOnError)
    defer { (continueOnError, rollbackOnError) = saved }
    let status = await ScriptRunner(interpreter: self).run(script)
    switch status {
    case 0: return .done
    case 130: return .interrupted
    default: return .failed("\(arguments[0]) ended with status \(status)")
    }
  }
}
