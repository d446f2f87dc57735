import Sandbox

/// `update_plan`: the model records its plan; front-ends show it as a checklist.
public struct UpdatePlanTool: Tool {
  /// The arguments as Codex's `update_plan` defines them.
  public struct Arguments: Decodable, Sendable {
    /// One step and its status.
    public struct Step: Decodable, Sendable {
      /// What the step is.
      public var step: String
      /// `pending`, `in_progress` or `completed`.
      public var status: String
    }
    /// Why the plan changed, if the model says.
    public var explanation: String?
    /// The whole plan, in order.
    public var plan: [Step]
  }

  /// The tool.
  public init() {}

  /// The schema the model sees, Codex's.
  public let spec = ToolSpec(
    name: "update_plan",
    description:
      "Record the plan for the task as steps with a status; exactly one step is in_progress while working.",
    parameters: """
      {"type":"object","properties":{
        "explanation":{"type":"string"},
        "plan":{"type":"array","items":{"type":"object","properties":{
          "step":{"type":"string"},"status":{"type":"string","enum":["pending","in_progress","completed"]}},
          "required":["step","status"],"additionalProperties":false}}},
       "required":["plan"],"additionalProperties":false}
      """)

  /// Never asks: a plan changes nothing outside the conversation; bad statuses are answered
  /// with an error for the model.
  public func requirement(for arguments: Arguments, in context: ToolContext) async
    -> ToolRequirement
  {
    let unknown = arguments.plan.map(\.status).filter { PlanStep.Status(rawValue: $0) == nil }
    guard unknown.isEmpty else {
      return .answered(
        ToolResult(
          output:
            "error: unknown status \(unknown.map { "`\($0)`" }.joined(separator: ", ")); use pending, in_progress or completed"
        ))
    }
    return .run(sandboxed: false)
  }

  /// Shows the plan (a `planUpdated` event) and tells the model it was updated.
  public func run(_ arguments: Arguments, attempt: SandboxAttempt, in context: ToolContext)
    async throws
    -> ToolResult
  {
    let steps = arguments.plan.compactMap { entry in
      PlanStep.Status(rawValue: entry.status).map { PlanStep(step: entry.step, status: $0) }
    }
    context.emit(.planUpdated(steps))
    return ToolResult(output: "Plan updated")
  }
}
