import Agent
import Foundation

/// A prompt kept in a Markdown file and used as `/NAME [ARGS]` or, as Codex CLI spells
/// it, `/prompts:NAME [ARGS]`: the files in `$CODEX_HOME/prompts/` and in the
/// repository's `.codex/prompts/` (which win on a shared name). An optional front
/// matter (`---` lines) may give a `description` and an `argument-hint`.
public struct CustomPrompt: Sendable, Equatable {
  /// The command name, from the file name.
  public var name: String
  /// Its help line (front matter `description`, else the first line).
  public var description: String
  /// The text, with `$1`..`$9`, `$ARGUMENTS` and named `$KEY`s to fill.
  public var template: String
  /// How to call it, from the front matter (`argument-hint: FILE=<path>`).
  public var argumentHint: String?
  /// The file it came from.
  public var path: String

  /// A prompt given directly.
  public init(name: String, description: String, template: String, path: String) {
    self.name = name
    self.description = description
    self.template = template
    self.path = path
  }

  /// The prompts found for a session, sorted by name.
  public static func load(codexHome: String, projectRoot: String?) -> [CustomPrompt] {
    var byName: [String: CustomPrompt] = [:]
    let directories =
      [codexHome + "/prompts"] + (projectRoot.map { [$0 + "/.codex/prompts"] } ?? [])
    for directory in directories {
      let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
      for file in files where file.hasSuffix(".md") {
        let name = String(file.dropLast(3))
        guard !name.isEmpty,
          name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }),
          let text = try? String(contentsOfFile: directory + "/" + file, encoding: .utf8)
        else { continue }
        byName[name] = parse(name: name, text: text, path: directory + "/" + file)
      }
    }
    return byName.values.sorted { $0.name < $1.name }
  }

  static func parse(name: String, text: String, path: String) -> CustomPrompt {
    var description = ""
    var hint: String?
    var body = text
    let lines = TextLines.split(text)
    if lines.first?.trimmingCharacters(in: .whitespaces) == "---",
      let end = lines.dropFirst().firstIndex(where: {
        $0.trimmingCharacters(in: .whitespaces) == "---"
      })
    {
      func value(_ line: String, _ key: String) -> String {
        line.dropFirst(key.count).trimmingCharacters(in: .whitespaces)
          .trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
      }
      for line in lines[1..<end] {
        if line.hasPrefix("description:") { description = value(line, "description:") }
        if line.hasPrefix("argument-hint:") { hint = value(line, "argument-hint:") }
      }
      body = lines[(end + 1)...].joined(separator: "\n")
    }
    if description.isEmpty {
      description = "custom prompt (" + (path as NSString).lastPathComponent + ")"
    }
    var prompt = CustomPrompt(
      name: name, description: description,
      template: body.trimmingCharacters(in: .whitespacesAndNewlines), path: path)
    prompt.argumentHint = hint.flatMap { $0.isEmpty ? nil : $0 }
    return prompt
  }

  /// A named argument: `KEY=value` with an upper-case key.
  static func namedArgument(_ argument: String) -> (key: String, value: String)? {
    guard let equals = argument.firstIndex(of: "="), equals != argument.startIndex else {
      return nil
    }
    let key = argument[..<equals]
    guard let first = key.first, first.isUppercase || first == "_",
      key.allSatisfy({ ($0.isASCII && ($0.isUppercase || $0.isNumber)) || $0 == "_" })
    else { return nil }
    return (String(key), String(argument[argument.index(after: equals)...]))
  }

  /// The prompt with `$1`..`$9` replaced by the positional arguments (empty when
  /// missing), `$ARGUMENTS` by all of them, and `$KEY` by the value of a `KEY=value`
  /// argument (Codex CLI's named arguments); `$$` is a literal dollar.
  public func expand(_ given: [String]) -> String {
    var named: [String: String] = [:]
    var arguments: [String] = []
    for argument in given {
      if let pair = Self.namedArgument(argument) {
        named[pair.key] = pair.value
      } else {
        arguments.append(argument)
      }
    }
    var out = ""
    var rest = Substring(template)
    while let dollar = rest.firstIndex(of: "$") {
      out += rest[..<dollar]
      let after = rest[rest.index(after: dollar)...]
      if after.hasPrefix("ARGUMENTS") {
        out += arguments.joined(separator: " ")
        rest = after.dropFirst("ARGUMENTS".count)
      } else if let digit = after.first, let number = digit.wholeNumberValue, number >= 1,
        digit.isASCII
      {
        out += number <= arguments.count ? arguments[number - 1] : ""
        rest = after.dropFirst()
      } else if after.hasPrefix("$") {
        out += "$"
        rest = after.dropFirst()
      } else if case let key = after.prefix(while: {
        ($0.isASCII && ($0.isUppercase || $0.isNumber)) || $0 == "_"
      }), !key.isEmpty, let value = named[String(key)] {
        out += value
        rest = after.dropFirst(key.count)
      } else {
        out += "$"
        rest = after
      }
    }
    return out + rest
  }
}
