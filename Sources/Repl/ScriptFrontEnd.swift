import Agent
import Commands
import Foundation

/// `codex run FILE [ARGS]` (and `codex FILE.codex`): checks the whole script, then runs
/// it on the interpreter with the REPL's renderer, and reports.
public struct ScriptFrontEnd {
  /// The `.codex` file.
  public var path: String
  /// The script's arguments (`$1`..`$9`, `$ARGUMENTS`).
  public var arguments: [String]
  /// The command line's settings, resolved against config.toml.
  public var overrides: CommandLineOverrides
  /// Where to write a JUnit report, one test case per step.
  public var junitPath: String?
  /// Where model requests go: the provider, a recording, or a cassette.
  public var traffic: ModelTraffic
  /// The whole run's budget (`--max-tokens`, `--max-turns`, `--timeout`).
  public var budget: Budget?
  /// Where to write the run's summary as JSON (steps, spending, time, exit status).
  public var summaryPath: String?

  /// A run of the script at `path`; nothing happens until `run`.
  public init(
    path: String, arguments: [String], overrides: CommandLineOverrides, junitPath: String?,
    traffic: ModelTraffic
  ) {
    self.path = path
    self.arguments = arguments
    self.overrides = overrides
    self.junitPath = junitPath
    self.traffic = traffic
  }

  /// Runs the script; returns the exit status (0, 1, 2 invalid, 130 interrupted, or
  /// the script's `/exit CODE`). Configuration errors are thrown.
  public func run() async throws -> Int32 {
    // Shell steps (and the model's commands) see the script's folder as
    // $CODEX_SCRIPT_DIR: a step written with it reads the same on every machine, so
    // a recorded conversation replays anywhere.
    var environment = ProcessInfo.processInfo.environment
    environment["CODEX_SCRIPT_DIR"] =
      URL(fileURLWithPath: path).standardizedFileURL.deletingLastPathComponent().path
    let configuration = try ConfigLoader(environment: environment).load(overrides)
    let style = TerminalStyle(descriptor: 1, environment: environment)
    let errorStyle = TerminalStyle(descriptor: 2, environment: environment)
    let terminal = isatty(0) == 1 && isatty(1) == 1
    let console = TerminalConsole(
      style: style, hideReasoning: configuration.hideAgentReasoning,
      animates: terminal && environment["TERM"] != "dumb",
      fileLinks: FileLinks(configuration: configuration, style: style))
    let approvals: ApprovalHandler =
      terminal
      ? TerminalApprovals(
        console: console, style: style, keys: true,
        readLine: { Swift.readLine(strippingNewline: true) })
      : ScriptApprovals(console: console)
    let interpreter = try Interpreter(
      configuration: configuration, overrides: overrides, console: console, approvals: approvals,
      environment: environment, traffic: traffic)
    let (script, errors) = Script.load(
      path: path, arguments: arguments, environment: environment,
      registry: interpreter.registry, promptNames: interpreter.prompts.map(\.name))
    guard let script else {
      for error in errors {
        FileHandle.standardError.write(
          Data((errorStyle.red("error: ") + error.description + "\n").utf8))
      }
      let count = errors.count
      FileHandle.standardError.write(
        Data("\(count) problem\(count == 1 ? "" : "s") in \(path); nothing was run\n".utf8))
      return 2
    }
    // A cost budget without prices is found before anything runs.
    if configuration.provider.pricing == nil,
      let step = script.allSteps.first(where: \.setsCostBudget)
    {
      FileHandle.standardError.write(
        Data(
          (errorStyle.red("error: ") + "\(step.location): "
            + BudgetPrices.missing(configuration.provider.id) + "\n").utf8))
      return 2
    }
    configuration.warnings.forEach {
      console.line(style.yellow("warning: " + TerminalText.sanitize($0)))
    }
    if let budget { interpreter.runMeter = interpreter.session.meter(budget) }
    interpreter.keepsUndoSnapshots = script.allSteps.contains(where: \.undoes)
    let runner = ScriptRunner(interpreter: interpreter)
    // Ctrl-C, SIGTERM or SIGHUP stop the running step as Ctrl-C does in the REPL, then
    // the script ends with 128 + the signal.
    let started = ContinuousClock.now
    let task = Task { await runner.run(script) }
    let signals = TerminationSignals { _ in task.cancel() }
    var status = await task.value
    if let number = signals.received {
      console.line("stopped by \(TerminationSignals.name(number))")
      status = TerminationSignals.exitStatus(number)
    }
    let failed = runner.results.filter { $0.status.isFailure }.count
    let notRun = runner.results.filter { $0.status == .skipped }.count
    let ran = runner.results.count - notRun
    console.line(
      style.dim(
        "\(script.name): \(ran) step\(ran == 1 ? "" : "s"), \(failed) failed, exit \(status)"
          + (notRun > 0 ? " (\(notRun) step\(notRun == 1 ? "" : "s") not run)" : "")
      ))
    if let summaryPath {
      let summary = RunSummary(
        script: script.name, results: runner.results, spending: interpreter.session.spending,
        duration: ContinuousClock.now - started, status: status)
      try? summary.json.text.write(toFile: summaryPath, atomically: true, encoding: .utf8)
    }
    if let junitPath {
      do {
        try JUnitReport.xml(suite: script.name, results: runner.results).write(
          toFile: junitPath, atomically: true, encoding: .utf8)
      } catch {
        FileHandle.standardError.write(Data("error: cannot write \(junitPath): \(error)\n".utf8))
        return status == 0 ? 1 : status
      }
    }
    return status
  }
}
