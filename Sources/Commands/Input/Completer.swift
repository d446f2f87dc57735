import Foundation

/// What Tab offers for the text before the cursor: slash-command names, their
/// arguments, and paths (`@path` mentions, `/run FILE`, words of `!` lines).
public struct Completer: Sendable {
  /// The candidates replace the text from `start` (a UTF-8 offset into the line) to
  /// the cursor. A candidate that ends a word carries its trailing space; a directory
  /// ends with `/` so Tab can go on into it.
  public struct Completion: Sendable, Equatable {
    /// The UTF-8 offset where the replaced word starts.
    public var start: Int
    /// The words that may replace it.
    public var candidates: [String]

    /// A completion.
    public init(start: Int, candidates: [String]) {
      self.start = start
      self.candidates = candidates
    }
  }

  /// The commands and their arguments.
  public var registry: CommandRegistry
  /// The custom prompts, completed as commands.
  public var prompts: [CustomPrompt]
  /// The profiles in config.toml.
  public var profiles: [String]
  /// The models Codex knows and those named in config.toml.
  public var models: [String]
  /// Where `@path` and script paths are completed from.
  public var workingDirectory: String

  /// A completer for these settings.
  public init(
    registry: CommandRegistry, prompts: [CustomPrompt], profiles: [String], models: [String],
    workingDirectory: String
  ) {
    self.registry = registry
    self.prompts = prompts
    self.profiles = profiles
    self.models = models
    self.workingDirectory = workingDirectory
  }

  /// The completions for the text before the cursor.
  public func complete(_ line: String) -> Completion {
    let wordStart =
      line.lastIndex { $0 == " " || $0 == "\t" }.map { line.index(after: $0) }
      ?? line.startIndex
    let word = String(line[wordStart...])
    let start = line.utf8.distance(from: line.startIndex, to: wordStart)
    let trimmed = line.drop { $0 == " " || $0 == "\t" }
    if trimmed.hasPrefix("/") {
      let words = trimmed.split(separator: " ", omittingEmptySubsequences: true)
      if words.count == 1 && !line.hasSuffix(" ") {
        let names = commandNames.filter { ("/" + $0).hasPrefix(word) }
        return Completion(start: start, candidates: names.map { "/" + $0 + " " })
      }
      let name = String(words[0].dropFirst())
      let index = words.count - (line.hasSuffix(" ") ? 1 : 2)
      return Completion(start: start, candidates: arguments(of: name, at: index, prefix: word))
    }
    if word.hasPrefix("@") {
      return Completion(start: start, candidates: paths(String(word.dropFirst())).map { "@" + $0 })
    }
    // After a `!` command's first word, words are usually paths.
    if trimmed.hasPrefix("!") && trimmed.contains(" ") {
      return Completion(start: start, candidates: paths(word))
    }
    return Completion(start: start, candidates: [])
  }

  var commandNames: [String] {
    let builtIn = registry.commands.filter { !$0.scriptOnly }.flatMap { [$0.name] + $0.aliases }
    return
      (builtIn + prompts.map(\.name).filter { !builtIn.contains($0) }
      + prompts.map { "prompts:" + $0.name }).sorted()
  }

  private func arguments(of name: String, at index: Int, prefix: String) -> [String] {
    guard let command = registry.command(named: name), !command.arguments.isEmpty else {
      return []
    }
    guard index < command.arguments.count || command.variadic else { return [] }
    let argument = command.arguments[min(index, command.arguments.count - 1)]
    let values: [String]
    switch argument {
    case .choice(_, let choices): values = choices
    case .text: return []
    case .configured(_, .profiles): values = profiles
    case .configured(_, .models): values = models
    case .configured(_, .commands): values = commandNames
    case .configured(_, .paths): return paths(prefix)
    case .configured(_, .scripts):
      return paths(prefix).filter { $0.hasSuffix("/") || $0.hasSuffix(".codex ") }
    case .configured(_, .reviewTargets): values = ["uncommitted", "base", "commit"]
    case .configured(_, .revisions): values = GitRevisions.names(in: workingDirectory)
    }
    return values.filter { $0.hasPrefix(prefix) }.map { $0 + " " }
  }

  /// Entries of the directory part of `prefix` (relative to the working directory)
  /// whose names start with the rest; hidden entries only when asked for with a dot.
  func paths(_ prefix: String) -> [String] {
    let slash = prefix.lastIndex(of: "/")
    let directoryPart = slash.map { String(prefix[...$0]) } ?? ""
    let namePrefix = slash.map { String(prefix[prefix.index(after: $0)...]) } ?? prefix
    let directory =
      directoryPart.hasPrefix("/")
      ? directoryPart : workingDirectory + "/" + directoryPart
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    return names.filter {
      $0.hasPrefix(namePrefix) && (!$0.hasPrefix(".") || namePrefix.hasPrefix("."))
    }
    .sorted()
    .map { name in
      var isDirectory: ObjCBool = false
      _ = FileManager.default.fileExists(atPath: directory + "/" + name, isDirectory: &isDirectory)
      return directoryPart + name + (isDirectory.boolValue ? "/" : " ")
    }
  }
}
