internal import CEditLineShim
import Foundation

/// Reads lines with libedit on a terminal: emacs keys, Up/Down history, Ctrl-R search,
/// Tab completion, history kept in `$CODEX_HOME/history` across runs.
// @unchecked Sendable: the C editor is only used by the REPL's reading loop, one call at a
// time; the completion closure is kept under `lock`.
public final class LineEditor: @unchecked Sendable {
  /// What a read gave.
  public enum Reading: Equatable, Sendable {
    case line(String)
    /// Ctrl-C; a line with text is abandoned.
    case interrupted(emptyLine: Bool)
    /// Ctrl-D on an empty line, or the terminal went away.
    case end
  }

  /// Completion for the text before the cursor: the UTF-8 offset where the replaced
  /// word starts, and the candidates.
  public typealias Completion = @Sendable (String) -> (start: Int, candidates: [String])

  private let editor: OpaquePointer
  private let lock = NSLock()
  private var completion: Completion?

  /// Opens the editor on the terminal, with the history file at `historyPath` (kept to
  /// `historySize` entries); nil when libedit cannot start.
  public init?(historyPath: String?, historySize: Int = 1000) {
    guard let editor = codex_editor_open("codex", historyPath, Int32(historySize)) else {
      return nil
    }
    self.editor = editor
  }

  deinit { codex_editor_close(editor) }

  /// Why the line editor cannot start (libedit missing, with the package to install), or
  /// nil.
  public static var problem: String? { codex_editline_problem().map { String(cString: $0) } }

  /// Binds Tab to `completion`.
  public func complete(with completion: @escaping Completion) {
    self.completion = completion
    let context = Unmanaged.passUnretained(self).toOpaque()
    codex_editor_set_completer(
      editor,
      { context, line, start in
        guard let context, let line, let start else { return nil }
        let editor = Unmanaged<LineEditor>.fromOpaque(context).takeUnretainedValue()
        guard let result = editor.completion?(String(cString: line)), !result.candidates.isEmpty
        else { return nil }
        start.pointee = Int32(result.start)
        return strdup(result.candidates.joined(separator: "\n"))
      }, context)
  }

  /// Shows `prompt` and reads one line, with editing, history and completion.
  public func read(prompt: String) -> Reading {
    lock.withLock {
      guard let text = codex_editor_read(editor, prompt) else {
        let interrupted = codex_editor_interrupted(editor)
        return interrupted == 0 ? .end : .interrupted(emptyLine: interrupted == 1)
      }
      return .line(String(cString: text))
    }
  }

  /// Adds a line to the history (Up recalls it; it is saved at exit).
  public func remember(_ line: String) {
    guard !line.trimmingCharacters(in: .whitespaces).isEmpty else { return }
    lock.withLock { codex_editor_add_history(editor, line) }
  }
}
