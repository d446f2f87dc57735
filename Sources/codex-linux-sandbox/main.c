// codex-linux-sandbox: applies a Landlock file-system policy and a seccomp filter to
// itself, then execs the command. Everything the command starts inherits both.
//
// Written in C, not Swift: it runs before every sandboxed command, and a C binary
// starts in a fraction of a millisecond where a Swift one takes several.
//
// usage: codex-linux-sandbox [--write DIR]... [--write-file FILE]... [--network]
//                            -- COMMAND [ARGS...]
//   --write DIR        full write access beneath DIR (reading is allowed everywhere)
//   --write-file FILE  write access to one existing file
//   --network          leave network sockets allowed (otherwise only AF_UNIX)
//   --probe            print the Landlock ABI and whether seccomp works, then exit
//
// Exit status 125 means the sandbox could not be set up; the message says why.

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/prctl.h>
#include <seccomp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

// Debian 12's headers predate the newer Landlock rights, so the values are spelled out.
#define LL_EXECUTE (1ULL << 0)
#define LL_WRITE_FILE (1ULL << 1)
#define LL_READ_FILE (1ULL << 2)
#define LL_READ_DIR (1ULL << 3)
#define LL_REMOVE_DIR (1ULL << 4)
#define LL_REMOVE_FILE (1ULL << 5)
#define LL_MAKE_CHAR (1ULL << 6)
#define LL_MAKE_DIR (1ULL << 7)
#define LL_MAKE_REG (1ULL << 8)
#define LL_MAKE_SOCK (1ULL << 9)
#define LL_MAKE_FIFO (1ULL << 10)
#define LL_MAKE_BLOCK (1ULL << 11)
#define LL_MAKE_SYM (1ULL << 12)
#define LL_REFER (1ULL << 13)     /* ABI 2 */
#define LL_TRUNCATE (1ULL << 14)  /* ABI 3 */
#define LL_IOCTL_DEV (1ULL << 15) /* ABI 5 */

#define LL_CREATE_RULESET_VERSION (1U << 0)
#define LL_RULE_PATH_BENEATH 1

#ifndef SYS_landlock_create_ruleset
#define SYS_landlock_create_ruleset 444
#define SYS_landlock_add_rule 445
#define SYS_landlock_restrict_self 446
#endif

struct ll_ruleset_attr {
  uint64_t handled_access_fs;
};

struct ll_path_beneath_attr {
  uint64_t allowed_access;
  int32_t parent_fd;
} __attribute__((packed));

static const int SETUP_FAILED = 125;

