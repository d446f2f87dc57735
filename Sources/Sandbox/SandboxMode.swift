/// What commands may touch.
public enum SandboxMode: String, Sendable, CaseIterable, Codable {
  /// Read anything, write nothing (but `/dev/null`), no network.
  case readOnly = "read-only"
  /// Also write the working directory, writable roots and temporary directories.
  case workspaceWrite = "workspace-write"
  /// No restrictions.
  case dangerFullAccess = "danger-full-access"

  /// Reads a mode name; an unknown one is an error listing the valid names.
  public init(from decoder: any Decoder) throws {
    self = try PolicyValue.decode(from: decoder, name: "a sandbox mode")
  }
}
