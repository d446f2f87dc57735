import Agent
import ArgumentParser
import Commands
import Foundation
import Repl

/// One prompt, run to the end without questions.
struct ExecCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "exec",
    abstract: "Run one prompt to the end: progress on stderr, the final message on stdout.",
    discussion: """
      The prompt is the argument, or stdin when it is `-` or missing and stdin is not a
      terminal. Approval policy `never` unless -a, --full-auto or the bypass flag say
      otherwise. Exit status: 0 success, 1 the turn failed, 2 usage or configuration error.
      `codex exec resume --last PROMPT` continues the latest session.
      """)

  @OptionGroup var options: ConfigOptions

  @OptionGroup var traffic: TrafficOptions

  @Flag(
    help:
      "Print events as JSON lines on stdout (thread.started, item.completed, turn.completed, ...).")
  var json = false

  @Option(
    name: [.customShort("o"), .customLong("output-last-message")],
    help: "Also write the final message to FILE.")
  var outputFile: String?

  @Option(
    name: [.customShort("i"), .customLong("image")],
    help: "Attach an image (png, jpeg, gif, webp) to the prompt.")
  var images: [String] = []

  @Flag(help: "Run even outside a git repository.")
  var skipGitRepoCheck = false

  @Argument(help: "The prompt, or - to read it from stdin.")
  var prompt: String?

  func run() async throws {
    try await run(resuming: nil)
  }

  func run(resuming saved: SavedSession?) async throws {
    var options = self.options
    if options.approvalPolicy == nil && !options.fullAuto
      && !options.dangerouslyBypassApprovalsAndSandbox
    {
      options.approvalPolicy = .never
    }
    let configuration = try Failure.loadConfiguration(options)
    let text = try readPrompt()
    let attachments: [String]
    do {
      attachments = try images.map { try ImageAttachment.dataURL(path: $0) }
    } catch let error as ModelError {
      throw Failure.report(error.message, code: 2)
    }
    if !skipGitRepoCheck && Instructions.gitRoot(from: configuration.workingDirectory) == nil {
      throw Failure.report(
        "\(configuration.workingDirectory) is not inside a git repository; run codex exec in one, or pass --skip-git-repo-check",
        code: 2)
    }
    let environment = ProcessInfo.processInfo.environment
    let client = try traffic.modelTraffic().client(for: configuration, environment: environment)
    let session: Session
    if let saved {
      do {
        session = try Session(
          resuming: saved, configuration: configuration, client: client,
          approvals: RefusingApprovalHandler())
      } catch let error as ModelError {
        throw Failure.report(error.message, code: 1)
      }
    } else {
      session = Session(
        configuration: configuration, client: client, approvals: RefusingApprovalHandler())
      do {
        try session.startLog()
      } catch {
        Failure.warn("this session is not saved: \(error)")
      }
    }
    session.startMCPServers()

    let output = OutputSink()
    let writer = ExecJSONWriter { output.stdout($0 + "\n") }
    let renderer = ProgressRenderer(
      style: TerminalStyle(descriptor: 2, environment: environment),
      hideReasoning: configuration.hideAgentReasoning)
    let emit: @Sendable (EngineEvent) -> Void = { event in
      if json {
        writer.handle(event)
      } else {
        for line in renderer.lines(event) { output.stderr(line + "\n") }
      }
    }
    if json {
      writer.threadStarted(session.id)
    } else {
      emit(
        .sessionConfigured(
          sessionID: session.id, model: configuration.model, provider: configuration.provider.id))
    }

    let lastMessage = LastMessage()
    do {
      try await session.submit(text, images: attachments) { event in
        if case .turnCompleted(let message) = event { lastMessage.value = message }
        emit(event)
      }
    } catch {
      let message = (error as? ModelError)?.message ?? "\(error)"
      if json {
        writer.turnFailed(message)
      } else {
        output.stderr(renderer.style.red("error: ") + message + "\n")
      }
      throw ExitCode(1)
    }
    let final = lastMessage.value ?? ""
    if !json { output.stdout(final.hasSuffix("\n") || final.isEmpty ? final : final + "\n") }
    if let outputFile {
      do {
        try final.write(toFile: outputFile, atomically: true, encoding: .utf8)
      } catch {
        throw Failure.report("cannot write \(outputFile): \(error.localizedDescription)", code: 1)
      }
    }
  }

  private func readPrompt() throws -> String {
    if let prompt, prompt != "-" { return prompt }
    if prompt == nil && isatty(0) == 1 {
      throw Failure.report(
        "give a prompt: codex exec \"fix the failing test\" (or pipe it on stdin)", code: 2)
    }
    let text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
    guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
      throw Failure.report("the prompt on stdin is empty", code: 2)
    }
    return text
  }
}

final class LastMessage: @unchecked Sendable {
  var value: String?
}

/// Writes to stdout and stderr from any thread, whole strings at a time.
final class OutputSink: @unchecked Sendable {
  private let lock = NSLock()
  func stdout(_ text: String) { lock.withLock { FileHandle.standardOutput.write(Data(text.utf8)) } }
  func stderr(_ text: String) { lock.withLock { FileHandle.standardError.write(Data(text.utf8)) } }
}

/// `codex exec resume [--last | ID] PROMPT`: one more prompt in a saved session.
struct ExecResumeCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "exec-resume",
    abstract: "codex exec resume [--last | --id ID] PROMPT: one more prompt in a saved session.",
    shouldDisplay: false)

  @OptionGroup var exec: ExecCommand

  @Flag(help: "The most recent session.")
  var last = false

  @Option(help: "The session's id (or its start).")
  var id: String?

  func run() async throws {
    let saved = try SessionChoice.pick(last: last, id: id, interactive: false)
    try await exec.run(resuming: saved)
  }
}
