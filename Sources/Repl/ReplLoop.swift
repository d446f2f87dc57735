import Agent
import Commands
import Foundation

/// The interactive loop: read lines, assemble them into inputs, hand each to the
/// interpreter, repeat.
///
/// On a terminal (stdin and stdout both) lines are edited with libedit; otherwise, as
/// libedit stops prompting without a terminal, they are read plainly. Ctrl-C cancels a
/// running turn; on an empty line, pressed twice, it leaves, as Ctrl-D does.
public struct ReplLoop {
  /// The loop; `run` starts it.
  public init() {}

  /// Runs the interactive session until the user leaves: the configuration from
  /// `overrides`, an optional first prompt, a saved session to continue. Configuration and
  /// resume errors are thrown before the first line is read.
  public func run(
    overrides: CommandLineOverrides, initialPrompt: String?, images: [String] = [],
    traffic: ModelTraffic = .live, resuming: SavedSession? = nil, forking: SavedSession? = nil
  ) async throws {
    let environment = ProcessInfo.processInfo.environment
    var configuration = try ConfigLoader(environment: environment).load(overrides)
    let terminal = isatty(0) == 1 && isatty(1) == 1
    let trust = ProjectTrustPrompt(
      configuration: configuration, style: TerminalStyle(descriptor: 1, environment: environment))
    if terminal && resuming == nil && forking == nil && trust.isNeeded,
      trust.ask(readLine: {
        // One key answers, as every other question does; it is echoed on its line.
        let key = KeyReader.readKey()
        FileHandle.standardOutput.write(Data(((key ?? "") + "\n").utf8))
        return key
      }) != nil
    {
      // The recorded level sets the defaults of this session too.
      configuration = try ConfigLoader(environment: environment).load(overrides)
    }
    if terminal,
      HookTrustPrompt(
        configuration: configuration,
        style: TerminalStyle(descriptor: 1, environment: environment)
      ).ask(readKey: { KeyReader.readKey() })
    {
      configuration = try ConfigLoader(environment: environment).load(overrides)
    }
    if terminal {
      try? FileManager.default.createDirectory(
        atPath: configuration.codexHome, withIntermediateDirectories: true)
    }
    let editor = terminal ? LineEditor(historyPath: configuration.codexHome + "/history") : nil
    if terminal && editor == nil, let problem = LineEditor.problem {
      FileHandle.standardError.write(
        Data("warning: \(problem); reading lines without editing or history\n".utf8))
    }
    let style = TerminalStyle(descriptor: 1, environment: environment)
    let console = TerminalConsole(
      style: style, hideReasoning: configuration.hideAgentReasoning,
      animates: terminal && environment["TERM"] != "dumb",
      fileLinks: FileLinks(configuration: configuration, style: style))
    if terminal {
      console.notifier = TerminalNotifier(configuration: configuration, environment: environment)
    }
    let approvals = TerminalApprovals(
      console: console, style: style, keys: terminal,
      readLine: { Swift.readLine(strippingNewline: true) })
    // The model's responses are kept (in memory) so that `/save` can write them beside
    // the script as its cassette.
    let kept: ModelTraffic =
      if case .live = traffic { .record(CassetteRecorder()) } else { traffic }
    let interpreter = try Interpreter(
      configuration: configuration, overrides: overrides, console: console,
      approvals: approvals, environment: environment, traffic: kept, resuming: resuming,
      forking: forking)
    interpreter.keepsUndoSnapshots = true
    interpreter.record = SessionRecord(
      configuration: configuration, sessionID: interpreter.session.id)
    interpreter.pendingImages = images
    if configuration.historyPersistence == .saveAll {
      interpreter.history = PromptHistory(
        path: configuration.codexHome + "/history.jsonl", sessionID: interpreter.session.id,
        maxBytes: configuration.historyMaxBytes)
    }
    editor?.complete { [interpreter] line in
      let completion = interpreter.completer.complete(line)
      return (completion.start, completion.candidates)
    }
    configuration.warnings.forEach {
      console.line(style.yellow("warning: " + TerminalText.sanitize($0)))
    }
    if terminal {
      console.line(style.dim("codex — type a request, /help for commands, Ctrl-D to leave"))
    }
    // A resumed or forked session shows where the conversation was.
    if resuming != nil || forking != nil { interpreter.showTranscript() }
    if !images.isEmpty && initialPrompt == nil {
      console.line(
        images.count == 1
          ? "1 image attached to your first prompt"
          : "\(images.count) images attached to your first prompt")
    }
    let interrupts = InterruptWatcher()
    let running = RunningTurn()
    // SIGTERM or SIGHUP (the terminal went away): stop the turn as Ctrl-C would, put the
    // terminal back as it was, say so, and exit 128 + the signal.
    let savedTerminal = terminal ? TerminalMode.save() : nil
    let signals = TerminationSignals(signals: [SIGTERM, SIGHUP]) { number in
      running.cancelAndWait(seconds: 5)
      savedTerminal?.restore()
      console.line("stopped by \(TerminationSignals.name(number))")
      // _exit, not exit: the main thread may hold locks that exit's handlers want.
      _exit(TerminationSignals.exitStatus(number))
    }
    defer { withExtendedLifetime(signals) {} }

    func perform(_ input: InputAssembler.Input) async -> Bool {
      let task = Task { await interpreter.handle(input) }
      running.started(task)
      defer { running.ended() }
      guard let interrupts else { return await task.value }
      return await interrupts.during({ task.cancel() }) { await task.value }
    }

    if let initialPrompt, !(await perform(.line(initialPrompt))) { return }
    var assembler = InputAssembler()
    var interruptedOnEmptyLine = false
    while true {
      let prompt = assembler.isContinuing ? "… " : interpreter.prompt
      let reading: LineEditor.Reading
      if let editor {
        // Waiting for a line blocks: do it on the main thread, not on the cooperative pool.
        reading = await MainActor.run { editor.read(prompt: prompt) }
      } else {
        if terminal { FileHandle.standardOutput.write(Data(prompt.utf8)) }
        reading = Swift.readLine(strippingNewline: true).map { .line($0) } ?? .end
      }
      switch reading {
      case .end:
        if terminal { console.line("") }
        return
      case .interrupted(let emptyLine):
        let wasEmpty = emptyLine && !assembler.isContinuing
        assembler.reset()
        if wasEmpty && interruptedOnEmptyLine { return }
        interruptedOnEmptyLine = wasEmpty
        if wasEmpty { console.line(style.dim("(Ctrl-C again or Ctrl-D to leave)")) }
      case .line(let line):
        interruptedOnEmptyLine = false
        editor?.remember(line)
        guard let input = assembler.add(line) else { continue }
        if !(await perform(input)) { return }
      }
    }
  }
}
