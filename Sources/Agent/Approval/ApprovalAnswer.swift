/// The user's answer to an approval question.
public enum ApprovalAnswer: Sendable, Equatable {
  /// Run it this time.
  case approve
  /// Run it, and this exact command again without asking, for the rest of the session.
  case approveForSession
  /// Run it, and every command starting with the question's `proposedRule` from now on:
  /// the rule is written to the user's rules file.
  case approveRule
  /// Do not run it; the model is told.
  case deny
  /// Stop the turn.
  case abort
}