static void fail(const char *what, const char *detail) {
  fprintf(stderr, "codex-linux-sandbox: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
  exit(SETUP_FAILED);
}

static int landlock_abi(void) {
  long abi = syscall(SYS_landlock_create_ruleset, NULL, 0, LL_CREATE_RULESET_VERSION);
  return abi < 0 ? 0 : (int)abi;
}

// Every file-system right this kernel's Landlock knows, so that none is left unhandled.
static uint64_t handled_rights(int abi) {
  uint64_t rights = LL_EXECUTE | LL_WRITE_FILE | LL_READ_FILE | LL_READ_DIR | LL_REMOVE_DIR |
                    LL_REMOVE_FILE | LL_MAKE_CHAR | LL_MAKE_DIR | LL_MAKE_REG | LL_MAKE_SOCK |
                    LL_MAKE_FIFO | LL_MAKE_BLOCK | LL_MAKE_SYM;
  if (abi >= 2) rights |= LL_REFER;
  if (abi >= 3) rights |= LL_TRUNCATE;
  if (abi >= 5) rights |= LL_IOCTL_DEV;
  return rights;
}

static void add_rule(int ruleset, const char *path, uint64_t rights, int must_exist) {
  int fd = open(path, O_PATH | O_CLOEXEC);
  if (fd < 0) {
    if (!must_exist) return;
    fail("cannot open a path of the policy", path);
  }
  struct ll_path_beneath_attr rule = {.allowed_access = rights, .parent_fd = fd};
  if (syscall(SYS_landlock_add_rule, ruleset, LL_RULE_PATH_BENEATH, &rule, 0) != 0) {
    int saved = errno;
    close(fd);
    fail("landlock_add_rule failed", strerror(saved));
  }
  close(fd);
}

static void apply_landlock(int abi, char **write_dirs, int n_dirs, char **write_files, int n_files) {
  uint64_t handled = handled_rights(abi);
  uint64_t read = LL_EXECUTE | LL_READ_FILE | LL_READ_DIR;
  uint64_t file_write = (LL_WRITE_FILE | LL_TRUNCATE | LL_IOCTL_DEV) & handled;
  uint64_t dir_write = handled & ~read;

  struct ll_ruleset_attr attr = {.handled_access_fs = handled};
  int ruleset = (int)syscall(SYS_landlock_create_ruleset, &attr, sizeof attr, 0);
  if (ruleset < 0) fail("landlock_create_ruleset failed", strerror(errno));

  add_rule(ruleset, "/", read, 1);
  // Devices every program expects: discard, terminal, randomness.
  add_rule(ruleset, "/dev/null", file_write, 0);
  add_rule(ruleset, "/dev/zero", file_write, 0);
  add_rule(ruleset, "/dev/tty", file_write, 0);
  add_rule(ruleset, "/dev/full", file_write, 0);
  if (abi >= 5) add_rule(ruleset, "/dev", LL_IOCTL_DEV, 0);
  for (int i = 0; i < n_dirs; i++) add_rule(ruleset, write_dirs[i], (dir_write | read) & handled, 0);
  for (int i = 0; i < n_files; i++) add_rule(ruleset, write_files[i], file_write, 0);

  if (syscall(SYS_landlock_restrict_self, ruleset, 0) != 0) fail("landlock_restrict_self failed", strerror(errno));
  close(ruleset);
}

static void deny(scmp_filter_ctx filter, const char *name) {
  int number = seccomp_syscall_resolve_name(name);
  if (number == __NR_SCMP_ERROR) return;  // not a system call on this architecture
  if (seccomp_rule_add(filter, SCMP_ACT_ERRNO(EPERM), number, 0) != 0) fail("seccomp rule failed", name);
}

static void apply_seccomp(int network) {
  scmp_filter_ctx filter = seccomp_init(SCMP_ACT_ALLOW);
  if (!filter) fail("seccomp_init failed", NULL);
  static const char *denied[] = {
      "ptrace", "process_vm_writev", "process_vm_readv", "io_uring_setup", "io_uring_enter",
      "io_uring_register", "bpf", "keyctl", "add_key", "request_key", "mount", "umount2",
      "unshare", "setns", "pivot_root", "move_mount", "open_tree", "fsopen", "fsmount",
      "fsconfig", "fspick", "kexec_load", "kexec_file_load", "init_module", "finit_module",
      "delete_module", "perf_event_open", "userfaultfd",
  };
  for (size_t i = 0; i < sizeof denied / sizeof denied[0]; i++) deny(filter, denied[i]);
  // Querying the personality is harmless; changing it is not allowed.
  if (seccomp_rule_add(filter, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(personality), 1,
                       SCMP_A0(SCMP_CMP_NE, 0xffffffffU)) != 0)
    fail("seccomp rule failed", "personality");
  if (!network) {
    if (seccomp_rule_add(filter, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(socket), 1,
                         SCMP_A0(SCMP_CMP_NE, AF_UNIX)) != 0)
      fail("seccomp rule failed", "socket");
    if (seccomp_rule_add(filter, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(socketpair), 1,
                         SCMP_A0(SCMP_CMP_NE, AF_UNIX)) != 0)
      fail("seccomp rule failed", "socketpair");
  }
  if (seccomp_load(filter) != 0) fail("seccomp_load failed", strerror(errno));
  seccomp_release(filter);
}

int main(int argc, char **argv) {
  char **write_dirs = calloc((size_t)argc, sizeof(char *));
  char **write_files = calloc((size_t)argc, sizeof(char *));
  int n_dirs = 0, n_files = 0, network = 0, command = -1;
  if (!write_dirs || !write_files) fail("out of memory", NULL);

  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--") == 0) {
      command = i + 1;
      break;
    } else if (strcmp(argv[i], "--write") == 0 && i + 1 < argc) {
      write_dirs[n_dirs++] = argv[++i];
    } else if (strcmp(argv[i], "--write-file") == 0 && i + 1 < argc) {
      write_files[n_files++] = argv[++i];
    } else if (strcmp(argv[i], "--network") == 0) {
      network = 1;
    } else if (strcmp(argv[i], "--probe") == 0) {
      printf("landlock_abi=%d seccomp=%d\n", landlock_abi(), prctl(PR_GET_SECCOMP) >= 0 ? 1 : 0);
      return 0;
    } else {
      fail("unknown argument", argv[i]);
    }
  }
  if (command < 0 || command >= argc) fail("usage: codex-linux-sandbox [options] -- COMMAND [ARGS...]", NULL);

  int abi = landlock_abi();
  if (abi < 1) fail("this kernel does not provide Landlock, so commands cannot be sandboxed", NULL);
  if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) fail("PR_SET_NO_NEW_PRIVS failed", strerror(errno));
  apply_landlock(abi, write_dirs, n_dirs, write_files, n_files);
  apply_seccomp(network);

  setenv("CODEX_SANDBOX", "seccomp", 1);
  if (!network) setenv("CODEX_SANDBOX_NETWORK_DISABLED", "1", 1);
  execvp(argv[command], &argv[command]);
  int saved = errno;
  fprintf(stderr, "codex-linux-sandbox: %s: %s\n", argv[command], strerror(saved));
  return saved == ENOENT ? 127 : 126;
}
