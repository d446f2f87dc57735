#define _GNU_SOURCE
#include "CSandbox.h"
#include "supervisor.h"
#include "world.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/ioctl.h>
#include <sys/statfs.h>
#include <sys/statvfs.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <pthread.h>
#include <unistd.h>

// Debian 12's headers predate the newer Landlock rights, so the values are spelled out.
#define LL_EXECUTE (1ULL << 0)
#define LL_WRITE_FILE (1ULL << 1)
#define LL_READ_FILE (1ULL << 2)
#define LL_READ_DIR (1ULL << 3)
#define LL_ALL_V1 ((1ULL << 13) - 1)
#define LL_REFER (1ULL << 13)     /* ABI 2 */
#define LL_TRUNCATE (1ULL << 14)  /* ABI 3 */
#define LL_IOCTL_DEV (1ULL << 15) /* ABI 5 */
#define LL_RULE_PATH_BENEATH 1

#ifndef SYS_landlock_create_ruleset
#define SYS_landlock_create_ruleset 444
#define SYS_landlock_add_rule 445
#define SYS_landlock_restrict_self 446
#endif
#ifndef SYS_close_range
#define SYS_close_range 436
#endif

struct ll_ruleset_attr {
  uint64_t handled_access_fs;
  uint64_t handled_access_net; /* ABI 4 */
  uint64_t scoped;             /* ABI 6 */
};

struct ll_path_beneath_attr {
  uint64_t allowed_access;
  int32_t parent_fd;
} __attribute__((packed));

static int add_rule(int ruleset, const char *path, uint64_t rights, int must_exist) {
  int fd = open(path, O_PATH | O_CLOEXEC);
  if (fd < 0) return must_exist ? -errno : 0;
  struct ll_path_beneath_attr rule = {.allowed_access = rights, .parent_fd = fd};
  int status = (int)syscall(SYS_landlock_add_rule, ruleset, LL_RULE_PATH_BENEATH, &rule, 0);
  int saved = errno;
  close(fd);
  return status == 0 ? 0 : -saved;
}

// Every file-system right the kernel's Landlock ABI knows.
static uint64_t handled_rights(long abi) {
  uint64_t handled = LL_ALL_V1;
  if (abi >= 2) handled |= LL_REFER;
  if (abi >= 3) handled |= LL_TRUNCATE;
  if (abi >= 5) handled |= LL_IOCTL_DEV;
  return handled;
}

int codex_landlock_ruleset(const char *const *write_dirs, int dir_count, const char *const *write_files,
                           int file_count, unsigned scopes) {
  long abi = syscall(SYS_landlock_create_ruleset, NULL, 0, 1U /* LANDLOCK_CREATE_RULESET_VERSION */);
  if (abi < 1) return -ENOSYS;
  uint64_t handled = handled_rights(abi);
  uint64_t read = LL_EXECUTE | LL_READ_FILE | LL_READ_DIR;
  uint64_t file_write = (LL_WRITE_FILE | LL_TRUNCATE | LL_IOCTL_DEV) & handled;

  // Older kernels reject a larger attribute, so pass only the fields they know.
  struct ll_ruleset_attr attr = {.handled_access_fs = handled};
  size_t size = sizeof attr.handled_access_fs;
  if (abi >= 6 && scopes) {
    attr.scoped = scopes;
    size = sizeof attr;
  }
  int ruleset = (int)syscall(SYS_landlock_create_ruleset, &attr, size, 0);
  if (ruleset < 0) return -errno;
  int status = add_rule(ruleset, "/", read, 1);
  // Devices every program expects to write: discard, zeros, terminal.
  const char *devices[] = {"/dev/null", "/dev/zero", "/dev/full", "/dev/tty"};
  for (size_t i = 0; status == 0 && i < sizeof devices / sizeof devices[0]; i++)
    status = add_rule(ruleset, devices[i], file_write, 0);
  if (status == 0 && abi >= 5) status = add_rule(ruleset, "/dev", LL_IOCTL_DEV, 0);
  for (int i = 0; status == 0 && i < dir_count; i++) status = add_rule(ruleset, write_dirs[i], handled, 0);
  for (int i = 0; status == 0 && i < file_count; i++) status = add_rule(ruleset, write_files[i], file_write, 0);
  if (status != 0) {
    close(ruleset);
    return status;
  }
  return ruleset;
}


// What the spawn's pipe carries: an error of any process of the spawn, or the pid of the
// process that supervises the command (its PID-namespace init, or its reaper), which
// then stands for the command.
enum { MESSAGE_ERROR = 0, MESSAGE_INIT = 1, MESSAGE_REAPER = 2 };

static void send_message(int pipe_fd, int kind, int value) {
  int message[2] = {kind, value};
  (void)!write(pipe_fd, message, sizeof message);
}

