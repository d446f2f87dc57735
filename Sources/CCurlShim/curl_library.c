#define _GNU_SOURCE
#include "curl_library.h"
#include "CCurlShim.h"

#include <dlfcn.h>
#include <pthread.h>

struct codex_curl_functions codex_curl;

static pthread_once_t once = PTHREAD_ONCE_INIT;
static const char *problem;

// Loaded on the first model or MCP request: commands that make none (--version, config,
// debug, a replayed script) never map libcurl and the libraries it pulls in.
static void load(void) {
  const char *names[] = {"libcurl.so.4", "libcurl-gnutls.so.4", "libcurl.so"};
  void *library = NULL;
  for (size_t i = 0; i < sizeof names / sizeof names[0] && !library; i++)
    library = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
  if (!library) {
    problem = "libcurl is not installed (Debian package libcurl4: apt-get install libcurl4)";
    return;
  }
#define BIND(field, name)                                            \
  *(void **)(&codex_curl.field) = dlsym(library, #name);             \
  if (!codex_curl.field) {                                           \
    problem = "the installed libcurl lacks " #name "; install libcurl4 7.68 or later"; \
    return;                                                          \
  }
  BIND(global_init, curl_global_init)
  BIND(easy_init, curl_easy_init)
  BIND(easy_cleanup, curl_easy_cleanup)
  BIND(easy_setopt, curl_easy_setopt)
  BIND(easy_getinfo, curl_easy_getinfo)
  BIND(easy_strerror, curl_easy_strerror)
  BIND(slist_append, curl_slist_append)
  BIND(slist_free_all, curl_slist_free_all)
  BIND(multi_init, curl_multi_init)
  BIND(multi_add_handle, curl_multi_add_handle)
  BIND(multi_remove_handle, curl_multi_remove_handle)
  BIND(multi_perform, curl_multi_perform)
  BIND(multi_poll, curl_multi_poll)
  BIND(multi_wakeup, curl_multi_wakeup)
  BIND(multi_cleanup, curl_multi_cleanup)
  BIND(multi_info_read, curl_multi_info_read)
#undef BIND
  codex_curl.global_init(CURL_GLOBAL_DEFAULT);
}

const char *codex_curl_load(void) {
  pthread_once(&once, load);
  return problem;
}

CURL *codex_curl_easy_init(void) { return codex_curl.easy_init(); }
void codex_curl_easy_cleanup(CURL *handle) { codex_curl.easy_cleanup(handle); }
const char *codex_curl_easy_strerror(CURLcode code) { return codex_curl.easy_strerror(code); }
struct curl_slist *codex_curl_slist_append(struct curl_slist *list, const char *text) {
  return codex_curl.slist_append(list, text);
}
void codex_curl_slist_free_all(struct curl_slist *list) { codex_curl.slist_free_all(list); }
CURLM *codex_curl_multi_init(void) { return codex_curl.multi_init(); }
CURLMcode codex_curl_multi_add_handle(CURLM *multi, CURL *handle) {
  return codex_curl.multi_add_handle(multi, handle);
}
CURLMcode codex_curl_multi_remove_handle(CURLM *multi, CURL *handle) {
  return codex_curl.multi_remove_handle(multi, handle);
}
CURLMcode codex_curl_multi_perform(CURLM *multi, int *running) {
  return codex_curl.multi_perform(multi, running);
}
CURLMcode codex_curl_multi_poll(CURLM *multi, int timeout_ms) {
  return codex_curl.multi_poll(multi, NULL, 0, timeout_ms, NULL);
}
CURLMcode codex_curl_multi_wakeup(CURLM *multi) { return codex_curl.multi_wakeup(multi); }
CURLMcode codex_curl_multi_cleanup(CURLM *multi) { return codex_curl.multi_cleanup(multi); }
