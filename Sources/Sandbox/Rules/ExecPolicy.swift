import Foundation

/// The user's rules for commands (`*.rules` files in Codex's format): which command
/// prefixes run without asking and outside the sandbox, which are always asked about,
/// which never run. Shared by every call of a session; an "always allow" answer adds a
/// rule to it (and to the user's `default.rules`).
// @unchecked Sendable: the rules change only under `lock`.
public final class ExecPolicy: @unchecked Sendable {
  private let lock = NSLock()
  private var rules: [PrefixRule]
  /// Allowed paths of programs, by bare name (`host_executable`).
  private let hostExecutables: [String: [String]]

  /// No rules: every command is decided by the approval policy alone.
  public static var empty: ExecPolicy { ExecPolicy(rules: [], hostExecutables: [:]) }

  init(rules: [PrefixRule], hostExecutables: [String: [String]]) {
    self.rules = rules
    self.hostExecutables = hostExecutables
  }

  /// The rules of `files`, read in order (later files add to earlier ones); the first
  /// file that cannot be read or used is the error.
  public static func load(files: [String]) throws(RuleFileError) -> ExecPolicy {
    var book = RuleBook()
    for file in files {
      guard let data = FileManager.default.contents(atPath: file) else {
        throw RuleFileError(file: file, line: 1, column: 1, message: "cannot read the file")
      }
      try book.read(file: file, text: String(decoding: data, as: UTF8.self))
    }
    return ExecPolicy(rules: book.rules, hostExecutables: book.hostExecutables)
  }

  /// The `*.rules` files of a `rules` folder, sorted by name (none when it is missing).
  public static func files(in folder: String) -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    return names.filter { $0.hasSuffix(".rules") }.sorted().map { folder + "/" + $0 }.filter {
      var isDirectory: ObjCBool = false
      return FileManager.default.fileExists(atPath: $0, isDirectory: &isDirectory)
        && !isDirectory.boolValue
    }
  }

  /// Whether there are no rules at all.
  public var isEmpty: Bool { lock.withLock { rules.isEmpty } }

  /// The rules that match `command` (one argv).
  public func evaluate(_ command: [String]) -> RuleEvaluation {
    evaluate(commands: [command])
  }

  /// The rules that match any of `commands` (the commands of one shell script).
  /// An absolute program path matches the rules of its bare name unless
  /// `resolveHostExecutables` is false (as `codex execpolicy check` does by default).
  public func evaluate(commands: [[String]], resolveHostExecutables: Bool = true)
    -> RuleEvaluation
  {
    let rules = lock.withLock { self.rules }
    var matches: [RuleMatch] = []
    for command in commands {
      guard let first = command.first else { continue }
      let resolved = resolveHostExecutables ? resolvedName(first) : nil
      for rule in rules {
        if let prefix = rule.match(command, program: first) {
          matches.append(match(rule, prefix, resolved: nil))
        } else if let resolved, let prefix = rule.match(command, program: resolved) {
          matches.append(match(rule, prefix, resolved: first))
        }
      }
    }
    return RuleEvaluation(matches: matches)
  }

  /// Adds `allow` for `prefix` to this policy, and appends it to `file` (created with
  /// its folder when missing), as Codex writes it.
  public func allowAlways(_ prefix: [String], writingTo file: String) throws {
    guard let program = prefix.first else { return }
    let line =
      "prefix_rule(pattern=[" + prefix.map(Self.quoted).joined(separator: ", ")
      + "], decision=\"allow\")\n"
    let folder = (file as NSString).deletingLastPathComponent
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    var existing = FileManager.default.contents(atPath: file) ?? Data()
    if let last = existing.last, last != UInt8(ascii: "\n") { existing.append(UInt8(ascii: "\n")) }
    existing.append(contentsOf: Array(line.utf8))
    try existing.write(to: URL(fileURLWithPath: file), options: .atomic)
    let rule = PrefixRule(
      program: program, rest: prefix.dropFirst().map { [$0] }, decision: .allow,
      justification: nil, source: file)
    lock.withLock { rules.append(rule) }
  }

  /// A word as a double-quoted rules string.
  static func quoted(_ word: String) -> String {
    var out = "\""
    for c in word {
      switch c {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      default: out.append(c)
      }
    }
    return out + "\""
  }

  private func match(_ rule: PrefixRule, _ prefix: [String], resolved: String?) -> RuleMatch {
    RuleMatch(
      matchedPrefix: prefix, decision: rule.decision, justification: rule.justification,
      resolvedProgram: resolved, source: rule.source)
  }

  /// The bare name an absolute program path stands for: when `host_executable` lists
  /// paths for that name, only those; otherwise any absolute path.
  private func resolvedName(_ program: String) -> String? {
    guard program.hasPrefix("/"), let name = program.split(separator: "/").last.map(String.init)
    else { return nil }
    if let paths = hostExecutables[name] { return paths.contains(program) ? name : nil }
    return name
  }
}
