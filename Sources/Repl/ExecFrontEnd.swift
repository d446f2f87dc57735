import Agent
import Commands
import Foundation

/// `codex exec PROMPT` (and `codex exec resume`): one prompt, given to the same
/// interpreter as a REPL or script line (so `@path` mentions attach files the same
/// way), run to the end without questions. Progress goes to stderr, or JSON lines to
/// stdout with `json`; the final message goes to stdout and, with `outputFile`, to a file.
public struct ExecFrontEnd {
  /// The command line's settings (`-m`, `-c`, `-s`, ...), resolved against config.toml.
  public var overrides: CommandLineOverrides
  /// The prompt, read as a typed line would be (`@path` mentions attach files).
  public var prompt: String
  /// Image files attached to the prompt (`-i`).
  public var images: [String]
  /// Codex's JSON event lines on stdout instead of progress on stderr.
  public var json: Bool
  /// Also write the final message here (`-o`).
  public var outputFile: String?
  /// Run outside a git repository too.
  public var skipGitRepoCheck: Bool
  /// Where model requests go: the provider, a recording, or a cassette.
  public var traffic: ModelTraffic
  /// Colours on stderr forced on or off (`--color`); nil decides from the terminal.
  public var colors: Bool?
  /// Run a code review instead of the prompt (`codex exec review`).
  public var review: ReviewJob?
  /// The run's budget (`--max-tokens`, `--max-turns`, `--timeout`).
  public var budget: Budget?

  /// A run of `prompt` with these settings; nothing happens until `run`.
  public init(
    overrides: CommandLineOverrides, prompt: String, images: [String], json: Bool,
    outputFile: String?, skipGitRepoCheck: Bool, traffic: ModelTraffic
  ) {
    self.overrides = overrides
    self.prompt = prompt
    self.images = images
    self.json = json
    self.outputFile = outputFile
    self.skipGitRepoCheck = skipGitRepoCheck
    self.traffic = traffic
  }

  /// A problem found before the turn starts, with the exit status it calls for.
  public struct Refusal: Error {
    /// What is wrong, for the user.
    public var message: String
    /// The exit status it calls for (2 usage or configuration, 1 the session).
    public var status: Int32
  }

  /// Runs the prompt; returns the exit status (0 done, 1 the turn failed, 130
  /// interrupted). Problems
  /// found before the turn (configuration, images, the git check, a session that cannot
  /// be resumed) are thrown as `Refusal`.
  public func run(resuming saved: SavedSession? = nil, forking: SavedSession? = nil) async throws
    -> Int32
  {
    let environment = ProcessInfo.processInfo.environment
    var overrides = self.overrides
    // Nobody is there to answer: never ask, unless the flags chose a policy.
    if overrides.approvalPolicy == nil && !overrides.fullAuto
      && !overrides.bypassApprovalsAndSandbox
    {
      overrides.approvalPolicy = .never
    }
    let configuration: Configuration
    do {
      configuration = try ConfigLoader(environment: environment).load(overrides)
    } catch let error as ConfigError {
      throw Refusal(message: error.message, status: 2)
    }
    let attachments: [String]
    do {
      attachments = try images.flatMap { $0.split(separator: ",").map(String.init) }.map {
        try ImageAttachment.dataURL(path: $0)
      }
    } catch let error as ModelError {
      throw Refusal(message: error.message, status: 2)
    }
    if !skipGitRepoCheck && Instructions.gitRoot(from: configuration.workingDirectory) == nil {
      throw Refusal(
        message:
          "\(configuration.workingDirectory) is not inside a git repository; run codex exec in one, or pass --skip-git-repo-check",
        status: 2)
    }

    let style =
      colors.map { TerminalStyle(isTerminal: $0, environment: $0 ? [:] : environment) }
      ?? TerminalStyle(descriptor: 2, environment: environment)
    // On a terminal, progress is live: the waiting indicator, the answer as it streams.
    let live = !json && isatty(2) == 1 && environment["TERM"] != "dumb"
    let console = ExecConsole(
      json: json, style: style, hideReasoning: configuration.hideAgentReasoning, live: live,
      fileLinks: FileLinks(configuration: configuration, style: style),
      workingDirectory: configuration.workingDirectory)
    configuration.warnings.forEach { console.warning($0) }
    let interpreter: Interpreter
    do {
      interpreter = try Interpreter(
        configuration: configuration, overrides: overrides, console: console,
        approvals: RefusingApprovalHandler(), environment: environment, traffic: traffic,
        resuming: saved, forking: forking)
    } catch {
      throw Refusal(message: "\(error)", status: 1)
    }

    if let budget { interpreter.runMeter = interpreter.session.meter(budget) }
    // A signal cancels the turn as Ctrl-C does in the REPL: running commands and their
    // process groups are stopped, the log is completed, then codex exits 128 + signal.
    let text = prompt
    let review = self.review
    let turn = Task { [interpreter, attachments] in
      if let review { return await interpreter.review(review.target, focus: review.focus) }
      return await interpreter.submit(text, images: attachments)
    }
    let signals = TerminationSignals { _ in turn.cancel() }
    let outcome = await turn.value
    if let number = signals.received {
      let resume =
        configuration.ephemeral
        ? "" : "; continue with `codex exec resume \(interpreter.session.id) PROMPT`"
      console.line(
        "stopped by \(TerminationSignals.name(number)); what was said so far is kept\(resume)")
      return TerminationSignals.exitStatus(number)
    }
    guard outcome == .done else { return outcome == .interrupted ? 130 : 1 }
    if let review, let result = interpreter.lastReview {
      return finish(review, result: result, console: console, live: live)
    }
    let final = interpreter.lastReply ?? ""
    // The live view already showed the answer on this same terminal.
    if !json && !(live && ExecConsole.sameTerminal(1, 2)) {
      // The model's text, shown as the REPL shows it: no escape sequence of its own.
      let shown = TerminalText.sanitize(final)
      console.stdout(shown.hasSuffix("\n") || shown.isEmpty ? shown : shown + "\n")
    }
    if let schema = configuration.outputSchema {
      let problem: String?
      if let value = JSONValue.parse(final) {
        problem = JSONSchemaCheck(schema: schema).mismatch(in: value).map {
          "the final message does not match the output schema at \($0)"
        }
      } else {
        problem = "the final message is not JSON, as the output schema asks"
      }
      if let problem {
        console.stderr(console.style.red("error: ") + TerminalText.sanitize(problem) + "\n")
        return 1
      }
    }
    if let outputFile, !write(final, to: outputFile, console: console) { return 1 }
    return 0
  }

  /// Writes `-o`'s file; false (after saying why on stderr) when it cannot be written.
  func write(_ text: String, to path: String, console: ExecConsole) -> Bool {
    do {
      try text.write(toFile: path, atomically: true, encoding: .utf8)
      return true
    } catch {
      console.stderr(
        console.style.red("error: ") + "cannot write \(path): \(error.localizedDescription)\n")
      return false
    }
  }
}
