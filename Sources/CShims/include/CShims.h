#ifndef CODEX_CSHIMS_H
#define CODEX_CSHIMS_H

// Typed, non-variadic wrappers around C functions that Swift cannot call directly.
// Each wrapper forwards to exactly one library call.

#include <curl/curl.h>
#include <histedit.h>
#include <seccomp.h>
#include <spawn.h>
#include <stdint.h>

#include "CLineEditor.h"
#include "CSandboxSpawn.h"

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

// libedit: el_set is variadic.
int codex_el_set_prompt(EditLine *editor, char *(*prompt)(EditLine *));
int codex_el_set_editor(EditLine *editor, const char *mode);

// libseccomp: seccomp_rule_add is variadic and the SCMP_* macros do not import.
int codex_seccomp_deny_syscall(scmp_filter_ctx ctx, int syscall_number, int error_number);
int codex_seccomp_deny_syscall_if_arg0_equals(
    scmp_filter_ctx ctx, int syscall_number, int error_number, uint64_t value);
int codex_seccomp_deny_syscall_if_arg0_not_equal(
    scmp_filter_ctx ctx, int syscall_number, int error_number, uint64_t value);

// Linux system calls without a glibc wrapper Swift can call (syscall is variadic).
/// The Landlock ABI version the kernel offers, or 0 when Landlock is unavailable.
int codex_landlock_abi(void);
/// 1 when the kernel supports seccomp filters, else 0.
int codex_seccomp_available(void);
/// A file descriptor that becomes readable when the process exits, or -1 with errno.
int codex_pidfd_open(int pid);

// glibc extensions declared only under _GNU_SOURCE, which Swift's Glibc module lacks.
/// pipe2(fds, O_CLOEXEC)
int codex_pipe_cloexec(int fds[2]);
int codex_spawn_addchdir(posix_spawn_file_actions_t *actions, const char *path);
int codex_spawn_addclosefrom(posix_spawn_file_actions_t *actions, int from);

#endif
