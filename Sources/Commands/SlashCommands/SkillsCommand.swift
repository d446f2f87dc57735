import Agent

/// `/skills`: the skills offered to the model, each with its description and file;
/// `/skills NAME` sends that skill's instructions with the next prompt (as `$NAME` in a
/// prompt does).
struct SkillsCommand: SlashCommandDefinition {
  let spec = SlashCommand(
    "skills", "the skills offered to the model; `/skills NAME` uses one with the next prompt",
    arguments: [.text(name: "name")])

  func run(_ use: SlashCommandUse, in interpreter: Interpreter) async throws
    -> Interpreter.Outcome
  {
    let catalog = interpreter.session.configuration.skills
    guard let name = use.arguments.first else {
      let lines =
        catalog.skills.isEmpty
        ? ["no skills; add a folder with a SKILL.md to ~/.codex/skills or .codex/skills"]
        : catalog.skills.flatMap { ["\($0.name): \($0.description)", "  \($0.path)"] }
      lines.map(TerminalText.sanitize).forEach(interpreter.console.line)
      return .done
    }
    guard let skill = catalog.named(name) else {
      let known = catalog.skills.map(\.name).joined(separator: ", ")
      return .failed("no skill named `\(name)`" + (known.isEmpty ? "" : " (skills: \(known))"))
    }
    interpreter.session.useSkill(skill)
    interpreter.console.line("skill `\(skill.name)` goes with your next prompt")
    return .done
  }
}
