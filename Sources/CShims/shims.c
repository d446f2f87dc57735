#define _GNU_SOURCE
#include "CShims.h"

#include <fcntl.h>
#include <linux/seccomp.h>
#include <spawn.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef SYS_landlock_create_ruleset
#define SYS_landlock_create_ruleset 444
#endif
#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif

CURLcode codex_curl_setopt_long(CURL *handle, CURLoption option, long value) {
  return curl_easy_setopt(handle, option, value);
}

CURLcode codex_curl_setopt_string(CURL *handle, CURLoption option, const char *value) {
  return curl_easy_setopt(handle, option, value);
}

CURLcode codex_curl_setopt_pointer(CURL *handle, CURLoption option, void *value) {
  return curl_easy_setopt(handle, option, value);
}

CURLcode codex_curl_set_callback(CURL *handle, int header, codex_curl_data_callback callback, void *context) {
  CURLcode status = curl_easy_setopt(handle, header ? CURLOPT_HEADERFUNCTION : CURLOPT_WRITEFUNCTION, callback);
  if (status != CURLE_OK) return status;
  return curl_easy_setopt(handle, header ? CURLOPT_HEADERDATA : CURLOPT_WRITEDATA, context);
}

long codex_curl_response_code(CURL *handle) {
  long code = 0;
  curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &code);
  return code;
}

int codex_curl_multi_done(CURLM *multi, CURL **handle) {
  int queued = 0;
  CURLMsg *message;
  while ((message = curl_multi_info_read(multi, &queued)) != NULL) {
    if (message->msg == CURLMSG_DONE) {
      if (handle) *handle = message->easy_handle;
      return (int)message->data.result;
    }
  }
  return -1;
}

int codex_el_set_prompt(EditLine *editor, char *(*prompt)(EditLine *)) {
  return el_set(editor, EL_PROMPT, prompt);
}

int codex_el_set_editor(EditLine *editor, const char *mode) {
  return el_set(editor, EL_EDITOR, mode);
}

int codex_seccomp_deny_syscall(scmp_filter_ctx ctx, int syscall_number, int error_number) {
  return seccomp_rule_add(ctx, SCMP_ACT_ERRNO(error_number), syscall_number, 0);
}

int codex_seccomp_deny_syscall_if_arg0_equals(
    scmp_filter_ctx ctx, int syscall_number, int error_number, uint64_t value) {
  return seccomp_rule_add(
      ctx, SCMP_ACT_ERRNO(error_number), syscall_number, 1, SCMP_A0(SCMP_CMP_EQ, value));
}

int codex_seccomp_deny_syscall_if_arg0_not_equal(
    scmp_filter_ctx ctx, int syscall_number, int error_number, uint64_t value) {
  return seccomp_rule_add(
      ctx, SCMP_ACT_ERRNO(error_number), syscall_number, 1, SCMP_A0(SCMP_CMP_NE, value));
}

int codex_landlock_abi(void) {
  long abi = syscall(SYS_landlock_create_ruleset, NULL, 0, 1U /* LANDLOCK_CREATE_RULESET_VERSION */);
  return abi < 0 ? 0 : (int)abi;
}

int codex_seccomp_available(void) {
  // PR_GET_SECCOMP fails with EINVAL when the kernel lacks seccomp.
  return prctl(PR_GET_SECCOMP, 0, 0, 0, 0) >= 0 ? 1 : 0;
}

int codex_pidfd_open(int pid) { return (int)syscall(SYS_pidfd_open, pid, 0); }

int codex_pipe_cloexec(int fds[2]) { return pipe2(fds, O_CLOEXEC); }

int codex_spawn_addchdir(posix_spawn_file_actions_t *actions, const char *path) {
  return posix_spawn_file_actions_addchdir_np(actions, path);
}

int codex_spawn_addclosefrom(posix_spawn_file_actions_t *actions, int from) {
  return posix_spawn_file_actions_addclosefrom_np(actions, from);
}
