#define _GNU_SOURCE
#include "supervisor.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "CSandbox.h"

#ifndef SYS_close_range
#define SYS_close_range 436
#endif

static int exit_code(int status) { return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status); }

// Closes the descriptors from `first` to `last`; one by one on kernels before 5.9.
void codex_close_range_of(unsigned first, unsigned last) {
  if (first > last) return;
  if (syscall(SYS_close_range, first, last, 0) == 0) return;
  for (unsigned fd = first; fd <= last && fd < 65536; fd++) close((int)fd);
}

// A supervisor never execs, so it would keep codex's descriptors open for as long as the
// command runs (close-on-exec does not apply), among them the pipes of other commands
// being started: once the command is made, it needs none of them. The error pipe goes
// too; the command's copy reports its own failure.
static void close_all(void) { codex_close_range_of(0, ~0U); }

// Makes the command (a clone of the supervisor) with `flags`. The command waits at a gate
// until the supervisor has closed every descriptor: nothing the command runs can see the
// supervisor holding one of codex's. Returns as clone does (0 in the command).
static long clone_command(unsigned long flags) {
  int gate[2];
  if (pipe2(gate, O_CLOEXEC) != 0) return -1;
  long command = syscall(SYS_clone, flags, 0, NULL, NULL, 0);
  if (command == 0) {
    close(gate[1]);
    char byte;
    // End of file once the supervisor's copy of the write end is closed (by close_all).
    while (read(gate[0], &byte, 1) < 0 && errno == EINTR) {
    }
    close(gate[0]);
    return 0;
  }
  if (command < 0) {
    close(gate[0]);
    close(gate[1]);
  }
  return command;
}

// PID 1 of the command's PID namespace: it starts the command as PID 2, waits for it and
// exits with its status; the kernel then ends every process left in the namespace
// (background jobs, `setsid` ones, double forks). Signals from codex reach the command
// through the process group it shares with this init (an init ignores the signals it
// has no handler for, so it stays to report the status). System calls only.
int codex_run_init(int error_pipe) {
  // When codex dies (even by SIGKILL), so does this init, and with it the namespace.
  // The parent is the codex thread that spawned: it lives until the command has ended.
  if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0) return -1;
  // (Whether codex died just before cannot be told here: a parent outside the namespace
  // shows as pid 0.)
  // A /proc of the namespace, where the kernel allows it (not where /proc is partly
  // covered, as in some containers); the old one stays otherwise.
  (void)mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL);
  long command = clone_command(SIGCHLD);
  if (command < 0) return -1;
  if (command == 0) return 0;  // the command goes on to exec
  close_all();
  for (;;) {
    int status = 0;
    pid_t ended = (pid_t)syscall(SYS_wait4, -1, &status, 0, NULL);
    if (ended < 0 && errno == EINTR) continue;
    if (ended < 0) _exit(127);
    if (ended == command) _exit(exit_code(status));
  }
}

// The reaper: where there is no PID namespace, a process between codex and the command
// that is the command's child subreaper, so every descendant the command leaves behind
// (`setsid` and double forks included) becomes its child. When the command ends, or on
// CODEX_REAPER_STOP (sent by codex, or by the kernel when codex dies), it kills its
// children until none is left, then ends with the command's status. It leads the
// command's process group but keeps every signal blocked, so that stopping the group
// stops the command and leaves the reaper to clean up.
// SIGKILL to every pid listed in `text` (decimal numbers separated by spaces), `length`
// bytes, carrying a number cut by the end of the previous read in `partial`.
static int kill_listed(const char *text, ssize_t length, long *partial) {
  int killed = 0;
  for (ssize_t i = 0; i <= length; i++) {
    if (i < length && text[i] >= '0' && text[i] <= '9') {
      *partial = *partial * 10 + (text[i] - '0');
    } else if (i < length || length == 0) {
      if (*partial > 0 && kill((pid_t)*partial, SIGKILL) == 0) killed++;
      *partial = 0;
    }
  }
  return killed;
}

// The children of this process from /proc/thread-self/children (a single-threaded
// process's children); -1 when the kernel does not offer that file.
static int kill_children_listed(void) {
  int fd = open("/proc/thread-self/children", O_RDONLY | O_CLOEXEC);
  if (fd < 0) return -1;
  char buffer[4096];
  long partial = 0;
  int killed = 0;
  for (;;) {
    ssize_t got = read(fd, buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) break;
    killed += kill_listed(buffer, got, &partial);
  }
  killed += kill_listed(buffer, 0, &partial);
  close(fd);
  return killed;
}

// What getdents64 returns, one after another.
struct directory_entry {
  uint64_t inode;
  int64_t next;
  unsigned short length;
  unsigned char type;
  char name[];
};

