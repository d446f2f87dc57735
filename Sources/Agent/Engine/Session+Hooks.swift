import Foundation
import Sandbox

/// The lifecycle hooks of a session: what they are told of it, and the events the
/// session itself fires (SessionStart, UserPromptSubmit, PreCompact, PostCompact).
extension Session {
  /// The common fields of every hook's payload for a turn (`turnID`) or the session.
  func hookContext(turnID: String?) -> Hooks.Context {
    Hooks.Context(
      sessionID: id, turnID: turnID, transcriptPath: log?.path,
      workingDirectory: configuration.workingDirectory, model: configuration.model,
      permissionMode: Self.permissionMode(configuration), environment: environment)
  }

  /// Codex's name for how commands are approved: never asking is `bypassPermissions`.
  static func permissionMode(_ configuration: Configuration) -> String {
    configuration.approvalPolicy == .never ? "bypassPermissions" : "default"
  }

  /// Runs `event`'s hooks and reports their warnings.
  func runHooks(
    _ event: HookEvent, matching name: String? = nil, turnID: String?, fields: JSONObject,
    emit: @Sendable (EngineEvent) -> Void
  ) async -> HookVerdict {
    let hooks = configuration.hooks
    guard hooks.watches(event, name) else { return HookVerdict() }
    let verdict = await hooks.run(
      event, matching: name, context: hookContext(turnID: turnID), fields: fields)
    verdict.warnings.forEach { emit(.warning($0)) }
    return verdict
  }

  /// SessionStart, once in this process, before the first turn: what the hooks print
  /// goes to the model as developer messages.
  func startHooks(emit: @Sendable (EngineEvent) -> Void) async {
    guard !sessionStartRan else { return }
    sessionStartRan = true
    let verdict = await runHooks(
      .sessionStart, matching: startSource, turnID: nil,
      fields: ["source": .string(startSource)], emit: emit)
    verdict.contexts.forEach { append(.developer($0)) }
  }

  /// PreCompact or PostCompact, for a compaction asked for (`manual`) or automatic.
  func compactHooks(_ event: HookEvent, trigger: String, emit: @Sendable (EngineEvent) -> Void)
    async
  {
    _ = await runHooks(
      event, matching: trigger, turnID: nil, fields: ["trigger": .string(trigger)], emit: emit)
  }
}

extension Session {
  /// Skills asked for with `/skills NAME` join the next prompt.
  public func useSkill(_ skill: Skill) {
    pendingSkills.append(skill)
  }

  /// Adds the body of each skill the prompt names (`$NAME`) or `/skills` chose, after
  /// the prompt, as Codex does.
  func useSkills(mentionedIn prompt: String, emit: @Sendable (EngineEvent) -> Void) {
    var chosen = pendingSkills
    pendingSkills = []
    for skill in configuration.skills.mentioned(in: prompt) where !chosen.contains(skill) {
      chosen.append(skill)
    }
    for skill in chosen {
      guard let message = skill.useMessage() else {
        emit(.warning("skill `\(skill.name)`: \(skill.path) cannot be read"))
        continue
      }
      append(.user(message))
    }
  }
}
