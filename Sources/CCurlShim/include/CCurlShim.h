#ifndef CODEX_CCURLSHIM_H
#define CODEX_CCURLSHIM_H

// Typed, non-variadic wrappers around libcurl calls Swift cannot make directly
// (curl_easy_setopt and curl_easy_getinfo are variadic). Each forwards to one call.

#include <curl/curl.h>
#include <stdint.h>

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
