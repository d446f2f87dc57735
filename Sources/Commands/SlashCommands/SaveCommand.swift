import Agent
import Foundation

/// `/save FILE.codex [--expect-files]`: the session so far as a script, with
/// `FILE.cassette` beside it holding the model's responses, so that
/// `codex run FILE.codex --replay FILE.cassette` does it again offline.
struct SaveCommand: SlashCommandDefinition {
  let spec = SlashCommand(
    "save", "save this session as a .codex script and its cassette (--expect-files: check files)",
    arguments: [
      .configured(name: "FILE", kind: .scripts),
      .choice(name: "option", values: ["--expect-files"]),
    ], required: 1)

  func check(_ use: SlashCommandUse) throws(InputError) {
    guard use.arguments[0].hasSuffix(".codex") else {
      throw InputError(
        message: "the script's name ends in .codex: /save \(use.arguments[0]).codex",
        column: use.column(0))
    }
  }

  func run(_ use: SlashCommandUse, in interpreter: Interpreter) async throws
    -> Interpreter.Outcome
  {
    guard let record = interpreter.record else {
      return .failed("/save saves an interactive session")
    }
    let directory = interpreter.session.configuration.workingDirectory
    let name = use.arguments[0]
    let path = name.hasPrefix("/") ? name : directory + "/" + name
    let cassette = String(path.dropLast(".codex".count)) + ".cassette"
    let expect =
      use.arguments.contains("--expect-files")
      ? record.changedFiles.filter {
        FileManager.default.fileExists(atPath: $0.hasPrefix("/") ? $0 : directory + "/" + $0)
      } : []
    do {
      try record.script(expectFiles: expect).write(toFile: path, atomically: true, encoding: .utf8)
      try CassetteEntry.cassetteText(interpreter.traffic.responses).write(
        toFile: cassette, atomically: true, encoding: .utf8)
    } catch {
      return .failed("cannot write \(path): \(error.localizedDescription)")
    }
    let steps = record.entries.count
    interpreter.console.line(
      "saved \(steps) step\(steps == 1 ? "" : "s") to \(name) and \(interpreter.traffic.responses.count) responses to "
        + (cassette.hasPrefix(directory + "/")
          ? String(cassette.dropFirst(directory.count + 1)) : cassette)
        + "; replay: codex run \(name) --replay "
        + (cassette.hasPrefix(directory + "/")
          ? String(cassette.dropFirst(directory.count + 1)) : cassette))
    return .done
  }
}
