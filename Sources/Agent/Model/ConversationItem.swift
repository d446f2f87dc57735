import Foundation

/// One entry of a conversation as the model sees it.
public enum ConversationItem: Sendable, Equatable {
  case user(String)
  /// An image the user attached, as a `data:` URL.
  case userImage(dataURL: String)
  case assistant(String)
  /// The model asks to run a tool; `arguments` is JSON text.
  case functionCall(callID: String, name: String, arguments: String)
  /// A tool's result, sent back to the model.
  case functionOutput(callID: String, output: String)
  /// A reasoning summary the model produced (kept for the record; not sent back).
  case reasoning(String)
}
