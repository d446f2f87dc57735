import Foundation
import Sandbox

/// `apply_patch`: edits files with a Codex patch, all or nothing, where the sandbox's
/// write rule allows (anywhere else only once the user approved).
public struct ApplyPatchTool: Tool {
  /// The arguments as Codex's `apply_patch` function tool defines them.
  public struct Arguments: Decodable, Sendable {
    /// The whole patch, `*** Begin Patch` to `*** End Patch`.
    public var input: String
  }

  /// The tool; `freeform` offers it as a custom tool taking the patch as it is (the
  /// form Codex's current models are tuned on), on the wires that have such tools.
  public init(freeform: Bool = false) {
    spec = ToolSpec(
      name: "apply_patch",
      description:
        "Edit files with a patch: *** Begin Patch, *** Add File: / *** Delete File: / *** Update File: (with @@ sections of ' ', '-', '+' lines), *** End Patch.",
      parameters: """
        {"type":"object","properties":{"input":{"type":"string","description":"The whole patch."}},
         "required":["input"],"additionalProperties":false}
        """, grammar: freeform ? Self.grammar : nil)
    self.freeform = freeform
  }

  /// Offered as a freeform tool: its success is reported as Codex reports a freeform
  /// patch's, with an exit code and wall time above the list of files.
  let freeform: Bool

  /// The schema the model sees.
  public let spec: ToolSpec

  /// The patch language as a Lark grammar, for freeform calls.
  static let grammar = """
    start: begin operation+ end
    begin: "*** Begin Patch" NL
    end: "*** End Patch" NL?
    operation: added_file | deleted_file | updated_file
    added_file: "*** Add File: " path NL plus_line+
    deleted_file: "*** Delete File: " path NL
    updated_file: "*** Update File: " path NL renamed? section+
    renamed: "*** Move to: " path NL
    section: header? change+ file_end?
    header: "@@" (" " TEXT)? NL
    change: (" " | "-" | "+") TEXT? NL
    plus_line: "+" TEXT? NL
    file_end: "*** End of File" NL
    path: TEXT
    TEXT: /[^\n]+/
    NL: "\n"
    """

  /// The patch parsed and worked out against the files, or why it cannot be.
  func prepare(_ arguments: Arguments, _ context: ToolContext) -> Result<
    (Patch, [FileChange]), PatchError
  > {
    Result {
      let patch = try PatchParser.parse(arguments.input)
      let changes = try PatchApplier(workingDirectory: context.workingDirectory).plan(patch)
      return (patch, changes)
    }.mapError { $0 as? PatchError ?? PatchError("\($0)") }
  }

  /// What the write rule says of every path the patch writes, refusals only.
  func refusals(_ changes: [FileChange], _ context: ToolContext) -> [String] {
    let area = WritableArea(
      policy: context.policy, workingDirectory: context.workingDirectory,
      environment: context.environment)
    let paths = changes.flatMap { [$0.path] + ($0.movedTo.map { [$0] } ?? []) }
    return paths.compactMap {
      area.check($0, workingDirectory: context.workingDirectory).explanation
    }
  }

  /// Parses and plans the patch first (a bad patch is answered at once). Writes inside the
  /// writable roots run (under `untrusted` every patch is asked about); others are asked
  /// about, or refused under `never`.
  public func requirement(for arguments: Arguments, in context: ToolContext) async
    -> ToolRequirement
  {
    let changes: [FileChange]
    switch prepare(arguments, context) {
    case .failure(let error):
      context.emit(.patchFailed(callID: context.callID, message: error.message))
      return .answered(ToolResult(output: "patch not applied, no file changed: \(error.message)"))
    case .success(let prepared): changes = prepared.1
    }
    let refused = context.policy.mode == .dangerFullAccess ? [] : refusals(changes, context)
    return ToolRequirement(
      PatchApproval.decide(
        approvalPolicy: context.approvalPolicy, sandboxMode: context.policy.mode,
        refusals: refused))
  }

  /// The files it changes and the diff it would apply.
  public func question(for arguments: Arguments, reason: String, in context: ToolContext)
    -> ApprovalQuestion
  {
    let changes = (try? prepare(arguments, context).get().1) ?? []
    var question = ApprovalQuestion(
      kind: .patch, command: ["apply_patch"] + changes.map(\.summary),
      workingDirectory: context.workingDirectory, reason: reason,
      diff: changes.map(\.diff).joined())
    question.files = changes.flatMap { [$0.path] + ($0.movedTo.map { [$0] } ?? []) }
    return question
  }

  /// Tells the model the patch was not applied and why.
  public func declined(_ arguments: Arguments, reason: String, in context: ToolContext) -> String {
    context.emit(.patchFailed(callID: context.callID, message: reason))
    return "patch not applied: \(reason)"
  }

  /// Every file a patch changes is recorded with its contents before.
  public func recordsItsChanges(_ arguments: Arguments) -> Bool { true }

  /// Hooks see the patch as Codex's `apply_patch` tool: `{"command": PATCH}`.
  public func hookView(_ arguments: Arguments) -> HookToolView? {
    HookToolView(name: "apply_patch", input: ["command": .string(arguments.input)])
  }

  /// Applies the patch, all or nothing (through the confined writer when sandboxed), and
  /// reports the changed files.
  public func run(_ arguments: Arguments, attempt: SandboxAttempt, in context: ToolContext)
    async throws
    -> ToolResult
  {
    let start = ContinuousClock.now
    let applier = PatchApplier(workingDirectory: context.workingDirectory)
    let writer = attempt.fileWriter(
      workingDirectory: context.workingDirectory, environment: context.environment)
    do {
      let patch = try PatchParser.parse(arguments.input)
      if case .success(let prepared) = prepare(arguments, context) {
        context.emit(.patchBegin(callID: context.callID, changes: prepared.1))
      }
      let changes = try applier.apply(patch, writer: writer)
      changes.forEach { context.recordChange($0, applier) }
      context.emit(.patchApplied(callID: context.callID, changes: changes))
      let report =
        "Success. Updated the following files:\n"
        + changes.map(\.summary).joined(separator: "\n")
      guard freeform else { return ToolResult(output: report) }
      let wall = String(format: "%.1f", (ContinuousClock.now - start).inSeconds)
      return ToolResult(output: "Exit code: 0\nWall time: \(wall) seconds\nOutput:\n\(report)\n")
    } catch let error as PatchError {
      context.emit(.patchFailed(callID: context.callID, message: error.message))
      return ToolResult(output: "patch not applied, no file changed: \(error.message)")
    } catch let denied as SandboxedWriteDenied {
      context.emit(.patchFailed(callID: context.callID, message: denied.description))
      return ToolResult(
        output: "patch not applied, no file changed: \(denied.description)",
        sandboxDenial: denied.description)
    }
  }
}
