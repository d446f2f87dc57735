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
      """, aliases: ["e"])

  @OptionGroup var options: ConfigOptions

  @OptionGroup var limits: BudgetOptions
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

  @Flag(help: "Do not save the session (nothing under $CODEX_HOME/sessions).")
  var ephemeral = false

  @Option(help: "Colours on stderr: always, never or auto (a terminal and no NO_COLOR).")
  var color: ColorChoice = .auto

  @Option(
    help: ArgumentHelp(
      "A JSON Schema the final message must follow (sent as structured output, checked after).",
      valueName: "file"))
  var outputSchema: String?

  @Argument(help: "The prompt, or - to read it from stdin.")
  var prompt: String?

  func run() async throws {
    try await run(resuming: nil)
  }

  func run(resuming saved: SavedSession?, forking: SavedSession? = nil) async throws {
    // Its first request comes as soon as the session is set up.
    HTTPClient.prepare()
    var overrides = options.overrides
    overrides.ephemeral = ephemeral
    if let outputSchema {
      guard let data = FileManager.default.contents(atPath: outputSchema) else {
        throw Failure.report("--output-schema \(outputSchema): cannot read the file", code: 2)
      }
      guard let schema = JSONValue.parse(data), schema.object != nil else {
        throw Failure.report(
          "--output-schema \(outputSchema): not a JSON object (a JSON Schema is one)", code: 2)
      }
      overrides.outputSchema = schema
    }
    var exec = ExecFrontEnd(
      overrides: overrides, prompt: try readPrompt(), images: images, json: json,
      outputFile: outputFile, skipGitRepoCheck: skipGitRepoCheck,
      traffic: try traffic.modelTraffic())
    exec.colors = color.colors
    exec.budget = limits.budget
    let status: Int32
    do {
      status = try await exec.run(resuming: saved, forking: forking)
    } catch let refusal as ExecFrontEnd.Refusal {
      throw Failure.report(refusal.message, code: refusal.status)
    }
    if status != 0 { throw ExitCode(status) }
  }

  private func readPrompt() throws -> String {
    if let prompt, prompt != "-" {
      guard !prompt.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
        throw Failure.report(
          "the prompt is empty: give one, codex exec \"fix the failing test\", or - for stdin",
          code: 2)
      }
      // `git diff | codex exec "review this"`: what is piped in comes with the prompt.
      if let piped = PipedInput.read(), !piped.isEmpty {
        return prompt + "\n\n<stdin>\n" + piped + (piped.hasSuffix("\n") ? "" : "\n") + "</stdin>"
      }
      return prompt
    }
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

/// `codex exec resume [--last | ID] PROMPT`: one more prompt in a saved session.
struct ExecResumeCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "exec-resume",
    abstract:
      "codex exec resume [SESSION_ID | --last] [PROMPT]: one more prompt in a saved session.",
    shouldDisplay: false)

  @OptionGroup var exec: ExecCommand

  @Flag(help: "The most recent session.")
  var last = false

  @Option(help: "The session's id (or its start).")
  var id: String?

  @Flag(help: "With --last: the latest session of any directory, not only of this one.")
  var all = false

  @Argument(help: "The prompt, when the session's id comes first.")
  var rest: [String] = []

  func run() async throws {
    var exec = self.exec
    var id = self.id
    // `resume SESSION_ID [PROMPT]`: without --last or --id the first word is the session.
    if !last && id == nil, let first = exec.prompt {
      id = first
      exec.prompt = rest.isEmpty ? nil : rest.joined(separator: " ")
    } else if !rest.isEmpty {
      exec.prompt = ([exec.prompt].compactMap { $0 } + rest).joined(separator: " ")
    }
    let saved: SavedSession
    do {
      saved = try SessionPicker.pick(last: last, id: id, interactive: false, all: all)
    } catch let refusal as SessionPicker.Refusal {
      throw Failure.report(refusal.message, code: refusal.status)
    }
    try await exec.run(resuming: saved)
  }
}

/// `codex exec fork SESSION_ID [PROMPT]`: a new session holding a copy of a saved one's
/// conversation, with one more prompt.
struct ExecForkCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "exec-fork",
    abstract: "codex exec fork SESSION_ID [PROMPT]: a new session from a copy of a saved one.",
    shouldDisplay: false)

  @OptionGroup var exec: ExecCommand

  @Argument(help: "The prompt, after the session's id.")
  var rest: [String] = []

  func run() async throws {
    var exec = self.exec
    guard let id = exec.prompt else {
      throw Failure.report("give the session to fork: codex exec fork SESSION_ID [PROMPT]", code: 2)
    }
    exec.prompt = rest.isEmpty ? nil : rest.joined(separator: " ")
    let saved: SavedSession
    do {
      saved = try SessionPicker.pick(last: false, id: id, interactive: false, all: true)
    } catch let refusal as SessionPicker.Refusal {
      throw Failure.report(refusal.message, code: refusal.status)
    }
    try await exec.run(resuming: nil, forking: saved)
  }
}

/// `--color`: always, never, or as the terminal allows.
enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
  case always, never, auto

  /// Forced on or off, or nil to decide from the terminal.
  var colors: Bool? {
    switch self {
    case .always: return true
    case .never: return false
    case .auto: return nil
    }
  }
}