// Runs in the vfork child: system calls only, no allocation, no locks.
static void child(const codex_spawn_request *r, int error_pipe, const sigset_t *parent_mask) {
  int error = 0;
  struct sigaction default_action;
  memset(&default_action, 0, sizeof default_action);
  default_action.sa_handler = SIG_DFL;
  for (int sig = 1; sig < NSIG; sig++) {
    if (sig != SIGKILL && sig != SIGSTOP) sigaction(sig, &default_action, NULL);
  }
  (void)parent_mask;
  pid_t codex = getppid();
  // A session of its own: no controlling terminal, so /dev/tty and TIOCSTI reach nothing
  // of codex's terminal (a PTY of its own is given as a descriptor where one is wanted).
  if (setsid() < 0) goto failed;
  int input = r->stdin_fd >= 0 ? r->stdin_fd : open("/dev/null", O_RDONLY);
  if (input < 0 || dup2(input, 0) < 0) goto failed;
  if (dup2(r->stdout_fd, 1) < 0 || dup2(r->stderr_fd, 2) < 0) goto failed;
  if (r->namespaces) {
    int flags = CLONE_NEWIPC | CLONE_NEWUTS | (r->new_network ? CLONE_NEWNET : 0);
    if (codex_enter_user_namespace(flags, r->uid_map, r->gid_map) != 0) goto failed;
    if (codex_build_world(&r->world) != 0) goto failed;
    // The private /dev/shm is a new file system the parent's rules could not name.
    if (r->world.private_shm && r->landlock_ruleset >= 0) {
      long abi = syscall(SYS_landlock_create_ruleset, NULL, 0, 1U);
      (void)add_rule(r->landlock_ruleset, "/dev/shm", handled_rights(abi), 0);
    }
  }
  // The command's supervisor, a sibling made with CLONE_PARENT so that codex stays the
  // parent and this vfork child can return at once. It leads the group codex signals,
  // and the command inherits it.
  long supervisor = -1;
  if (r->namespaces) {
    // A PID namespace of its own; where the kernel refuses one, a reaper instead.
    supervisor = syscall(SYS_clone, CLONE_PARENT | CLONE_NEWPID | SIGCHLD, 0, NULL, NULL, 0);
    if (supervisor > 0) {
      send_message(error_pipe, MESSAGE_INIT, (int)supervisor);
      _exit(0);
    }
    if (supervisor == 0) {
      if (setpgid(0, 0) != 0) goto failed;
      if (codex_run_init(error_pipe) != 0) goto failed;
    }
  }
  if (supervisor < 0) {
    supervisor = syscall(SYS_clone, CLONE_PARENT | SIGCHLD, 0, NULL, NULL, 0);
    if (supervisor < 0) goto failed;
    if (supervisor > 0) {
      send_message(error_pipe, MESSAGE_REAPER, (int)supervisor);
      _exit(0);
    }
    if (setpgid(0, 0) != 0) goto failed;
    if (codex_run_reaper(error_pipe, codex) != 0) goto failed;
  }
  // A terminal of its own: the command leads a session whose controlling terminal is the
  // pseudo-terminal on its stdin (never codex's terminal).
  if (r->controlling_tty) {
    if (setsid() < 0 || ioctl(0, TIOCSCTTY, 0) != 0) goto failed;
  }
  // After the mounts, so that a working directory inside a read-only path is read-only too.
  if (chdir(r->cwd) != 0) goto failed;
  if (r->landlock_ruleset >= 0 || r->seccomp) {
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) goto failed;
  }
  if (r->landlock_ruleset >= 0 && syscall(SYS_landlock_restrict_self, r->landlock_ruleset, 0) != 0) goto failed;
  // Close every descriptor but 0-2 and the error pipe (close-on-exec, reports failure).
  codex_close_range_of(3, error_pipe - 1);
  codex_close_range_of(error_pipe + 1, ~0U);
  if (r->seccomp) {
    struct sock_fprog program = {.len = r->seccomp->count, .filter = r->seccomp->filters};
    if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &program, 0, 0) != 0) goto failed;
  }
  sigset_t empty;
  sigemptyset(&empty);
  sigprocmask(SIG_SETMASK, &empty, NULL);
  execve(r->path, r->argv, r->envp);
failed:
  error = errno;
  send_message(error_pipe, MESSAGE_ERROR, error ? error : EINVAL);
  _exit(127);
}

