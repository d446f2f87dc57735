#ifndef CODEX_WORLD_H
#define CODEX_WORLD_H

#include "CSandbox.h"

// The command's world, made in the spawn's vfork child: system calls only.

/// unshare(CLONE_NEWUSER | CLONE_NEWNS | flags), then the user's ids mapped to
/// themselves. 0, or -1 with errno.
int codex_enter_user_namespace(int flags, const char *uid_map, const char *gid_map);
/// The mounts of `world` in the current (new) mount namespace. 0, or -1 with errno.
int codex_build_world(const codex_world *world);

#endif
