import Agent
import ArgumentParser
import Foundation
import Sandbox

/// `codex execpolicy check`: what rules files say about a command, in Codex's JSON.
struct ExecPolicyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "execpolicy", abstract: "Try command rules (*.rules files) on commands.",
    subcommands: [ExecPolicyCheckCommand.self])
}

struct ExecPolicyCheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Print the rules that match a command and the strictest decision, as JSON.",
    discussion: """
      Example:
        codex execpolicy check --rules ~/.codex/rules/default.rules -- git push origin main
      """)

  @Option(
    name: [.customShort("r"), .long],
    help: ArgumentHelp("A rules file to read (repeatable).", valueName: "path"))
  var rules: [String] = []

  @Flag(help: "Pretty-print the JSON.")
  var pretty = false

  @Flag(help: "Let an absolute program path match the rules of its bare name.")
  var resolveHostExecutables = false

  @Argument(parsing: .postTerminator, help: "The command and its arguments.")
  var command: [String] = []

  /// `codex execpolicy check [OPTIONS] CMD...` with `--` put before the command, so its
  /// own options (`ls -la`) are never read as codex's; nil for other command lines.
  static func routed(_ arguments: [String]) -> [String]? {
    guard arguments.count >= 2, arguments[0] == "execpolicy", arguments[1] == "check" else {
      return nil
    }
    var index = 2
    while index < arguments.count {
      let word = arguments[index]
      if word == "--" { return arguments }
      if ["--rules", "-r", "-c", "--config"].contains(word) {
        index += 2
      } else if word.hasPrefix("-") {
        index += 1
      } else {
        break
      }
    }
    var out = arguments
    out.insert("--", at: min(index, out.count))
    return out
  }

  func validate() throws {
    if rules.isEmpty { throw ValidationError("give at least one rules file with --rules PATH") }
    if command.isEmpty {
      throw ValidationError("give the command to check after the options")
    }
  }

  func run() throws {
    let words = command
    let policy: ExecPolicy
    do {
      policy = try ExecPolicy.load(files: rules)
    } catch {
      FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
      throw ExitCode(1)
    }
    let evaluation = policy.evaluate(
      commands: [words], resolveHostExecutables: resolveHostExecutables)
    var output: JSONObject = [
      "matchedRules": .array(
        evaluation.matches.map { match in
          var fields: JSONObject = [
            "matchedPrefix": .array(match.matchedPrefix.map { .string($0) }),
            "decision": .string(match.decision.rawValue),
          ]
          if let program = match.resolvedProgram { fields["resolvedProgram"] = .string(program) }
          if let why = match.justification { fields["justification"] = .string(why) }
          return ["prefixRuleMatch": .object(fields)]
        })
    ]
    if let decision = evaluation.decision { output["decision"] = .string(decision.rawValue) }
    let json = JSONValue.object(output)
    print(pretty ? json.prettyText : json.text)
  }
}