// The same by scanning /proc for processes whose parent is this one.
static int kill_children_scanned(void) {
  int proc = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (proc < 0) return 0;
  pid_t self = getpid();
  int killed = 0;
  char entries[8192];
  for (;;) {
    long got = syscall(SYS_getdents64, proc, entries, sizeof entries);
    if (got <= 0) break;
    for (long offset = 0; offset < got;) {
      const struct directory_entry *entry = (const void *)(entries + offset);
      offset += entry->length;
      if (entry->name[0] < '1' || entry->name[0] > '9') continue;
      char path[64] = "/proc/";
      size_t used = 6;
      for (const char *c = entry->name; *c && used < sizeof path - 6; c++) path[used++] = *c;
      memcpy(path + used, "/stat", 6);
      int fd = open(path, O_RDONLY | O_CLOEXEC);
      if (fd < 0) continue;
      char stat[512];
      ssize_t length = read(fd, stat, sizeof stat - 1);
      close(fd);
      if (length <= 0) continue;
      stat[length] = 0;
      // "PID (COMM) STATE PPID ...": COMM may hold anything, so start after its last ')'.
      char *close_paren = strrchr(stat, ')');
      if (!close_paren || close_paren[1] != ' ' || !close_paren[2] || close_paren[3] != ' ') continue;
      long parent = 0, pid = 0;
      for (char *c = close_paren + 4; *c >= '0' && *c <= '9'; c++) parent = parent * 10 + (*c - '0');
      for (const char *c = entry->name; *c >= '0' && *c <= '9'; c++) pid = pid * 10 + (*c - '0');
      if (parent == self && kill((pid_t)pid, SIGKILL) == 0) killed++;
    }
  }
  close(proc);
  return killed;
}

#ifndef __WALL
#define __WALL 0x40000000
#endif

// Kills every child, reaps it, and again for the descendants its death hands over, until
// there are no children. Records the command's status if it ends here.
static void reap_all(pid_t command, int *command_status, int *command_ended) {
  int listed = 1;
  for (;;) {
    if (listed) listed = kill_children_listed() >= 0;
    if (!listed) (void)kill_children_scanned();
    int status = 0;
    pid_t ended = (pid_t)syscall(SYS_wait4, -1, &status, __WALL, NULL);
    if (ended < 0 && errno == EINTR) continue;
    if (ended < 0) return;  // ECHILD: nothing left
    if (ended == command && !*command_ended) {
      *command_status = status;
      *command_ended = 1;
    }
  }
}

// Ends the reaper by the signal that ended the command, so codex sees the same status;
// no core file of the reaper's own.
static void die_like(int sig) {
  struct rlimit no_core = {0, 0};
  (void)setrlimit(RLIMIT_CORE, &no_core);
  struct sigaction default_action;
  memset(&default_action, 0, sizeof default_action);
  default_action.sa_handler = SIG_DFL;
  sigaction(sig, &default_action, NULL);
  sigset_t only;
  sigemptyset(&only);
  sigaddset(&only, sig);
  sigprocmask(SIG_UNBLOCK, &only, NULL);
  kill(getpid(), sig);
}

int codex_run_reaper(int error_pipe, pid_t codex) {
  if (prctl(PR_SET_CHILD_SUBREAPER, 1) != 0) return -1;
  if (prctl(PR_SET_PDEATHSIG, CODEX_REAPER_STOP) != 0) return -1;
  long command = clone_command(SIGCHLD);
  if (command < 0) return -1;
  if (command == 0) return 0;  // the command goes on to exec (its mask is cleared then)
  close_all();
  // Every signal stays blocked (as in the vfork child): the two that matter are taken
  // with sigwaitinfo, so none can arrive between a check and the wait that follows it.
  sigset_t waited;
  sigemptyset(&waited);
  sigaddset(&waited, SIGCHLD);
  sigaddset(&waited, CODEX_REAPER_STOP);
  int stopping = getppid() != codex;  // codex died before PR_SET_PDEATHSIG
  int status = 0, ended = 0;
  while (!stopping && !ended) {
    // Reap whatever has ended (adopted orphans too), then wait for the next signal.
    for (;;) {
      int child_status = 0;
      pid_t child = (pid_t)syscall(SYS_wait4, -1, &child_status, __WALL | WNOHANG, NULL);
      if (child <= 0) break;
      if (child == command) {
        status = child_status;
        ended = 1;
      }
    }
    if (ended) break;
    siginfo_t info;
    int got = sigwaitinfo(&waited, &info);
    if (got == CODEX_REAPER_STOP) stopping = 1;
  }
  reap_all((pid_t)command, &status, &ended);
  if (ended && WIFSIGNALED(status)) die_like(WTERMSIG(status));
  _exit(ended ? exit_code(status) : 128 + SIGKILL);
}

