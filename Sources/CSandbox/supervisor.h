#ifndef CODEX_SUPERVISOR_H
#define CODEX_SUPERVISOR_H

#include <sys/types.h>

// The processes that stand between codex and a command (see `codex_spawn`). Both run in
// a child of the spawn's vfork child: system calls only, no allocation, no locks. Each
// returns 0 in the command's process (which goes on to exec) and -1 on a failure before
// the command exists; the supervisor itself never returns.

/// PID 1 of the command's PID namespace.
int codex_run_init(int error_pipe);
/// The command's child subreaper, told of codex's death by PR_SET_PDEATHSIG.
int codex_run_reaper(int error_pipe, pid_t codex);
/// Closes the descriptors from `first` to `last` (one by one before Linux 5.9).
void codex_close_range_of(unsigned first, unsigned last);

#endif
