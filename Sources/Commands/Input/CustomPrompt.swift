import Agent
import Foundation

/// A prompt kept in a Markdown file and used as `/NAME [ARGS]`: the files in
/// `$CODEX_HOME/prompts/` and in the repository's `.codex/prompts/` (which win on a
/// shared name). An optional front matter (`---` lines) may give a `description`.
public struct CustomPrompt: Sendable, Equatable {
  /// The command name, from the file name.
  public var name: String
  /// Its help line (front matter `description`, else the first line).
  public var description: String
  /// The text, with `$1`..`$9` and `$ARGUMENTS` to fill.
  public var template: String
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
    var body = text
    let lines = TextLines.split(text)
    if lines.first?.trimmingCharacters(in: .whitespaces) == "---",
      let end = lines.dropFirst().firstIndex(where: {
        $0.trimmingCharacters(in: .whitespaces) == "---"
      })
    {
      for line in lines[1..<end] where line.hasPrefix("description:") {
        description = line.dropFirst("description:".count).trimmingCharacters(in: .whitespaces)
          .trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
      }
      body = lines[(end + 1)...].joined(separator: "\n")
    }
    if description.isEmpty {
      description = "custom prompt (" + (path as NSString).lastPathComponent + ")"
    }
    return CustomPrompt(
      name: name, description: description,
      template: body.trimmingCharacters(in: .whitespacesAndNewlines), path: path)
  }

  /// The prompt with `$1`..`$9` replaced by the arguments (empty when missing) and
  /// `$ARGUMENTS` by all of them; `$$` is a literal dollar.
  public func expand(_ arguments: [String]) -> String {
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
      } else {
        out += "$"
        rest = after
      }
    }
    return out + rest
  }
}
