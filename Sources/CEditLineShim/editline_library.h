#ifndef CODEX_EDITLINE_LIBRARY_H
#define CODEX_EDITLINE_LIBRARY_H

// libedit is loaded when the interactive session first opens its line editor, not at
// start-up: `codex --version`, `codex exec` and scripts never map it. The names used in
// line_editor.c call through pointers filled by codex_editline_load (function-like
// macros, so fields of the same name, such as `history`, are left alone).

#include <histedit.h>
#include <stdio.h>

// 0 once libedit is loaded; -1 (with codex_editline_problem set) when it is missing.
int codex_editline_load(void);

extern EditLine *(*codex_fn_el_init)(const char *, FILE *, FILE *, FILE *);
extern void (*codex_fn_el_end)(EditLine *);
extern int (*codex_fn_el_set)(EditLine *, int, ...);
extern int (*codex_fn_el_get)(EditLine *, int, ...);
extern const char *(*codex_fn_el_gets)(EditLine *, int *);
extern const LineInfo *(*codex_fn_el_line)(EditLine *);
extern int (*codex_fn_el_source)(EditLine *, const char *);
extern int (*codex_fn_el_insertstr)(EditLine *, const char *);
extern void (*codex_fn_el_deletestr)(EditLine *, int);
extern int (*codex_fn_el_cursor)(EditLine *, int);
extern History *(*codex_fn_history_init)(void);
extern void (*codex_fn_history_end)(History *);
extern int (*codex_fn_history)(History *, HistEvent *, int, ...);

#define el_init(...) (*codex_fn_el_init)(__VA_ARGS__)
#define el_end(...) (*codex_fn_el_end)(__VA_ARGS__)
#define el_set(...) (*codex_fn_el_set)(__VA_ARGS__)
#define el_get(...) (*codex_fn_el_get)(__VA_ARGS__)
#define el_gets(...) (*codex_fn_el_gets)(__VA_ARGS__)
#define el_line(...) (*codex_fn_el_line)(__VA_ARGS__)
#define el_source(...) (*codex_fn_el_source)(__VA_ARGS__)
#define el_insertstr(...) (*codex_fn_el_insertstr)(__VA_ARGS__)
#define el_deletestr(...) (*codex_fn_el_deletestr)(__VA_ARGS__)
#define el_cursor(...) (*codex_fn_el_cursor)(__VA_ARGS__)
#define history_init(...) (*codex_fn_history_init)(__VA_ARGS__)
#define history_end(...) (*codex_fn_history_end)(__VA_ARGS__)
#define history(...) (*codex_fn_history)(__VA_ARGS__)

#endif
