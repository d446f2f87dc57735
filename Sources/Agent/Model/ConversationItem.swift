import Foundation

/// One entry of a conversation as the model sees it.
public enum ConversationItem: Sendable, Equatable {
  case user(String)
  /// Instructions from the user's configuration (`developer_instructions`), sent with the
  /// developer role (a system message on the Chat wire).
  case developer(String)
  /// An image the user attached, as a `data:` URL.
  case userImage(dataURL: String)
  case assistant(String)
  /// The model asks to run a tool; `arguments` is JSON text. `namespace` groups tools
  /// (Codex's MCP tools: `mcp__SERVER__`); the call names a tool within it.
  case functionCall(callID: String, name: String, arguments: String, namespace: String? = nil)
  /// A tool's result, sent back to the model.
  case functionOutput(callID: String, output: String)
  /// The model calls a custom (freeform) tool: `input` is free text, such as a patch.
  case customToolCall(callID: String, name: String, input: String)
  /// A custom tool's result, sent back to the model.
  case customToolOutput(callID: String, output: String)
  /// A reasoning item the model produced: its summary, and the encrypted reasoning a
  /// provider that does not store responses returns, sent back with the conversation so
  /// the model keeps its chain of thought across calls.
  case reasoning(String, encryptedContent: String? = nil)
}

extension ConversationItem {
  /// The id of a call, function or custom, and whether it is custom.
  var call: (id: String, custom: Bool)? {
    switch self {
    case .functionCall(let id, _, _, _): return (id, false)
    case .customToolCall(let id, _, _): return (id, true)
    default: return nil
    }
  }

  /// Whether it is developer instructions.
  var isDeveloper: Bool {
    if case .developer = self { return true }
    return false
  }

  /// The id of a call's output, function or custom.
  var outputCallID: String? {
    switch self {
    case .functionOutput(let id, _), .customToolOutput(let id, _): return id
    default: return nil
    }
  }

  /// The output item answering a call of that kind.
  static func output(callID: String, custom: Bool, _ text: String) -> ConversationItem {
    custom
      ? .customToolOutput(callID: callID, output: text)
      : .functionOutput(callID: callID, output: text)
  }
}
