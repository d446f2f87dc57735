#ifndef CODEX_CCURLSHIM_H
#define CODEX_CCURLSHIM_H

// Typed, non-variadic wrappers around libcurl calls Swift cannot make directly
// (curl_easy_setopt and curl_easy_getinfo are variadic). Each forwards to one call.

#include <curl/curl.h>
#include <stdint.h>

// libcurl is loaded on first use (dlopen), never at start-up. NULL once it is loaded;
// else why it cannot be (not installed, with the Debian package to install). Every
// other function here needs it loaded.
const char *codex_curl_load(void);
CURL *codex_curl_easy_init(void);
void codex_curl_easy_cleanup(CURL *handle);
const char *codex_curl_easy_strerror(CURLcode code);
struct curl_slist *codex_curl_slist_append(struct curl_slist *list, const char *text);
void codex_curl_slist_free_all(struct curl_slist *list);
CURLM *codex_curl_multi_init(void);
CURLMcode codex_curl_multi_add_handle(CURLM *multi, CURL *handle);
CURLMcode codex_curl_multi_remove_handle(CURLM *multi, CURL *handle);
CURLMcode codex_curl_multi_perform(CURLM *multi, int *running);
/// curl_multi_poll without extra descriptors.
CURLMcode codex_curl_multi_poll(CURLM *multi, int timeout_ms);
CURLMcode codex_curl_multi_wakeup(CURLM *multi);
CURLMcode codex_curl_multi_cleanup(CURLM *multi);

// libcurl: curl_easy_setopt is variadic; one wrapper per argument type.
CURLcode codex_curl_setopt_long(CURL *handle, CURLoption option, long value);
CURLcode codex_curl_setopt_string(CURL *handle, CURLoption option, const char *value);
CURLcode codex_curl_setopt_pointer(CURL *handle, CURLoption option, void *value);
typedef size_t (*codex_curl_data_callback)(char *data, size_t size, size_t count, void *context);
/// CURLOPT_WRITEFUNCTION (or CURLOPT_HEADERFUNCTION with `header` 1) and its data pointer.
CURLcode codex_curl_set_callback(CURL *handle, int header, codex_curl_data_callback callback, void *context);
/// CURLINFO_RESPONSE_CODE (curl_easy_getinfo is variadic).
long codex_curl_response_code(CURL *handle);
/// The result of a finished transfer from curl_multi_info_read, or -1 if none finished.
int codex_curl_multi_done(CURLM *multi, CURL **handle);

#endif
