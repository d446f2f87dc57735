import Agent
import ArgumentParser
import Foundation
import Repl

/// The interactive session; what `codex` and `codex "PROMPT"` start. `codex FILE.codex
/// ARGS...` runs the script instead (so `#!/usr/bin/env codex` works).
struct ReplCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "repl",
    abstract: "The interactive session (the default): prompts, /commands and !shell lines.")

  @OptionGroup var options: ConfigOptions
  @OptionGroup var script: ScriptOptions

  @Option(
    name: [.customShort("i"), .customLong("image")], parsing: .singleValue,
    help: ArgumentHelp(
      "Attach images (png, jpeg, gif, webp) to the first prompt; several with commas.",
      valueName: "file"))
  var images: [String] = []

  @Argument(help: "A first prompt for the session, or a .codex script and its arguments.")
  var words: [String] = []

  func run() async throws {
    if let refusal = UnavailableCommand.refusal(words) {
      throw Failure.report(refusal, code: 2)
    }
    if let first = words.first, first.hasSuffix(".codex"),
      FileManager.default.fileExists(atPath: first)
    {
      let status = try await RunCommand.runScript(
        file: first, arguments: Array(words.dropFirst()), options: options, script: script)
      if status != 0 { throw ExitCode(status) }
      return
    }
    if script.junit != nil {
      throw Failure.report("--junit is for scripts: codex run FILE.codex --junit FILE", code: 2)
    }
    var attachments: [String] = []
    for path in images.flatMap({ $0.split(separator: ",").map(String.init) }) {
      do {
        attachments.append(try ImageAttachment.dataURL(path: path))
      } catch {
        throw Failure.report("--image: \(error)", code: 2)
      }
    }
    do {
      try await ReplLoop().run(
        overrides: options.overrides,
        initialPrompt: words.isEmpty ? nil : words.joined(separator: " "), images: attachments,
        traffic: try script.traffic.modelTraffic())
    } catch let error as ConfigError {
      throw Failure.report(error.message, code: 2)
    }
  }
}
