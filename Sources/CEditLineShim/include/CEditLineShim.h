#ifndef CODEX_CEDITLINESHIM_H
#define CODEX_CEDITLINESHIM_H

// A small line editor over libedit's native API (el_* and history, both variadic).
typedef struct codex_editor codex_editor;

/// Why libedit cannot be used (it is not installed), or NULL when it can. libedit is
/// loaded on first use, never at start-up.
const char *codex_editline_problem(void);
/// Opens an emacs-style editor on stdin/stdout with history loaded from
/// `history_path` (may be NULL) and bounded to `history_size` entries.
codex_editor *codex_editor_open(const char *program, const char *history_path, int history_size);
/// Reads one line (without its newline) after showing `prompt`; NULL at end of input.
/// The text stays valid until the next call.
const char *codex_editor_read(codex_editor *editor, const char *prompt);
void codex_editor_add_history(codex_editor *editor, const char *line);
/// Whether the last read ended with Ctrl-C rather than Ctrl-D: 0 no, 1 on an empty
/// line, 2 on a line with text (which is abandoned).
int codex_editor_interrupted(codex_editor *editor);

/// Computes completions for the text before the cursor. Returns a malloc'd string of
/// candidates separated by '\n' (or NULL for none) and sets `*start` to the byte
/// offset where the replaced word begins.
typedef char *(*codex_completer)(void *context, const char *line, int *start);
/// Binds Tab to `completer`.
void codex_editor_set_completer(codex_editor *editor, codex_completer completer, void *context);

/// Installs a SIGINT handler without SA_RESTART (so blocking reads return EINTR) that
/// writes a byte to a pipe; returns the pipe's read end, or -1.
int codex_interrupt_pipe(void);
/// Saves the history and frees the editor.
void codex_editor_close(codex_editor *editor);

#endif
