#define _GNU_SOURCE
#include "CSandbox.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

extern char **environ;

// Whether a variable's name says it holds a secret: KEY, SECRET or TOKEN in any case, as
// the default shell_environment_policy excludes.
static int secret_name(const char *entry) {
  static const char *const words[] = {"KEY", "SECRET", "TOKEN"};
  const char *equals = strchr(entry, '=');
  size_t length = equals ? (size_t)(equals - entry) : strlen(entry);
  for (size_t w = 0; w < sizeof words / sizeof words[0]; w++) {
    size_t word = strlen(words[w]);
    for (size_t i = 0; i + word <= length; i++) {
      size_t j = 0;
      while (j < word && toupper((unsigned char)entry[i + j]) == words[w][j]) j++;
      if (j == word) return 1;
    }
  }
  return 0;
}

// The original environment block's bounds: fields 50 and 51 of /proc/self/stat.
static int environment_block(unsigned long *start, unsigned long *end) {
  int fd = open("/proc/self/stat", O_RDONLY | O_CLOEXEC);
  if (fd < 0) return -1;
  char text[1024];
  ssize_t length = read(fd, text, sizeof text - 1);
  close(fd);
  if (length <= 0) return -1;
  text[length] = 0;
  // The name (field 2) may hold spaces and parentheses: count from its last ')'.
  char *cursor = strrchr(text, ')');
  if (!cursor) return -1;
  cursor++;
  unsigned long values[2] = {0, 0};
  for (int field = 3; field <= 51; field++) {
    while (*cursor == ' ') cursor++;
    if (!*cursor) return -1;
    char *next;
    unsigned long value = strtoul(cursor, &next, 10);
    if (field >= 50) values[field - 50] = value;
    cursor = next;
    while (*cursor && *cursor != ' ') cursor++;
  }
  *start = values[0];
  *end = values[1];
  return *start && *end > *start ? 0 : -1;
}

void codex_protect_secrets(void) {
  (void)prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
  unsigned long start, end;
  if (environment_block(&start, &end) != 0) return;
  for (char **entry = environ; entry && *entry; entry++) {
    unsigned long address = (unsigned long)*entry;
    if (address < start || address >= end || !secret_name(*entry)) continue;
    char *copy = strdup(*entry);
    if (!copy) continue;
    char *value = strchr(*entry, '=');
    if (value) memset(value + 1, 0, strlen(value + 1));
    *entry = copy;
  }
}
