#ifndef CODEX_CSANDBOX_H
#define CODEX_CSANDBOX_H

#include <signal.h>
#include <spawn.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

// Sandboxed process creation without a helper executable.
//
// The parent prepares everything that needs memory allocation (a Landlock ruleset, a
// seccomp BPF program made with libseccomp, the lists of mounts); the child of a vfork
// then only makes system calls: new process group, descriptors, directory, signal
// defaults, user and mount namespaces with their read-only and masking mounts,
// no_new_privs, landlock_restrict_self, the seccomp filter, execve. This keeps the cost
// of a sandboxed spawn close to that of a plain one. Between the two sits the command's
// supervisor (see `codex_spawn`), so that nothing the command starts outlives it.

/// A compiled seccomp filter.
typedef struct codex_seccomp_program {
  void *filters;  // struct sock_filter[]
  unsigned short count;
} codex_seccomp_program;

/// Builds the filter: ptrace, process_vm_*, io_uring, bpf, keyring, mount and
/// namespace calls (clone with a CLONE_NEW* flag too; clone3 fails with ENOSYS so that
/// libc falls back to clone), module loading, personality changes and the TIOCSTI and
/// TIOCLINUX ioctls fail with EPERM; with `allow_network` 0, socket() and socketpair()
/// fail for every family but AF_UNIX.
/// Returns 0 or a negative errno.
int codex_seccomp_build(int allow_network, codex_seccomp_program *out);
/// Why libseccomp cannot be loaded (not installed, with the Debian package to install),
/// or NULL. It is loaded on first use, never at start-up; codex_seccomp_build returns
/// -ELIBACC when it cannot be.
const char *codex_seccomp_problem(void);
void codex_seccomp_free(codex_seccomp_program *program);

/// Landlock scopes (ABI 6): what a sandboxed process may not reach outside its domain.
#define CODEX_SCOPE_ABSTRACT_UNIX_SOCKET 1
#define CODEX_SCOPE_SIGNAL 2

/// A Landlock ruleset: read and execute everywhere, full write beneath `write_dirs`,
/// write to `write_files` and to /dev/null, /dev/zero, /dev/full, /dev/tty. Uses every
/// right the kernel's ABI knows, and the `scopes` it supports (CODEX_SCOPE_*; ignored
/// below ABI 6). Returns the ruleset descriptor or a negative errno.
int codex_landlock_ruleset(const char *const *write_dirs, int dir_count, const char *const *write_files,
                           int file_count, unsigned scopes);

/// The Landlock ABI version the kernel offers, or 0 when Landlock is unavailable.
int codex_landlock_abi(void);
/// 1 when the kernel supports seccomp filters, else 0.
int codex_seccomp_available(void);
/// 1 when this process may create user, mount, IPC, UTS and network namespaces, map its
/// own ids into them and make the whole mount tree read-only there (tried in a
/// short-lived child), else 0.
int codex_namespaces_available(void);

/// The file system a sandboxed command sees, built in a mount namespace of its own:
/// `/` read-only (and nosuid) with every submount, each `writable` path bound back
/// read-write, each `readonly` path (inside a writable one) read-only again, /dev/null
/// over each `masked` unix socket.
typedef struct codex_world {
  const char *const *writable;
  int writable_count;
  /// Existing protected paths, and the placeholders made for absent ones.
  const char *const *readonly;
  int readonly_count;
  /// Unix sockets made unreachable (a failure to mask one, say a stale path, is ignored).
  const char *const *masked;
  int masked_count;
  /// 1: a private tmpfs on /dev/shm.
  int private_shm;
} codex_world;

