import Agent
import Foundation
import Sandbox

/// The arguments of the `codex` tool of `codex mcp-server`, checked.
public struct CodexToolRequest: Sendable {
  /// The prompt to run.
  public var prompt: String
  /// The settings the call asked for (model, profile, policies, cwd, config).
  public var overrides: CommandLineOverrides
  /// Instructions replacing the built-in ones.
  public var baseInstructions: String?

  /// The `codex` tool's input schema (Codex CLI's argument names).
  public static let schema: JSONValue = .object([
    "type": "object",
    "properties": .object([
      "prompt": .object(["type": "string", "description": "The first prompt of the session."]),
      "model": .object(["type": "string", "description": "Model name, e.g. o3."]),
      "profile": .object(["type": "string", "description": "A profile of config.toml."]),
      "cwd": .object([
        "type": "string", "description": "Working directory (default: the server's).",
      ]),
      "approval-policy": .object([
        "type": "string", "enum": .array(ApprovalPolicy.allCases.map { .string($0.rawValue) }),
      ]),
      "sandbox": .object([
        "type": "string", "enum": .array(SandboxMode.allCases.map { .string($0.rawValue) }),
      ]),
      "config": .object([
        "type": "object",
        "description": "Settings as in config.toml, e.g. {\"model_reasoning_effort\": \"high\"}.",
      ]),
      "base-instructions": .object([
        "type": "string", "description": "Replaces the built-in instructions.",
      ]),
    ]),
    "required": .array(["prompt"]),
  ])

  /// The `codex-reply` tool's input schema.
  public static let replySchema: JSONValue = .object([
    "type": "object",
    "properties": .object([
      "conversationId": .object([
        "type": "string", "description": "The session id a `codex` call returned.",
      ]),
      "threadId": .object(["type": "string", "description": "Same as conversationId."]),
      "prompt": .object(["type": "string", "description": "The next prompt."]),
    ]),
    "required": .array(["prompt"]),
  ])

  /// Reads the `codex` tool's arguments; a missing prompt or a wrong type is an error
  /// naming the argument.
  public static func parse(_ arguments: JSONObject) throws -> CodexToolRequest {
    guard let prompt = arguments["prompt"]?.string, !prompt.isEmpty else {
      throw MCPServerError("`prompt` is required and must be a non-empty string")
    }
    var overrides = CommandLineOverrides()
    overrides.model = try string(arguments, "model")
    overrides.profile = try string(arguments, "profile")
    overrides.workingDirectory = try string(arguments, "cwd")
    if let text = try string(arguments, "approval-policy") {
      guard let policy = ApprovalPolicy(rawValue: text) else {
        throw MCPServerError(
          "approval-policy: \"\(text)\" is not one of "
            + ApprovalPolicy.allCases.map(\.rawValue).joined(separator: ", "))
      }
      overrides.approvalPolicy = policy
    }
    if let text = try string(arguments, "sandbox") {
      guard let mode = SandboxMode(rawValue: text) else {
        throw MCPServerError(
          "sandbox: \"\(text)\" is not one of "
            + SandboxMode.allCases.map(\.rawValue).joined(separator: ", "))
      }
      overrides.sandboxMode = mode
    }
    if let config = arguments["config"] {
      guard case .object(let table) = config else {
        throw MCPServerError("`config` must be an object of settings")
      }
      overrides.settings = settings(table, prefix: [])
    }
    return CodexToolRequest(
      prompt: prompt, overrides: overrides,
      baseInstructions: try string(arguments, "base-instructions"))
  }

  /// `-c`-style `key.path=value` settings; nested objects become dotted keys and
  /// values are written as JSON, which reads as the same TOML value.
  static func settings(_ table: JSONObject, prefix: [String]) -> [String] {
    table.keys.sorted().flatMap { key -> [String] in
      let path = prefix + [key]
      if case .object(let nested) = table[key]! { return settings(nested, prefix: path) }
      return [path.joined(separator: ".") + "=" + table[key]!.text]
    }
  }

  private static func string(_ arguments: JSONObject, _ key: String) throws -> String? {
    guard let value = arguments[key], value != .null else { return nil }
    guard let text = value.string else { throw MCPServerError("`\(key)` must be a string") }
    return text
  }
}
