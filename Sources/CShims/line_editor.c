#include "CLineEditor.h"

#include <histedit.h>
#include <locale.h>
#include <stdlib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct codex_editor {
  EditLine *el;
  History *history;
  HistEvent event;
  char *history_path;
  char *prompt;
  char *line;
  int ascii_only;
};

// libedit asks for the prompt through a callback; it is kept on the editor.
static char *prompt_callback(EditLine *el) {
  codex_editor *editor = NULL;
  el_get(el, EL_CLIENTDATA, &editor);
  return editor && editor->prompt ? editor->prompt : "";
}

codex_editor *codex_editor_open(const char *program, const char *history_path, int history_size) {
  codex_editor *editor = calloc(1, sizeof *editor);
  if (!editor) return NULL;
  // libedit converts the prompt and input as multibyte text: without the user's
  // character type it fails on the first non-ASCII character (and crashes).
  setlocale(LC_CTYPE, "");
  if (MB_CUR_MAX == 1 && !setlocale(LC_CTYPE, "C.UTF-8")) editor->ascii_only = 1;
  if (MB_CUR_MAX == 1) editor->ascii_only = 1;
  editor->el = el_init(program, stdin, stdout, stderr);
  editor->history = history_init();
  if (!editor->el || !editor->history) {
    codex_editor_close(editor);
    return NULL;
  }
  history(editor->history, &editor->event, H_SETSIZE, history_size);
  history(editor->history, &editor->event, H_SETUNIQUE, 1);
  if (history_path) {
    editor->history_path = strdup(history_path);
    history(editor->history, &editor->event, H_LOAD, history_path);
  }
  el_set(editor->el, EL_CLIENTDATA, editor);
  el_set(editor->el, EL_EDITOR, "emacs");
  el_set(editor->el, EL_PROMPT, prompt_callback);
  el_set(editor->el, EL_HIST, history, editor->history);
  el_set(editor->el, EL_BIND, "^R", "em-inc-search-prev", NULL);
  el_set(editor->el, EL_SIGNAL, 1);
  el_source(editor->el, NULL);
  return editor;
}

const char *codex_editor_read(codex_editor *editor, const char *prompt) {
  free(editor->prompt);
  editor->prompt = strdup(prompt ? prompt : "");
  if (editor->prompt && editor->ascii_only) {
    // Without a multibyte locale, show each non-ASCII character as one '*'.
    char *out = editor->prompt;
    for (const char *in = editor->prompt; *in; in++) {
      unsigned char byte = (unsigned char)*in;
      if (byte < 0x80) *out++ = *in;
      else if ((byte & 0xC0) != 0x80) *out++ = '*';
    }
    *out = '\0';
  }
  int count = 0;
  const char *text = el_gets(editor->el, &count);
  if (!text || count <= 0) return NULL;
  free(editor->line);
  editor->line = strdup(text);
  if (!editor->line) return NULL;
  size_t length = strlen(editor->line);
  if (length > 0 && editor->line[length - 1] == '\n') editor->line[length - 1] = '\0';
  return editor->line;
}

void codex_editor_add_history(codex_editor *editor, const char *line) {
  history(editor->history, &editor->event, H_ENTER, line);
}

void codex_editor_close(codex_editor *editor) {
  if (!editor) return;
  if (editor->history && editor->history_path)
    history(editor->history, &editor->event, H_SAVE, editor->history_path);
  if (editor->el) el_end(editor->el);
  if (editor->history) history_end(editor->history);
  free(editor->history_path);
  free(editor->prompt);
  free(editor->line);
  free(editor);
}
