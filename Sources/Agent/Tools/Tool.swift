import Foundation
import Sandbox

/// One tool the model can call: its name and schema, its arguments decoded from the
/// call, what it needs approved, and how it runs.
///
/// Every call goes through `ToolOrchestrator`: the tool says what it requires
/// (run, ask, forbidden), the orchestrator asks the user when needed, runs the first
/// attempt (under the sandbox when the requirement says so) and, when the sandbox
/// denied it and the policy allows, asks to run it again without.
public protocol Tool: Sendable {
  associatedtype Arguments: Decodable & Sendable
  var spec: ToolSpec { get }
  /// The arguments of a call, from the model's JSON; a thrown `ToolArgumentError` is
  /// what the model is told.
  func decode(_ text: String) throws -> Arguments
  /// What this call needs before it may run. Pure apart from reading files.
  func requirement(for arguments: Arguments, in context: ToolContext) async -> ToolRequirement
  /// The question put to the user about this call.
  func question(for arguments: Arguments, reason: String, in context: ToolContext)
    -> ApprovalQuestion
  /// The call will not run (forbidden, or the user said no): report it and return what
  /// the model is told.
  func declined(_ arguments: Arguments, reason: String, in context: ToolContext) -> String
  /// Runs the call; `sandboxed` is false only when the user or the policy allowed that.
  func run(_ arguments: Arguments, sandboxed: Bool, in context: ToolContext) async throws
    -> ToolResult
}

/// What a call needs before it runs.
public enum ToolRequirement: Sendable {
  /// Run without asking (under the sandbox when `sandboxed`).
  case run(sandboxed: Bool)
  /// Ask the user first, saying why; once approved, run (under the sandbox when
  /// `sandboxed`).
  case ask(reason: String, sandboxed: Bool)
  /// Do not run; the model is told why.
  case forbidden(String)
  /// Nothing to run: the call is answered already (a patch that does not parse).
  case answered(ToolResult)
}

/// What a call gives back to the model.
public struct ToolResult: Sendable {
  /// The text the model reads.
  public var output: String
  /// Set when the sandbox refused something the call needed: the reason, shown when
  /// asking whether to run the call again without the sandbox.
  public var sandboxDenial: String?

  /// A result; `sandboxDenial` only when the sandbox refused the call.
  public init(output: String, sandboxDenial: String? = nil) {
    self.output = output
    self.sandboxDenial = sandboxDenial
  }
}

/// A call the model made.
public struct ToolCall: Sendable, Equatable {
  /// The call's id, which its output must carry back.
  public var id: String
  /// The tool's name as the model used it.
  public var name: String
  /// The arguments as the model sent them (JSON text).
  public var arguments: String

  /// A call as the model made it.
  public init(id: String, name: String, arguments: String) {
    self.id = id
    self.name = name
    self.arguments = arguments
  }
}

/// What a tool sees of the session while it runs.
public struct ToolContext: Sendable {
  /// The call being handled.
  public var callID: String
  /// The session's configuration at the time of the call.
  public var configuration: Configuration
  /// codex's own environment (commands get `shell_environment_policy`'s view of it).
  public var environment: [String: String]
  /// What runs processes (a fake in tests).
  public var executor: any CommandExecutor
  /// The session's MCP servers, if any are configured.
  public var mcp: MCPServers?
  /// Reports progress (command output, patches) to the front-end.
  public var emit: @Sendable (EngineEvent) -> Void
  /// Called with each file a patch changed, for `/diff` and `/undo`.
  public var recordChange: @Sendable (FileChange, PatchApplier) -> Void

  /// The session's working directory.
  public var workingDirectory: String { configuration.workingDirectory }
  /// The session's sandbox policy.
  public var policy: SandboxPolicy { configuration.sandboxPolicy }
  /// The session's approval policy.
  public var approvalPolicy: ApprovalPolicy { configuration.approvalPolicy }
}

/// Arguments that do not fit a tool's schema; the model gets the message.
public struct ToolArgumentError: Error, CustomStringConvertible {
  /// What is wrong with the arguments, for the model.
  public var description: String
}

extension Tool {
  /// The name the model calls it by.
  public var name: String { spec.name }

  /// Tools that never ask have no question; this one is never shown.
  public func question(for arguments: Arguments, reason: String, in context: ToolContext)
    -> ApprovalQuestion
  {
    ApprovalQuestion(command: [name], workingDirectory: context.workingDirectory, reason: reason)
  }

  /// What the model is told when the call is not run.
  public func declined(_ arguments: Arguments, reason: String, in context: ToolContext) -> String {
    "not run: \(reason)"
  }

  /// Decodes the model's JSON; an error says what is wrong in words the model can act on.
  public func decode(_ text: String) throws -> Arguments {
    let data = Data((text.isEmpty ? "{}" : text).utf8)
    do {
      return try JSONDecoder().decode(Arguments.self, from: data)
    } catch DecodingError.keyNotFound(let key, _) {
      throw ToolArgumentError(description: "missing argument `\(key.stringValue)`")
    } catch DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context)
    {
      let path = context.codingPath.map(\.stringValue).joined(separator: ".")
      throw ToolArgumentError(
        description: "argument `\(path)` has the wrong type: \(context.debugDescription)")
    } catch {
      throw ToolArgumentError(description: "the arguments are not a JSON object of this schema")
    }
  }
}
