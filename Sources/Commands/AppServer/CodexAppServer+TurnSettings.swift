import Agent
import Foundation
import Sandbox

extension CodexAppServer {
  /// A turn's own settings (`model`, `effort`, `summary`, `cwd`, `approvalPolicy`,
  /// `sandboxPolicy`, `outputSchema`), which hold for this turn and the ones after it, as
  /// in Codex. A bad value is an invalid-params error naming the field.
  func applyTurnSettings(_ params: JSONValue, to session: Session) throws {
    var configuration = session.configuration
    if let model = params["model"]?.string, model != configuration.model {
      // A new model brings its own catalog defaults; the thread's policies stay.
      var overrides = base
      overrides.model = model
      overrides.workingDirectory = configuration.workingDirectory
      overrides.approvalPolicy = configuration.approvalPolicy
      overrides.sandboxMode = configuration.sandboxMode
      do {
        var reloaded = try ConfigLoader(environment: environment).load(overrides)
        reloaded.workspaceWrite = configuration.workspaceWrite
        configuration = reloaded
      } catch let error as ConfigError {
        throw JSONRPCError.invalidParams("model: \(error.message)")
      }
    }
    if let cwd = params["cwd"]?.string {
      var isDirectory: ObjCBool = false
      guard cwd.hasPrefix("/"), FileManager.default.fileExists(atPath: cwd, isDirectory: &isDirectory),
        isDirectory.boolValue
      else { throw JSONRPCError.invalidParams("cwd: \(cwd) is not an absolute path to a folder") }
      configuration.workingDirectory = cwd
    }
    if let effort = params["effort"]?.string {
      guard let value = ReasoningEffort(rawValue: effort) else {
        throw JSONRPCError.invalidParams("effort: \(effort) is not a reasoning effort")
      }
      configuration.reasoningEffort = value
    }
    if let summary = params["summary"]?.string {
      guard let value = ReasoningSummary(rawValue: summary) else {
        throw JSONRPCError.invalidParams("summary: \(summary) is not a reasoning summary")
      }
      configuration.reasoningSummary = value
    }
    if let policy = params["approvalPolicy"]?.string {
      guard let value = ApprovalPolicy(rawValue: policy) else {
        throw JSONRPCError.invalidParams("approvalPolicy: \(policy) is not an approval policy")
      }
      configuration.approvalPolicy = value
    }
    if let sandbox = params["sandboxPolicy"], sandbox != .null {
      switch sandbox["type"]?.string {
      case "readOnly"?: configuration.sandboxMode = .readOnly
      case "dangerFullAccess"?: configuration.sandboxMode = .dangerFullAccess
      case "workspaceWrite"?:
        configuration.sandboxMode = .workspaceWrite
        if let roots = sandbox["writableRoots"]?.array {
          configuration.workspaceWrite.writableRoots = roots.compactMap(\.string)
        }
        if let network = sandbox["networkAccess"]?.bool {
          configuration.workspaceWrite.networkAccess = network
        }
      default:
        throw JSONRPCError.invalidParams(
          "sandboxPolicy.type: expected readOnly, workspaceWrite or dangerFullAccess")
      }
    }
    if let schema = params["outputSchema"], schema != .null {
      guard schema.object != nil else {
        throw JSONRPCError.invalidParams("outputSchema: a JSON Schema object is required")
      }
      configuration.outputSchema = schema
    }
    session.configuration = configuration
  }
}
