/// The user's answer to an approval question.
public enum ApprovalAnswer: Sendable, Equatable {
  /// Run it this time.
  case approve
  /// Run it, and this exact command again without asking, for the rest of the session.
  case approveForSession
  /// Do not run it; the model is told.
  case deny
  /// Stop the turn.
  case abort
}
