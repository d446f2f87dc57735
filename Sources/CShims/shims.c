#include "CShims.h"

CURLcode codex_curl_setopt_long(CURL *handle, CURLoption option, long value) {
  return curl_easy_setopt(handle, option, value);
}

CURLcode codex_curl_setopt_string(CURL *handle, CURLoption option, const char *value) {
  return curl_easy_setopt(handle, option, value);
}

CURLcode codex_curl_setopt_pointer(CURL *handle, CURLoption option, void *value) {
  return curl_easy_setopt(handle, option, value);
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
