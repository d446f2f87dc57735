#define _GNU_SOURCE
#include "CEditLineShim.h"

#include <errno.h>
#include <fcntl.h>
#include "editline_library.h"
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct codex_editor {
  EditLine *el;
  History *history;
  HistEvent event;
  char *history_path;
  char *prompt;
  char *line;
  int ascii_only;
  int interrupted;
  codex_completer completer;
  void *completer_context;
  // The line and cursor at the last Tab that found several candidates and nothing to
  // insert: a second Tab there lists them (one Tab only beeps, as in bash).
  char *ambiguous_line;
};

// libedit asks for the prompt through a callback; it is kept on the editor.
static char *prompt_callback(EditLine *el) {
  codex_editor *editor = NULL;
  el_get(el, EL_CLIENTDATA, &editor);
  return editor && editor->prompt ? editor->prompt : "";
}

static unsigned char interrupt_key(EditLine *el, int ch) {
  (void)ch;
  codex_editor *editor = NULL;
  el_get(el, EL_CLIENTDATA, &editor);
  const LineInfo *info = el_line(el);
  // 1: Ctrl-C on an empty line; 2: a line with text was abandoned.
  if (editor) editor->interrupted = info && info->lastchar > info->buffer ? 2 : 1;
  fputs("^C\n", stdout);
  fflush(stdout);
  return CC_EOF;
}

// Ctrl-D: on an empty line it leaves (without libedit's `^D` on screen), elsewhere it
// deletes the character under the cursor, as in emacs.
static unsigned char end_of_file_key(EditLine *el, int ch) {
  (void)ch;
  const LineInfo *info = el_line(el);
  if (!info || info->lastchar == info->buffer) {
    fputc('\n', stdout);
    fflush(stdout);
    return CC_EOF;
  }
  if (info->cursor >= info->lastchar) return CC_REFRESH_BEEP;
  el_cursor(el, 1);
  el_deletestr(el, 1);
  return CC_REFRESH;
}

// The number of characters (not bytes) in UTF-8 text, as libedit deletes characters.
static int character_count(const char *text, size_t length) {
  int count = 0;
  for (size_t i = 0; i < length; i++)
    if (((unsigned char)text[i] & 0xC0) != 0x80) count++;
  return count;
}

// Inserts the candidates' longest common prefix; with several candidates and nothing
// more to insert, lists them under the line.
static unsigned char complete_key(EditLine *el, int ch) {
  (void)ch;
  codex_editor *editor = NULL;
  el_get(el, EL_CLIENTDATA, &editor);
  if (!editor || !editor->completer) return CC_ERROR;
  const LineInfo *info = el_line(el);
  size_t before = (size_t)(info->cursor - info->buffer);
  char *line = strndup(info->buffer, before);
  if (!line) return CC_ERROR;
  int start = 0;
  char *result = editor->completer(editor->completer_context, line, &start);
  if (start < 0 || (size_t)start > before) start = (int)before;
  size_t typed = before - (size_t)start;
  unsigned char status = CC_REFRESH_BEEP;
  if (result && *result) {
    size_t count = 1, common = strcspn(result, "\n");
    const char *first = result;
    for (const char *p = strchr(result, '\n'); p; p = strchr(p + 1, '\n')) {
      const char *candidate = p + 1;
      if (!*candidate) break;
      count++;
      size_t i = 0;
      while (i < common && candidate[i] && candidate[i] != '\n' && candidate[i] == first[i]) i++;
      common = i;
    }
    // Never cut a UTF-8 character in two.
    while (common > 0 && ((unsigned char)first[common] & 0xC0) == 0x80) common--;
    if (common > typed || (common == typed && strncmp(first, line + start, typed) != 0)) {
      char *insert = strndup(first, common);
      if (insert) {
        el_deletestr(el, character_count(line + start, typed));
        el_insertstr(el, insert);
        free(insert);
      }
      status = CC_REFRESH;
    } else if (count > 1 && !(editor->ambiguous_line && strcmp(editor->ambiguous_line, line) == 0)) {
      // The first Tab here: a beep; the next one lists.
      free(editor->ambiguous_line);
      editor->ambiguous_line = strdup(line);
      status = CC_REFRESH_BEEP;
    } else if (count > 1) {
      free(editor->ambiguous_line);
      editor->ambiguous_line = NULL;
      fputc('\n', stdout);
      for (const char *p = result; *p;) {
        size_t length = strcspn(p, "\n");
        fprintf(stdout, "%.*s  ", (int)length, p);
        p += length;
        if (*p) p++;
      }
      fputc('\n', stdout);
      fflush(stdout);
      status = CC_REDISPLAY;
    } else {
      status = CC_REFRESH;
    }
  }
  free(result);
  free(line);
  return status;
}

codex_editor *codex_editor_open(const char *program, const char *history_path, int history_size) {
  if (codex_editline_load() != 0) return NULL;
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
  el_set(editor->el, EL_HIST, codex_fn_history, editor->history);
  el_set(editor->el, EL_BIND, "^R", "em-inc-search-prev", NULL);
  // Ctrl-C while editing arrives as a key, not a signal: libedit retries a read that a
  // signal interrupted, so a signal would only be seen on the second press.
  el_set(editor->el, EL_SETTY, "-d", "-isig", NULL);
  el_set(editor->el, EL_ADDFN, "codex-interrupt", "abandon the line", interrupt_key);
  el_set(editor->el, EL_BIND, "^C", "codex-interrupt", NULL);
  el_set(editor->el, EL_ADDFN, "codex-end-of-file", "leave, or delete forward", end_of_file_key);
  el_set(editor->el, EL_BIND, "^D", "codex-end-of-file", NULL);
  el_set(editor->el, EL_ADDFN, "codex-complete", "complete the word", complete_key);
  el_set(editor->el, EL_BIND, "^I", "codex-complete", NULL);
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
  editor->interrupted = 0;
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
  // Saved at once, so a killed session (or a closed terminal) keeps its lines.
  if (editor->history_path) history(editor->history, &editor->event, H_SAVE, editor->history_path);
}

int codex_editor_interrupted(codex_editor *editor) { return editor->interrupted; }

void codex_editor_set_completer(codex_editor *editor, codex_completer completer, void *context) {
  editor->completer = completer;
  editor->completer_context = context;
}

static int interrupt_fds[2] = {-1, -1};

static void on_interrupt(int signal_number) {
  (void)signal_number;
  int saved = errno;
  if (interrupt_fds[1] >= 0) (void)!write(interrupt_fds[1], "i", 1);
  errno = saved;
}

int codex_interrupt_pipe(void) {
  if (interrupt_fds[0] >= 0) return interrupt_fds[0];
  if (pipe2(interrupt_fds, O_CLOEXEC) != 0) return -1;
  fcntl(interrupt_fds[1], F_SETFL, O_NONBLOCK);
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_handler = on_interrupt;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;  // no SA_RESTART: a blocking read returns EINTR
  if (sigaction(SIGINT, &action, NULL) != 0) return -1;
  return interrupt_fds[0];
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
  free(editor->ambiguous_line);
  free(editor);
}
