#define _GNU_SOURCE
#include "CSandbox.h"

#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <linux/filter.h>
#include <seccomp.h>
#include <stdlib.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

// libseccomp is loaded when the first sandboxed command's filter is built, not at
// start-up. The calls below go through pointers bound then.
static scmp_filter_ctx (*seccomp_init_fn)(uint32_t);
static int (*seccomp_rule_add_fn)(scmp_filter_ctx, uint32_t, int, unsigned int, ...);
static void (*seccomp_release_fn)(scmp_filter_ctx);
static int (*seccomp_export_bpf_fn)(const scmp_filter_ctx, int);
#define seccomp_init(...) (*seccomp_init_fn)(__VA_ARGS__)
#define seccomp_rule_add(...) (*seccomp_rule_add_fn)(__VA_ARGS__)
#define seccomp_release(...) (*seccomp_release_fn)(__VA_ARGS__)
#define seccomp_export_bpf(...) (*seccomp_export_bpf_fn)(__VA_ARGS__)

static pthread_once_t once = PTHREAD_ONCE_INIT;
static const char *problem;

static void load(void) {
  void *library = dlopen("libseccomp.so.2", RTLD_NOW | RTLD_LOCAL);
  if (!library) {
    problem = "libseccomp is not installed (Debian package libseccomp2: apt-get install libseccomp2)";
    return;
  }
  *(void **)(&seccomp_init_fn) = dlsym(library, "seccomp_init");
  *(void **)(&seccomp_rule_add_fn) = dlsym(library, "seccomp_rule_add");
  *(void **)(&seccomp_release_fn) = dlsym(library, "seccomp_release");
  *(void **)(&seccomp_export_bpf_fn) = dlsym(library, "seccomp_export_bpf");
  if (!seccomp_init_fn || !seccomp_rule_add_fn || !seccomp_release_fn || !seccomp_export_bpf_fn)
    problem = "the installed libseccomp is too old; install libseccomp2 2.5 or later";
}

const char *codex_seccomp_problem(void) {
  pthread_once(&once, load);
  return problem;
}

int codex_seccomp_build(int allow_network, codex_seccomp_program *out) {
  if (codex_seccomp_problem()) return -ELIBACC;
  scmp_filter_ctx filter = seccomp_init(SCMP_ACT_ALLOW);
  if (!filter) return -ENOMEM;
  const int denied[] = {
      SCMP_SYS(ptrace),          SCMP_SYS(process_vm_writev), SCMP_SYS(process_vm_readv),
      SCMP_SYS(io_uring_setup),  SCMP_SYS(io_uring_enter),    SCMP_SYS(io_uring_register),
      SCMP_SYS(bpf),             SCMP_SYS(keyctl),            SCMP_SYS(add_key),
      SCMP_SYS(request_key),     SCMP_SYS(mount),             SCMP_SYS(umount2),
      SCMP_SYS(unshare),         SCMP_SYS(setns),             SCMP_SYS(pivot_root),
      SCMP_SYS(move_mount),      SCMP_SYS(open_tree),         SCMP_SYS(fsopen),
      SCMP_SYS(fsmount),         SCMP_SYS(fsconfig),          SCMP_SYS(fspick),
      SCMP_SYS(kexec_load),      SCMP_SYS(kexec_file_load),   SCMP_SYS(init_module),
      SCMP_SYS(finit_module),    SCMP_SYS(delete_module),     SCMP_SYS(perf_event_open),
      SCMP_SYS(userfaultfd),     SCMP_SYS(mount_setattr),     SCMP_SYS(chroot),
  };
  int status = 0;
  for (size_t i = 0; status == 0 && i < sizeof denied / sizeof denied[0]; i++)
    if (denied[i] >= 0) status = seccomp_rule_add(filter, SCMP_ACT_ERRNO(EPERM), denied[i], 0);
  // New namespaces through clone's flags (unshare is refused above). clone3 passes its
  // flags in memory a filter cannot read, so it fails as if the kernel lacked it, and
  // libc falls back to clone.
  const unsigned long namespace_flags[] = {CLONE_NEWUSER, CLONE_NEWNS,  CLONE_NEWNET,   CLONE_NEWPID,
                                           CLONE_NEWIPC,  CLONE_NEWUTS, CLONE_NEWCGROUP};
  for (size_t i = 0; status == 0 && i < sizeof namespace_flags / sizeof namespace_flags[0]; i++)
    status = seccomp_rule_add(filter, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(clone), 1,
                              SCMP_A0(SCMP_CMP_MASKED_EQ, namespace_flags[i], namespace_flags[i]));
  if (status == 0) status = seccomp_rule_add(filter, SCMP_ACT_ERRNO(ENOSYS), SCMP_SYS(clone3), 0);
  // Typing into a terminal (TIOCSTI) or reading the console's selection (TIOCLINUX),
  // should a terminal descriptor reach the command despite its new session.
  if (status == 0)
    status = seccomp_rule_add(filter, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(ioctl), 1,
                              SCMP_A1(SCMP_CMP_MASKED_EQ, 0xffffffffU, TIOCSTI));
  if (status == 0)
    status = seccomp_rule_add(filter, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(ioctl), 1,
                              SCMP_A1(SCMP_CMP_MASKED_EQ, 0xffffffffU, TIOCLINUX));
  // Querying the personality is harmless; changing it is not allowed.
  if (status == 0)
    status = seccomp_rule_add(filter, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(personality), 1,
                              SCMP_A0(SCMP_CMP_NE, 0xffffffffU));
  if (status == 0 && !allow_network) {
    status = seccomp_rule_add(filter, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(socket), 1, SCMP_A0(SCMP_CMP_NE, AF_UNIX));
    if (status == 0)
      status =
          seccomp_rule_add(filter, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(socketpair), 1, SCMP_A0(SCMP_CMP_NE, AF_UNIX));
  }
  if (status != 0) {
    seccomp_release(filter);
    return status;
  }
  // libseccomp 2.5 exports only to a descriptor: export to memory through a memfd.
  int fd = memfd_create("codex-seccomp", MFD_CLOEXEC);
  if (fd < 0) {
    status = -errno;
    seccomp_release(filter);
    return status;
  }
  status = seccomp_export_bpf(filter, fd);
  seccomp_release(filter);
  struct stat info;
  if (status == 0 && fstat(fd, &info) != 0) status = -errno;
  if (status == 0) {
    size_t size = (size_t)info.st_size;
    void *filters = malloc(size);
    if (!filters) status = -ENOMEM;
    if (status == 0 && pread(fd, filters, size, 0) != (ssize_t)size) {
      free(filters);
      status = -EIO;
    }
    if (status == 0) {
      out->filters = filters;
      out->count = (unsigned short)(size / sizeof(struct sock_filter));
    }
  }
  close(fd);
  return status;
}

void codex_seccomp_free(codex_seccomp_program *program) {
  free(program->filters);
  program->filters = NULL;
  program->count = 0;
}
