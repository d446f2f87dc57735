import Foundation

/// One line of a session log, decoded into the fields resume reads and nothing else:
/// a typed decode skips the rest of each line, which for a large log is most of the
/// work. Every field is optional and read leniently (a value of another type counts as
/// absent), so a line written by another version of Codex still yields what it can.
struct RolloutLine: Decodable {
  var type: String?
  var payload: Payload?

  struct Payload: Decodable {
    var type: String?
    var role: String?
    var id: String?
    var cwd: String?
    var timestamp: String?
    /// A compaction's summary (null when the history was emptied).
    var message: String?
    var content: [Part]?
    var summary: [Part]?
    var callID: String?
    var name: String?
    var arguments: String?
    var output: String?
    var input: String?
    /// A function call's namespace (Codex's MCP tools: `mcp__SERVER__`).
    var namespace: String?
    /// A reasoning item's encrypted content.
    var encryptedContent: String?

    enum CodingKeys: String, CodingKey {
      case type, role, id, cwd, timestamp, message, content, summary, name, arguments, output
      case input, namespace
      case callID = "call_id"
      case encryptedContent = "encrypted_content"
    }

    init(from decoder: Decoder) throws {
      let container = try decoder.container(keyedBy: CodingKeys.self)
      func text(_ key: CodingKeys) -> String? {
        try? container.decodeIfPresent(String.self, forKey: key)
      }
      type = text(.type)
      role = text(.role)
      id = text(.id)
      cwd = text(.cwd)
      timestamp = text(.timestamp)
      message = text(.message)
      callID = text(.callID)
      name = text(.name)
      arguments = text(.arguments)
      output = text(.output)
      input = text(.input)
      namespace = text(.namespace)
      encryptedContent = text(.encryptedContent)
      content = try? container.decodeIfPresent([Part].self, forKey: .content)
      summary = try? container.decodeIfPresent([Part].self, forKey: .summary)
    }
  }

  struct Part: Decodable {
    var text: String?
    var imageURL: String?

    enum CodingKeys: String, CodingKey {
      case text
      case imageURL = "image_url"
    }

    init(from decoder: Decoder) throws {
      let container = try decoder.container(keyedBy: CodingKeys.self)
      text = try? container.decodeIfPresent(String.self, forKey: .text)
      imageURL = try? container.decodeIfPresent(String.self, forKey: .imageURL)
    }
  }

  /// The conversation item a `response_item` payload holds, if it is one resume keeps.
  static func item(_ payload: Payload) -> ConversationItem? {
    let parts = payload.content ?? []
    switch payload.type {
    case "message":
      if payload.role == "developer" { return .developer(parts.compactMap(\.text).joined()) }
      if payload.role == "user" {
        if let url = parts.first?.imageURL { return .userImage(dataURL: url) }
        return .user(parts.compactMap(\.text).joined())
      }
      return .assistant(parts.compactMap(\.text).joined())
    case "function_call":
      return .functionCall(
        callID: payload.callID ?? "", name: payload.name ?? "",
        arguments: payload.arguments ?? "{}", namespace: payload.namespace)
    case "function_call_output":
      return .functionOutput(callID: payload.callID ?? "", output: payload.output ?? "")
    case "custom_tool_call":
      return .customToolCall(
        callID: payload.callID ?? "", name: payload.name ?? "", input: payload.input ?? "")
    case "custom_tool_call_output":
      return .customToolOutput(callID: payload.callID ?? "", output: payload.output ?? "")
    case "reasoning":
      let text = (payload.summary ?? []).compactMap(\.text).joined(separator: "\n")
      if text.isEmpty && payload.encryptedContent == nil { return nil }
      return .reasoning(text, encryptedContent: payload.encryptedContent)
    default:
      return nil
    }
  }
}