int codex_spawn(const codex_spawn_request *request, pid_t *pid_out, int *supervisor_out) {
  int pipe_fds[2];
  if (pipe2(pipe_fds, O_CLOEXEC) != 0) return errno;
  // No signal handler of the parent may run in the child while it shares memory.
  sigset_t all, previous;
  sigfillset(&all);
  pthread_sigmask(SIG_SETMASK, &all, &previous);
  pid_t pid = vfork();
  if (pid == 0) child(request, pipe_fds[1], &previous);
  int spawn_errno = errno;
  pthread_sigmask(SIG_SETMASK, &previous, NULL);
  close(pipe_fds[1]);
  if (pid < 0) {
    close(pipe_fds[0]);
    return spawn_errno;
  }
  // Messages until every writer is gone (the command's copy closes when it execs).
  int child_error = 0;
  pid_t supervisor = 0;
  int kind = 0;
  for (;;) {
    int message[2];
    ssize_t got = read(pipe_fds[0], message, sizeof message);
    if (got < 0 && errno == EINTR) continue;
    if (got != (ssize_t)sizeof message) break;
    if (message[0] == MESSAGE_INIT || message[0] == MESSAGE_REAPER) {
      supervisor = message[1];
      kind = message[0] == MESSAGE_INIT ? CODEX_SUPERVISOR_INIT : CODEX_SUPERVISOR_REAPER;
    } else if (!child_error) {
      child_error = message[1];
    }
  }
  close(pipe_fds[0]);
  int status;
  if (supervisor > 0) {
    // The vfork child only made the supervisor; it has exited.
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
  }
  if (child_error) {
    pid_t failed_pid = supervisor > 0 ? supervisor : pid;
    while (waitpid(failed_pid, &status, 0) < 0 && errno == EINTR) {
    }
    return child_error;
  }
  *pid_out = supervisor > 0 ? supervisor : pid;
  *supervisor_out = kind;
  return 0;
}

// The probe child: the same namespace steps as a sandboxed spawn, an empty world (the
// whole tree read-only), then exit.
static void probe_child(const char *uid_map, const char *gid_map) {
  if (codex_enter_user_namespace(CLONE_NEWIPC | CLONE_NEWUTS | CLONE_NEWNET, uid_map, gid_map) != 0) _exit(1);
  codex_world nothing;
  memset(&nothing, 0, sizeof nothing);
  if (codex_build_world(&nothing) != 0) _exit(2);
  _exit(0);
}

int codex_namespaces_available(void) {
  char uid_map[64], gid_map[64];
  snprintf(uid_map, sizeof uid_map, "%u %u 1", (unsigned)geteuid(), (unsigned)geteuid());
  snprintf(gid_map, sizeof gid_map, "%u %u 1", (unsigned)getegid(), (unsigned)getegid());
  sigset_t all, previous;
  sigfillset(&all);
  pthread_sigmask(SIG_SETMASK, &all, &previous);
  pid_t pid = vfork();
  if (pid == 0) probe_child(uid_map, gid_map);
  pthread_sigmask(SIG_SETMASK, &previous, NULL);
  if (pid < 0) return 0;
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return 0;
  }
  return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 1 : 0;
}

char *codex_unix_socket_paths(size_t *length) {
  int fd = open("/proc/net/unix", O_RDONLY | O_CLOEXEC);
  if (fd < 0) return NULL;
  size_t capacity = 1 << 16, used = 0;
  char *text = malloc(capacity + 1);
  for (;;) {
    if (!text) break;
    if (used == capacity) {
      char *bigger = realloc(text, capacity * 2 + 1);
      if (!bigger) {
        free(text);
        text = NULL;
        break;
      }
      text = bigger;
      capacity *= 2;
    }
    ssize_t got = read(fd, text + used, capacity - used);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) break;
    used += (size_t)got;
  }
  close(fd);
  if (!text) return NULL;
  text[used] = 0;
  // Lines: "Num RefCount Protocol Flags Type St Inode Path"; keep the paths that start
  // with "/" (others are abstract or unnamed), compacted in place, NUL-separated.
  size_t out = 0;
  char *line = strchr(text, '\n');
  while (line && *++line) {
    char *end = strchr(line, '\n');
    size_t line_length = end ? (size_t)(end - line) : strlen(line);
    int fields = 0;
    size_t i = 0;
    while (i < line_length && fields < 7) {
      while (i < line_length && line[i] == ' ') i++;
      while (i < line_length && line[i] != ' ') i++;
      fields++;
    }
    while (i < line_length && line[i] == ' ') i++;
    if (fields == 7 && i < line_length && line[i] == '/') {
      size_t n = line_length - i;
      memmove(text + out, line + i, n);
      out += n;
      text[out++] = 0;
    }
    line = end;
  }
  *length = out;
  return text;
}

int codex_landlock_abi(void) {
  long abi = syscall(SYS_landlock_create_ruleset, NULL, 0, 1U /* LANDLOCK_CREATE_RULESET_VERSION */);
  return abi < 0 ? 0 : (int)abi;
}

int codex_seccomp_available(void) {
  // PR_GET_SECCOMP fails with EINVAL when the kernel lacks seccomp.
  return prctl(PR_GET_SECCOMP, 0, 0, 0, 0) >= 0 ? 1 : 0;
}

#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif

int codex_pidfd_open(int pid) { return (int)syscall(SYS_pidfd_open, pid, 0); }

int codex_pipe_cloexec(int fds[2]) { return pipe2(fds, O_CLOEXEC); }

int codex_spawn_addchdir(posix_spawn_file_actions_t *actions, const char *path) {
  return posix_spawn_file_actions_addchdir_np(actions, path);
}

int codex_spawn_addclosefrom(posix_spawn_file_actions_t *actions, int from) {
  return posix_spawn_file_actions_addclosefrom_np(actions, from);
}
