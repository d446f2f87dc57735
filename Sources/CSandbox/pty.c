#define _GNU_SOURCE
#include "CSandbox.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

int codex_open_pty(int *master, int *slave, unsigned short columns, unsigned short rows) {
  int m = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (m < 0) return errno;
  char name[128];
  if (grantpt(m) != 0 || unlockpt(m) != 0 || ptsname_r(m, name, sizeof name) != 0) {
    int saved = errno;
    close(m);
    return saved;
  }
  int s = open(name, O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (s < 0) {
    int saved = errno;
    close(m);
    return saved;
  }
  struct winsize size = {.ws_row = rows, .ws_col = columns};
  (void)ioctl(m, TIOCSWINSZ, &size);
  *master = m;
  *slave = s;
  return 0;
}
