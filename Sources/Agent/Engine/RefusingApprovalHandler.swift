/// For front-ends without a person: every question is answered "no".
public struct RefusingApprovalHandler: ApprovalHandler {
  /// The handler.
  public init() {}
  /// Always no.
  public func answer(_ question: ApprovalQuestion) async -> ApprovalAnswer { .deny }
}
