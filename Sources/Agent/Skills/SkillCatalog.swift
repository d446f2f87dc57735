import Foundation

/// The skills a session offers: found under the trusted project's `.codex/skills`
/// folders (nearest first), then `$CODEX_HOME/skills` and its `.system` folder; a name
/// found twice keeps its first place, so a project's skill overrides the user's.
public struct SkillCatalog: Sendable {
  public private(set) var skills: [Skill] = []
  /// The folders searched that exist, in order (the aliases `r0`, `r1`, ... of the
  /// instructions).
  public private(set) var roots: [String] = []
  /// SKILL.md files without a name and a description.
  public private(set) var problems: [String] = []

  /// No skills.
  public init() {}

  /// The skills under `roots`; `disabled` lists SKILL.md paths turned off
  /// (`[[skills.config]] enabled = false`).
  public init(roots candidates: [String], disabled: Set<String> = []) {
    var seen: Set<String> = []
    for root in candidates {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory),
        isDirectory.boolValue
      else { continue }
      var found: [Skill] = []
      for file in Self.skillFiles(in: root, depth: 0) where !disabled.contains(file) {
        guard let data = FileManager.default.contents(atPath: file),
          let (name, description) = Skill.frontMatter(String(decoding: data, as: UTF8.self))
        else {
          problems.append("\(file): no `name` and `description` front matter; skill skipped")
          continue
        }
        guard seen.insert(name).inserted else { continue }
        found.append(Skill(name: name, description: description, path: file, root: root))
      }
      if !found.isEmpty {
        roots.append(root)
        skills += found.sorted { $0.name < $1.name }
      }
    }
  }

  /// The skill called `name`.
  public func named(_ name: String) -> Skill? { skills.first { $0.name == name } }

  /// The skills a prompt names as `$NAME`, in order, each once.
  public func mentioned(in prompt: String) -> [Skill] {
    var out: [Skill] = []
    var rest = prompt[...]
    while let dollar = rest.firstIndex(of: "$") {
      rest = rest[rest.index(after: dollar)...]
      let name = rest.prefix { $0.isLetter || $0.isNumber || "-_:.".contains($0) }
      let trimmed = String(name).trimmingCharacters(in: CharacterSet(charactersIn: ".:"))
      if let skill = named(trimmed), !out.contains(skill) { out.append(skill) }
    }
    return out
  }

  /// The developer message that offers the skills (nil when there are none): where
  /// they live, each one's name, description and file, and how to use them.
  public var instructions: String? {
    guard !skills.isEmpty else { return nil }
    var text = """
      <skills_instructions>
      ## Skills
      Skills are instructions kept in `SKILL.md` files for particular kinds of work. Each \
      entry below gives a skill's name, when to use it, and its file as a short path: \
      replace the alias with its folder from the roots table.
      ### Skill roots

      """
    for (index, root) in roots.enumerated() { text += "- `r\(index)` = `\(root)`\n" }
    text += "### Available skills\n"
    for skill in skills {
      let alias = roots.firstIndex(of: skill.root).map { "r\($0)" } ?? skill.root
      let relative = String(skill.path.dropFirst(skill.root.count + 1))
      text += "- \(skill.name): \(skill.description) (file: \(alias)/\(relative))\n"
    }
    text += """
      ### Using skills
      - When the user names a skill (`$name` or in words), or the task plainly fits a \
      skill's description, use it for this turn; a skill named in an earlier turn is not \
      carried over unless named again.
      - Before acting, read the skill's `SKILL.md` in full; resolve the relative paths it \
      mentions against its folder, and read only the further files the task needs.
      - Prefer the scripts and templates a skill provides over writing them anew.
      - Say in one line which skill you use. If a named skill is missing or unreadable, \
      say so and go on as well as you can.
      </skills_instructions>
      """
    return text
  }

  /// `SKILL.md` files under `folder`, a few levels deep, hidden folders skipped except
  /// the root itself.
  private static func skillFiles(in folder: String, depth: Int) -> [String] {
    guard depth < 4,
      let names = try? FileManager.default.contentsOfDirectory(atPath: folder)
    else { return [] }
    var files: [String] = []
    if names.contains("SKILL.md") { files.append(folder + "/SKILL.md") }
    for name in names.sorted() where !name.hasPrefix(".") {
      var isDirectory: ObjCBool = false
      let path = folder + "/" + name
      if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
        isDirectory.boolValue
      {
        files += skillFiles(in: path, depth: depth + 1)
      }
    }
    return files
  }
}