typedef struct codex_spawn_request {
  const char *path;
  char *const *argv;
  char *const *envp;
  const char *cwd;
  /// -1 for /dev/null.
  int stdin_fd;
  /// 1: stdin is a pseudo-terminal's slave, made the command's controlling terminal (in a
  /// session of the command's own).
  int controlling_tty;
  int stdout_fd;
  int stderr_fd;
  /// -1 for no Landlock.
  int landlock_ruleset;
  /// NULL for no seccomp filter.
  const codex_seccomp_program *seccomp;
  /// 1: enter new user, mount, IPC and UTS namespaces (uid and gid mapped to
  /// themselves) and build `world` there.
  int namespaces;
  /// 1 (with `namespaces`): a network namespace of its own, with nothing but a loopback
  /// that is down, so abstract unix sockets of the host are out of reach too.
  int new_network;
  /// "UID UID 1" and "GID GID 1", written to the child's uid_map and gid_map.
  const char *uid_map;
  const char *gid_map;
  codex_world world;
} codex_spawn_request;

/// What `codex_spawn`'s pid names: a process that supervises the command and exits with
/// its status once nothing the command started is left.
/// - INIT: PID 1 of the command's PID namespace (with `namespaces`, where the kernel
///   allows it); SIGKILL to it ends the whole namespace.
/// - REAPER: the command's child subreaper. It ignores the group's signals; on
///   CODEX_REAPER_STOP (or when codex dies) it kills every descendant and exits.
#define CODEX_SUPERVISOR_INIT 1
#define CODEX_SUPERVISOR_REAPER 2
#define CODEX_REAPER_STOP SIGUSR1

/// Starts the command under a supervisor (stdin from /dev/null, a new session with no
/// controlling terminal, the supervisor's process group, all other descriptors closed;
/// the supervisor clears its copy of codex's environment). Returns 0 with the supervisor's pid and kind
/// (CODEX_SUPERVISOR_*), or an errno describing why the command could not be started
/// (including a failed execve).
int codex_spawn(const codex_spawn_request *request, pid_t *pid, int *supervisor);

/// Makes this process's memory unreadable to other processes of the same user (not
/// dumpable: /proc/PID/environ and /proc/PID/mem need CAP_SYS_PTRACE), and overwrites
/// in its original environment block (what /proc/PID/environ shows) the values of the
/// variables whose names contain KEY, SECRET or TOKEN, after giving `environ` copies of
/// them. Call once, at start, before any thread reads the environment.
void codex_protect_secrets(void);

/// The paths of the unix sockets bound in this network namespace (from
/// /proc/net/unix), separated by NUL bytes, in a buffer to free(); NULL when unreadable.
char *codex_unix_socket_paths(size_t *length);

// Writes confined beneath a directory: every path is resolved with openat2 and
// RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS from `root_fd`, so no symbolic link, ".." or
// rename race can lead outside it. All return 0 or a positive errno.

/// open(path, O_PATH | O_DIRECTORY | O_CLOEXEC): a directory to resolve beneath; -1
/// with errno on failure.
int codex_open_directory(const char *path);
/// Opens (O_PATH) the directory `relative` beneath `root_fd`, creating missing
/// directories on the way when `create` is 1.
int codex_confined_open_dir(int root_fd, const char *relative, int create, int *dir_fd);
/// Writes `data` to the entry `name` of `dir_fd` through a new temporary file and a
/// rename, keeping the old file's mode (or 0644 less the umask for a new one).
int codex_confined_write(int dir_fd, const char *name, const void *data, size_t length);
/// Removes the entry `name` of `dir_fd` (a symbolic link is removed, not followed).
int codex_confined_unlink(int dir_fd, const char *name);

/// A pseudo-terminal pair, both ends close-on-exec, `columns` x `rows`; 0 or an errno.
int codex_open_pty(int *master, int *slave, unsigned short columns, unsigned short rows);
/// pipe2(fds, O_CLOEXEC)
int codex_pipe_cloexec(int fds[2]);
/// A file descriptor that becomes readable when the process exits, or -1 with errno.
int codex_pidfd_open(int pid);
int codex_spawn_addchdir(posix_spawn_file_actions_t *actions, const char *path);
int codex_spawn_addclosefrom(posix_spawn_file_actions_t *actions, int from);

#endif
