import Foundation

/// What a session tells the model about where it works, and what its history weighs.
extension Session {
  /// The history's size in tokens, estimated from its text (about 4 bytes a token), for
  /// saying what compaction saved.
  public var estimatedTokens: Int {
    let bytes = items.reduce(instructions.utf8.count) { total, item in
      switch item {
      case .user(let text), .developer(let text), .assistant(let text): total + text.utf8.count
      case .functionCall(_, let name, let arguments, _):
        total + name.utf8.count + arguments.utf8.count
      case .customToolCall(_, let name, let input): total + name.utf8.count + input.utf8.count
      case .functionOutput(_, let output), .customToolOutput(_, let output):
        total + output.utf8.count
      case .reasoning(let text, let encrypted):
        total + text.utf8.count + (encrypted?.utf8.count ?? 0)
      case .userImage(let url): total + url.utf8.count
      }
    }
    return (bytes + 3) / 4
  }

  /// A saved conversation without its environment contexts and developer instructions,
  /// which those of now replace (a Codex session may hold several of each).
  static func carriedOver(_ items: [ConversationItem]) -> [ConversationItem] {
    items.filter {
      switch $0 {
      case .developer: return false
      case .user(let text): return !text.hasPrefix("<environment_context>")
      default: return true
      }
    }
  }

  /// The first user message of a session, describing where the model works now.
  static func environmentContext(_ configuration: Configuration, _ environment: [String: String])
    -> String
  {
    Instructions.environmentContext(
      workingDirectory: configuration.workingDirectory,
      approvalPolicy: configuration.approvalPolicy,
      sandbox: configuration.sandboxPolicy, shell: environment["SHELL"] ?? "/bin/sh")
  }
}
