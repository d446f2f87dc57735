/// One step of the model's plan (`update_plan`).
public struct PlanStep: Sendable, Equatable {
  /// Where a step stands.
  public enum Status: String, Sendable {
    case pending
    case inProgress = "in_progress"
    case completed
  }
  /// What the step is.
  public var step: String
  /// Where it stands.
  public var status: Status

  /// A step of the plan.
  public init(step: String, status: Status) {
    self.step = step
    self.status = status
  }
}
