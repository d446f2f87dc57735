import CShims
import Foundation

/// Reads lines with libedit on a terminal: emacs keys, Up/Down history, Ctrl-R search,
/// history kept in `$CODEX_HOME/history` across runs.
public final class LineEditor: @unchecked Sendable {
  private let editor: OpaquePointer
  private let lock = NSLock()

  public init?(historyPath: String?, historySize: Int = 1000) {
    guard let editor = codex_editor_open("codex", historyPath, Int32(historySize)) else {
      return nil
    }
    self.editor = editor
  }

  deinit { codex_editor_close(editor) }

  /// A line, or nil at the end of input (Ctrl-D).
  public func read(prompt: String) -> String? {
    lock.withLock {
      guard let text = codex_editor_read(editor, prompt) else { return nil }
      return String(cString: text)
    }
  }

  public func remember(_ line: String) {
    guard !line.trimmingCharacters(in: .whitespaces).isEmpty else { return }
    lock.withLock { codex_editor_add_history(editor, line) }
  }
}
