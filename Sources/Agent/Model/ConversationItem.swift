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
  /// The model asks to run a tool; `arguments` is JSON text.
  case functionCall(callID: String, name: String, arguments: String)
  /// A tool's result, sent back to the model.
  case functionOutput(callID: String, output: String)
  /// A reasoning item the model produced: its summary, and the encrypted reasoning a
  /// provider that does not store responses returns, sent back with the conversation so
  /// the model keeps its chain of thought across calls.
  case reasoning(String, encryptedContent: String? = nil)
}
