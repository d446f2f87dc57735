#ifndef CODEX_CLINEEDITOR_H
#define CODEX_CLINEEDITOR_H

// A small line editor over libedit's native API (el_* and history, both variadic).
typedef struct codex_editor codex_editor;

/// Opens an emacs-style editor on stdin/stdout with history loaded from
/// `history_path` (may be NULL) and bounded to `history_size` entries.
codex_editor *codex_editor_open(const char *program, const char *history_path, int history_size);
/// Reads one line (without its newline) after showing `prompt`; NULL at end of input.
/// The text stays valid until the next call.
const char *codex_editor_read(codex_editor *editor, const char *prompt);
void codex_editor_add_history(codex_editor *editor, const char *line);
/// Saves the history and frees the editor.
void codex_editor_close(codex_editor *editor);

#endif
