#define _GNU_SOURCE
#include "world.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdint.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/syscall.h>
#include <unistd.h>

// Debian 12's headers predate mount_setattr (Linux 5.12).
#ifndef SYS_mount_setattr
#define SYS_mount_setattr 442
#endif
#ifndef MOUNT_ATTR_RDONLY
#define MOUNT_ATTR_RDONLY 0x00000001
#define MOUNT_ATTR_NOSUID 0x00000002
#endif
#ifndef AT_RECURSIVE
#define AT_RECURSIVE 0x8000
#endif

struct world_mount_attr {
  uint64_t attr_set;
  uint64_t attr_clr;
  uint64_t propagation;
  uint64_t userns_fd;
};

static int set_attributes(const char *path, unsigned flags, uint64_t set, uint64_t clear) {
  struct world_mount_attr attr = {.attr_set = set, .attr_clr = clear};
  return (int)syscall(SYS_mount_setattr, AT_FDCWD, path, flags, &attr, sizeof attr);
}

static int write_text(const char *path, const char *text) {
  int fd = open(path, O_WRONLY | O_CLOEXEC);
  if (fd < 0) return -1;
  ssize_t length = (ssize_t)strlen(text);
  ssize_t written = write(fd, text, (size_t)length);
  int saved = errno;
  close(fd);
  errno = saved;
  return written == length ? 0 : -1;
}

int codex_enter_user_namespace(int flags, const char *uid_map, const char *gid_map) {
  if (unshare(CLONE_NEWUSER | CLONE_NEWNS | flags) != 0) return -1;
  if (write_text("/proc/self/uid_map", uid_map) != 0) return -1;
  if (write_text("/proc/self/setgroups", "deny") != 0 && errno != ENOENT) return -1;
  if (write_text("/proc/self/gid_map", gid_map) != 0) return -1;
  return 0;
}

// The order is what makes the world: every mount that must differ from "/" is made
// first (a bind of each writable root over itself, then of each read-only path), the
// whole tree is then made read-only in one call, and only the writable roots' own mounts
// get their write right back, before the read-only paths inside them lose it again. A
// path made writable is therefore one the policy names, never one left out by mistake.
int codex_build_world(const codex_world *w) {
  for (int i = 0; i < w->writable_count; i++)
    if (mount(w->writable[i], w->writable[i], NULL, MS_BIND | MS_REC, NULL) != 0) return -1;
  for (int i = 0; i < w->readonly_count; i++)
    if (mount(w->readonly[i], w->readonly[i], NULL, MS_BIND | MS_REC, NULL) != 0) return -1;
  // A socket bound outside becomes /dev/null here; one gone since it was listed is no loss.
  for (int i = 0; i < w->masked_count; i++) (void)mount("/dev/null", w->masked[i], NULL, MS_BIND, NULL);
  // Read-only and without set-user-ID everywhere, submounts included (/proc, /dev/shm...).
  if (set_attributes("/", AT_RECURSIVE, MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID, 0) != 0) return -1;
  for (int i = 0; i < w->writable_count; i++) {
    // A mount beneath the root that was read-only before codex started (locked in this
    // namespace) refuses the recursive change; the root's own mount still takes it.
    if (set_attributes(w->writable[i], AT_RECURSIVE, 0, MOUNT_ATTR_RDONLY) != 0 &&
        set_attributes(w->writable[i], 0, 0, MOUNT_ATTR_RDONLY) != 0 && errno != EPERM)
      return -1;
  }
  for (int i = 0; i < w->readonly_count; i++)
    if (set_attributes(w->readonly[i], AT_RECURSIVE, MOUNT_ATTR_RDONLY, 0) != 0) return -1;
  // Shared memory of its own (POSIX semaphores, multiprocessing), unless /dev/shm is a
  // writable root already; where the kernel refuses, /dev/shm stays read-only.
  if (w->private_shm) (void)mount("tmpfs", "/dev/shm", "tmpfs", MS_NOSUID | MS_NODEV, "mode=1777");
  return 0;
}
