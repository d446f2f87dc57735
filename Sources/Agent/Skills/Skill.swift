import Foundation

/// A skill: a folder with a `SKILL.md` whose front matter names it and says when to use
/// it. The model is offered names and descriptions; the body is read only when the
/// skill is used (`$NAME` in a prompt, `/skills NAME`, or the model opening the file).
public struct Skill: Sendable, Equatable {
  public var name: String
  public var description: String
  /// The `SKILL.md` file.
  public var path: String
  /// The folder it was found under (`$CODEX_HOME/skills`, a project's `.codex/skills`).
  public var root: String

  /// The skill as Codex hands it to the model when it is used: its file, whole.
  public func useMessage() -> String? {
    guard let data = FileManager.default.contents(atPath: path) else { return nil }
    let body = String(decoding: data.prefix(Self.maxBytes), as: UTF8.self)
    return "<skill>\n<name>\(name)</name>\n<path>\(path)</path>\n\(body)\n</skill>"
  }

  /// More of a SKILL.md than this is not sent at once.
  static let maxBytes = 64 * 1024

  /// The name and description of a `SKILL.md` text's front matter (`---` lines around
  /// `key: value` pairs, values optionally quoted); nil without both.
  static func frontMatter(_ text: String) -> (name: String, description: String)? {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
      $0.trimmingCharacters(in: .whitespaces)
    }[...]
    guard lines.popFirst() == "---" else { return nil }
    var fields: [String: String] = [:]
    while let line = lines.popFirst(), line != "---" {
      guard let colon = line.firstIndex(of: ":") else { continue }
      let key = line[..<colon].trimmingCharacters(in: .whitespaces)
      var value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
      if value.count >= 2, let first = value.first, first == "\"" || first == "'",
        value.last == first
      {
        value = String(value.dropFirst().dropLast())
      }
      fields[key] = value
    }
    guard let name = fields["name"], !name.isEmpty, let description = fields["description"],
      !description.isEmpty
    else { return nil }
    return (name, description)
  }
}
