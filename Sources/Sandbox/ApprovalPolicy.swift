/// When the user is asked before a command runs.
public enum ApprovalPolicy: String, Sendable, CaseIterable, Codable {
  /// Ask before any command that is not known to be safe.
  case untrusted
  /// Run in the sandbox; if that fails, ask to run again without it.
  case onFailure = "on-failure"
  /// Run in the sandbox; the model may ask for more with a justification.
  case onRequest = "on-request"
  /// Never ask; failures go back to the model.
  case never

  /// Reads a policy name; an unknown one is an error listing the valid names.
  public init(from decoder: any Decoder) throws {
    self = try PolicyValue.decode(from: decoder, name: "an approval policy")
  }
}
