#define _GNU_SOURCE
#include "editline_library.h"
#include "CEditLineShim.h"

#include <dlfcn.h>
#include <pthread.h>

EditLine *(*codex_fn_el_init)(const char *, FILE *, FILE *, FILE *);
void (*codex_fn_el_end)(EditLine *);
int (*codex_fn_el_set)(EditLine *, int, ...);
int (*codex_fn_el_get)(EditLine *, int, ...);
const char *(*codex_fn_el_gets)(EditLine *, int *);
const LineInfo *(*codex_fn_el_line)(EditLine *);
int (*codex_fn_el_source)(EditLine *, const char *);
int (*codex_fn_el_insertstr)(EditLine *, const char *);
void (*codex_fn_el_deletestr)(EditLine *, int);
int (*codex_fn_el_cursor)(EditLine *, int);
History *(*codex_fn_history_init)(void);
void (*codex_fn_history_end)(History *);
int (*codex_fn_history)(History *, HistEvent *, int, ...);

static pthread_once_t once = PTHREAD_ONCE_INIT;
static const char *problem;

static void load(void) {
  void *library = dlopen("libedit.so.2", RTLD_NOW | RTLD_LOCAL);
  if (!library) library = dlopen("libedit.so", RTLD_NOW | RTLD_LOCAL);
  if (!library) {
    problem = "libedit is not installed (Debian package libedit2: apt-get install libedit2)";
    return;
  }
#define BIND(name)                                                   \
  *(void **)(&codex_fn_##name) = dlsym(library, #name);              \
  if (!codex_fn_##name) {                                            \
    problem = "the installed libedit lacks " #name "; install libedit2"; \
    return;                                                          \
  }
  BIND(el_init) BIND(el_end) BIND(el_set) BIND(el_get) BIND(el_gets) BIND(el_line)
  BIND(el_source) BIND(el_insertstr) BIND(el_deletestr) BIND(el_cursor) BIND(history_init) BIND(history_end)
  BIND(history)
#undef BIND
}

int codex_editline_load(void) {
  pthread_once(&once, load);
  return problem ? -1 : 0;
}

const char *codex_editline_problem(void) {
  pthread_once(&once, load);
  return problem;
}
