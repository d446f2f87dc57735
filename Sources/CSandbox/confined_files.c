#define _GNU_SOURCE
#include "CSandbox.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#ifndef SYS_openat2
#define SYS_openat2 437
#endif
// Debian 12's headers predate openat2's resolve flags.
#define CODEX_RESOLVE_NO_MAGICLINKS 0x02
#define CODEX_RESOLVE_BENEATH 0x08

struct codex_open_how {
  uint64_t flags;
  uint64_t mode;
  uint64_t resolve;
};

static int open_beneath(int root_fd, const char *relative, int flags) {
  struct codex_open_how how = {
      .flags = (uint64_t)(flags | O_CLOEXEC), .mode = 0, .resolve = CODEX_RESOLVE_BENEATH | CODEX_RESOLVE_NO_MAGICLINKS};
  int fd;
  do {
    fd = (int)syscall(SYS_openat2, root_fd, relative, &how, sizeof how);
  } while (fd < 0 && (errno == EINTR || errno == EAGAIN));
  return fd;
}

int codex_open_directory(const char *path) { return open(path, O_PATH | O_DIRECTORY | O_CLOEXEC); }

int codex_confined_open_dir(int root_fd, const char *relative, int create, int *dir_fd) {
  if (!relative[0]) relative = ".";
  int fd = open_beneath(root_fd, relative, O_PATH | O_DIRECTORY);
  if (fd >= 0 || errno != ENOENT || !create) {
    if (fd < 0) return errno;
    *dir_fd = fd;
    return 0;
  }
  // Create the missing directories one by one, each beneath the root.
  char prefix[4096];
  size_t length = strlen(relative);
  if (length >= sizeof prefix) return ENAMETOOLONG;
  memcpy(prefix, relative, length + 1);
  for (size_t i = 0; i <= length; i++) {
    if (prefix[i] != '/' && prefix[i] != 0) continue;
    if (i == 0) continue;
    char saved = prefix[i];
    prefix[i] = 0;
    int existing = open_beneath(root_fd, prefix, O_PATH | O_DIRECTORY);
    if (existing >= 0) {
      close(existing);
    } else if (errno == ENOENT) {
      // mkdirat on the parent opened beneath the root: the new name cannot escape it.
      char *slash = strrchr(prefix, '/');
      int parent;
      const char *name = prefix;
      if (slash) {
        *slash = 0;
        parent = open_beneath(root_fd, prefix, O_PATH | O_DIRECTORY);
        *slash = '/';
        name = slash + 1;
      } else {
        parent = open_beneath(root_fd, ".", O_PATH | O_DIRECTORY);
      }
      if (parent < 0) return errno;
      int made = mkdirat(parent, name, 0777);
      int saved_errno = errno;
      close(parent);
      if (made != 0 && saved_errno != EEXIST) return saved_errno;
    } else {
      return errno;
    }
    prefix[i] = saved;
  }
  fd = open_beneath(root_fd, relative, O_PATH | O_DIRECTORY);
  if (fd < 0) return errno;
  *dir_fd = fd;
  return 0;
}

int codex_confined_write(int dir_fd, const char *name, const void *data, size_t length) {
  if (strchr(name, '/') || !name[0]) return EINVAL;
  struct stat existing;
  mode_t mode = 0;
  int keep_mode = fstatat(dir_fd, name, &existing, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(existing.st_mode);
  if (keep_mode) mode = existing.st_mode & 07777;
  char temporary[64];
  int fd = -1;
  struct timespec now;
  for (int attempt = 0; attempt < 16 && fd < 0; attempt++) {
    clock_gettime(CLOCK_MONOTONIC, &now);
    snprintf(temporary, sizeof temporary, ".codex-patch-%d-%lx-%d", (int)getpid(), (unsigned long)now.tv_nsec,
             attempt);
    fd = openat(dir_fd, temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
    if (fd < 0 && errno != EEXIST) return errno;
  }
  if (fd < 0) return EEXIST;
  int status = 0;
  const char *bytes = data;
  size_t done = 0;
  while (status == 0 && done < length) {
    ssize_t wrote = write(fd, bytes + done, length - done);
    if (wrote < 0 && errno == EINTR) continue;
    if (wrote < 0) status = errno;
    else done += (size_t)wrote;
  }
  if (status == 0 && keep_mode && fchmod(fd, mode) != 0) status = errno;
  if (close(fd) != 0 && status == 0) status = errno;
  // renameat replaces the entry itself: a symbolic link there is replaced, not followed.
  if (status == 0 && renameat(dir_fd, temporary, dir_fd, name) != 0) status = errno;
  if (status != 0) unlinkat(dir_fd, temporary, 0);
  return status;
}

int codex_confined_unlink(int dir_fd, const char *name) {
  if (strchr(name, '/') || !name[0]) return EINVAL;
  return unlinkat(dir_fd, name, 0) == 0 ? 0 : errno;
}
