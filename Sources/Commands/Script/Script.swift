import Foundation

/// A `.codex` file read and checked: its steps, and the scripts it runs with `/run`.
public struct Script: Sendable {
  /// The path as the user gave it (used in messages).
  public var name: String
  /// The file it was read from.
  public var path: String
  /// Its steps in order.
  public var steps: [ScriptStep]
  /// The scripts `/run` steps start, by the step's line.
  public var included: [Int: Script]

  /// Reads and checks a script and everything it includes; every problem is reported,
  /// none is run. `registry` and `promptNames` say which commands exist.
  public static func load(
    path: String, name: String? = nil, arguments: [String], environment: [String: String],
    registry: CommandRegistry, promptNames: [String], depth: Int = 0
  ) -> (script: Script?, errors: [ScriptError]) {
    let shown = name ?? path
    guard let data = FileManager.default.contents(atPath: path) else {
      return (
        nil,
        [ScriptError(ScriptLocation(file: shown, line: 0, column: 0), "cannot read the script")]
      )
    }
    guard let text = String(data: data, encoding: .utf8) else {
      return (
        nil,
        [
          ScriptError(
            ScriptLocation(file: shown, line: 0, column: 0), "the script is not UTF-8 text")
        ]
      )
    }
    return load(
      text: text, path: path, name: name, arguments: arguments, environment: environment,
      registry: registry, promptNames: promptNames, depth: depth)
  }

  /// Checks a script's `text` as if read from `path` (which places its `/run` targets
  /// and `${CODEX_SCRIPT_DIR}`); every problem is reported, none is run.
  public static func load(
    text: String, path: String, name: String? = nil, arguments: [String],
    environment: [String: String], registry: CommandRegistry, promptNames: [String],
    depth: Int = 0
  ) -> (script: Script?, errors: [ScriptError]) {
    let shown = name ?? path
    // `${CODEX_SCRIPT_DIR}` is the folder holding the script, so a script can reach
    // files shipped beside it wherever it is run from.
    var environment = environment
    environment["CODEX_SCRIPT_DIR"] =
      URL(fileURLWithPath: path).standardizedFileURL.deletingLastPathComponent().path
    let variables = ScriptVariables(arguments: arguments, environment: environment)
    var (steps, errors) = ScriptParser.parse(text, file: shown, variables: variables)
    var included: [Int: Script] = [:]
    for step in steps {
      guard case .command(let name, let arguments, let raw) = step.kind else { continue }
      var location = step.location
      if registry.command(named: name) == nil && promptNames.contains(name) { continue }
      do throws(InputError) {
        let columns = argumentColumns(
          step.text, count: arguments.count, start: step.location.column)
        let use = SlashCommandUse(arguments: arguments, columns: columns, raw: raw)
        let command = try registry.resolve(
          name: name, use: use, inScript: true, otherNames: promptNames)
        if let including = command as? ScriptIncluding {
          let (child, childErrors) = try loadIncluded(
            including.included(by: use), from: path, column: use.column(0),
            environment: environment, registry: registry, promptNames: promptNames,
            depth: depth)
          // A script that cannot be read at all is reported where it is run.
          errors += childErrors.map { error in
            guard error.location.line == 0 else { return error }
            var placed = location
            placed.column = use.column(0)
            return ScriptError(placed, "\(arguments[0]): \(error.message)")
          }
          if let child { included[step.location.line] = child }
        }
      } catch {
        location.column = error.column
        errors.append(ScriptError(location, error.message))
      }
    }
    errors += checkpointErrors(steps)
    errors.sort { ($0.location.file, $0.location.line) < ($1.location.file, $1.location.line) }
    let script = Script(name: shown, path: path, steps: steps, included: included)
    return (errors.isEmpty ? script : nil, errors)
  }

  /// Loads the script a `/run` step runs, checking that it exists and is a file.
  static func loadIncluded(
    _ target: (path: String, arguments: [String]), from path: String, column: Int,
    environment: [String: String], registry: CommandRegistry, promptNames: [String], depth: Int
  ) throws(InputError) -> (script: Script?, errors: [ScriptError]) {
    let resolved = resolve(target.path, relativeTo: path)
    guard depth < 8 else {
      throw InputError(message: "scripts run each other too deeply (8 levels)", column: 1)
    }
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: resolved, isDirectory: &isDirectory) else {
      throw InputError(message: "script \(target.path) not found", column: column)
    }
    guard !isDirectory.boolValue else {
      throw InputError(message: "\(target.path) is a directory, not a script", column: column)
    }
    return load(
      path: resolved, name: target.path, arguments: target.arguments, environment: environment,
      registry: registry, promptNames: promptNames, depth: depth + 1)
  }

  /// A `/run` path: relative to the including script's directory when the file is
  /// there, else to the working directory.
  static func resolve(_ target: String, relativeTo script: String) -> String {
    if target.hasPrefix("/") { return target }
    let besides = ((script as NSString).deletingLastPathComponent as NSString)
      .appendingPathComponent(target)
    return FileManager.default.fileExists(atPath: besides) ? besides : target
  }

  /// The columns of a command line's arguments (for error positions).
  static func argumentColumns(_ line: String, count: Int, start: Int) -> [Int] {
    guard case .command(_, _, let columns)? = try? InputLine.parse(line) else {
      return Array(repeating: start, count: max(count, 1))
    }
    let shifted = columns.map { $0 + start - 1 }
    return shifted.isEmpty ? [start] : shifted
  }
}

extension Script {
  /// Its steps and those of the scripts it runs, in order.
  public var allSteps: [ScriptStep] {
    steps.flatMap { step in [step] + (included[step.location.line]?.allSteps ?? []) }
  }
}

extension ScriptStep {
  /// An `/undo` step: only then do the script's turns need their snapshots.
  public var undoes: Bool {
    guard case .command("undo", _, _) = kind else { return false }
    return true
  }

  /// A `/budget` step with a `cost=` limit (which needs the provider's prices).
  public var setsCostBudget: Bool {
    guard case .command("budget", let arguments, _) = kind else { return false }
    return arguments.contains { $0.hasPrefix("cost=") }
  }
}

/// The message for a cost budget when the provider has no prices.
public enum BudgetPrices {
  /// What is missing and the key to add.
  public static func missing(_ provider: String) -> String {
    "a cost budget needs prices: set model_providers.\(provider).pricing = { input = 1.25, cached_input = 0.125, output = 10.0 } (USD per million tokens)"
  }
}

extension Script {
  /// `/rollback NAME` steps with no `/checkpoint NAME` before them.
  static func checkpointErrors(_ steps: [ScriptStep]) -> [ScriptError] {
    var named: [String] = []
    var errors: [ScriptError] = []
    for step in steps {
      guard case .command(let name, let arguments, _) = step.kind, let target = arguments.first
      else { continue }
      if name == "checkpoint" { named.append(target) }
      if name == "rollback", !named.contains(target) {
        var location = step.location
        let afterName =
          step.text.index(
            step.text.startIndex, offsetBy: name.count + 1, limitedBy: step.text.endIndex)
          ?? step.text.endIndex
        location.column =
          step.text.range(of: target, range: afterName..<step.text.endIndex).map {
            step.location.column + step.text.distance(from: step.text.startIndex, to: $0.lowerBound)
          } ?? step.location.column
        errors.append(
          ScriptError(
            location,
            "no checkpoint `\(target)` before this step"
              + (named.isEmpty
                ? "; set one with /checkpoint \(target)"
                : " (checkpoints: \(named.joined(separator: ", ")))")))
      }
    }
    return errors
  }
}
