#ifndef CODEX_CSANDBOXSPAWN_H
#define CODEX_CSANDBOXSPAWN_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

// Sandboxed process creation without a helper executable.
//
// The parent prepares everything that needs memory allocation (a Landlock ruleset and
// a seccomp BPF program made with libseccomp); the child of a vfork then only makes
// system calls: new process group, descriptors, directory, signal defaults,
// no_new_privs, landlock_restrict_self, the seccomp filter, execve. This keeps the
// cost of a sandboxed spawn close to that of a plain one.

/// A compiled seccomp filter.
typedef struct codex_seccomp_program {
  void *filters;  // struct sock_filter[]
  unsigned short count;
} codex_seccomp_program;

/// Builds the filter: ptrace, process_vm_*, io_uring, bpf, keyring, mount and
/// namespace calls, module loading and personality changes fail with EPERM; with
/// `allow_network` 0, socket() and socketpair() fail for every family but AF_UNIX.
/// Returns 0 or a negative errno.
int codex_seccomp_build(int allow_network, codex_seccomp_program *out);
void codex_seccomp_free(codex_seccomp_program *program);

/// A Landlock ruleset: read and execute everywhere, full write beneath `write_dirs`,
/// write to `write_files` and to /dev/null, /dev/zero, /dev/full, /dev/tty. Uses every
/// right the kernel's ABI knows. Returns the ruleset descriptor or a negative errno.
int codex_landlock_ruleset(const char *const *write_dirs, int dir_count, const char *const *write_files,
                           int file_count);

typedef struct codex_spawn_request {
  const char *path;
  char *const *argv;
  char *const *envp;
  const char *cwd;
  int stdout_fd;
  int stderr_fd;
  /// -1 for no Landlock.
  int landlock_ruleset;
  /// NULL for no seccomp filter.
  const codex_seccomp_program *seccomp;
} codex_spawn_request;

/// Starts the process (stdin from /dev/null, its own process group, all other
/// descriptors closed). Returns 0 and the pid, or an errno describing why the child
/// could not be started (including a failed execve).
int codex_spawn(const codex_spawn_request *request, pid_t *pid);

#endif
