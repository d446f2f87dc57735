#define _GNU_SOURCE
#include "CCurlShim.h"
#include "curl_library.h"

CURLcode codex_curl_setopt_long(CURL *handle, CURLoption option, long value) {
  return codex_curl.easy_setopt(handle, option, value);
}

CURLcode codex_curl_setopt_string(CURL *handle, CURLoption option, const char *value) {
  return codex_curl.easy_setopt(handle, option, value);
}

CURLcode codex_curl_setopt_pointer(CURL *handle, CURLoption option, void *value) {
  return codex_curl.easy_setopt(handle, option, value);
}

CURLcode codex_curl_set_callback(CURL *handle, int header, codex_curl_data_callback callback, void *context) {
  CURLcode status = codex_curl.easy_setopt(handle, header ? CURLOPT_HEADERFUNCTION : CURLOPT_WRITEFUNCTION, callback);
  if (status != CURLE_OK) return status;
  return codex_curl.easy_setopt(handle, header ? CURLOPT_HEADERDATA : CURLOPT_WRITEDATA, context);
}

long codex_curl_response_code(CURL *handle) {
  long code = 0;
  codex_curl.easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &code);
  return code;
}

int codex_curl_multi_done(CURLM *multi, CURL **handle) {
  int queued = 0;
  CURLMsg *message;
  while ((message = codex_curl.multi_info_read(multi, &queued)) != NULL) {
    if (message->msg == CURLMSG_DONE) {
      if (handle) *handle = message->easy_handle;
      return (int)message->data.result;
    }
  }
  return -1;
}
