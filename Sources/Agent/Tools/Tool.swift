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
  /// Runs the call under `attempt`, the sandbox the orchestrator chose (unconfined only
  /// when the user or the policy allowed that).
  func run(_ arguments: Arguments, attempt: SandboxAttempt, in context: ToolContext) async throws
    -> ToolResult
  /// Whether this call only reads, needs no approval and may run beside others.
  func isReadOnly(_ arguments: Arguments) -> Bool
  /// Whether every file this call changes is recorded with its contents before (a
  /// patch): `/undo` then needs no snapshot of the working tree for it.
  func recordsItsChanges(_ arguments: Arguments) -> Bool
  /// The call as hooks see it: Codex's tool name (`Bash`, `apply_patch`,
  /// `mcp__SERVER__TOOL`) and `tool_input`; nil for tools hooks do not watch.
  func hookView(_ arguments: Arguments) -> HookToolView?
}

/// A tool call as lifecycle hooks are told of it.
public struct HookToolView: Sendable {
  public var name: String
  public var input: JSONValue
  /// For a command: its text, as a blocked call's message quotes it.
  public var command: String?

  public init(name: String, input: JSONValue, command: String? = nil) {
    self.name = name
    self.input = input
    self.command = command
  }
}

extension Tool {
  /// The name the model calls it by.
  public var name: String { spec.name }

  /// A tool's calls are not read-only unless it says so.
  public func isReadOnly(_ arguments: Arguments) -> Bool { false }

  /// A tool's changes are not recorded unless it says so.
  public func recordsItsChanges(_ arguments: Arguments) -> Bool { false }

  /// Hooks do not watch a tool unless it says how they see it.
  public func hookView(_ arguments: Arguments) -> HookToolView? { nil }

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
    } catch DecodingError.dataCorrupted(let context) where context.codingPath.isEmpty {
      throw ToolArgumentError(
        description: "the arguments are not valid JSON (\(text.utf8.count) bytes received); "
          + "send one JSON object that fits the tool's schema")
    } catch {
      throw ToolArgumentError(description: "the arguments are not a JSON object of this schema")
    }
  }
}
