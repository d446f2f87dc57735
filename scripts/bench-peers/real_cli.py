"""Rows beside the real Codex CLI 0.163 (the PyPI wheel openai-codex-cli-bin, fetched
pinned into .build-peers by scripts/peers codex-cli): start-up, one exec turn, the gap
between an answer and the next request as the history grows, CPU per streamed delta,
and turns in repositories of 0, 10 000 and 50 000 files. Runs alternate the two
programs so both meet the same noise; medians (min, max)."""

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
REAL = os.path.join(ROOT, ".build-peers", "codex-cli-0.163.0", "codex_cli_bin", "bin", "codex")
SERVER = os.path.join(ROOT, "scripts", "scripted-model-server")


def fetch():
    if not os.access(REAL, os.X_OK):
        subprocess.run([os.path.join(ROOT, "scripts", "peers"), "codex-cli"], stdout=subprocess.DEVNULL)
    return REAL if os.access(REAL, os.X_OK) else None


def env_for(home):
    resources = os.path.join(os.path.dirname(os.path.dirname(REAL)), "codex-resources")
    return dict(os.environ, CODEX_HOME=home, SCRIPTED_KEY="k", PATH=resources + ":" + os.environ["PATH"])


def scratch():
    """A folder outside /tmp (the real CLI refuses helper files under the temp dir)."""
    base = os.path.join(ROOT, ".build-peers", "bench")
    os.makedirs(base, exist_ok=True)
    return tempfile.TemporaryDirectory(dir=base)


def start_server(script, directory, timing=None):
    path = os.path.join(directory, "script-%d.json" % time.perf_counter_ns())
    with open(path, "w") as out:
        json.dump({"responses": script}, out)
    argv = [sys.executable, SERVER, path] + (["--timing", timing] if timing else [])
    server = subprocess.Popen(argv, stdout=subprocess.PIPE, text=True)
    return server, server.stdout.readline().split()[1]


def write_config(home, port):
    with open(os.path.join(home, "config.toml"), "w") as out:
        out.write('model = "gpt-5.5"\nmodel_provider = "s"\napproval_policy = "never"\n'
                  'sandbox_mode = "workspace-write"\n[model_providers.s]\nname = "s"\n'
                  'base_url = "http://127.0.0.1:%s/v1"\nwire_api = "responses"\nenv_key = "SCRIPTED_KEY"\n' % port)


def run_exec(program, home, workdir, prompt="go"):
    """Wall seconds and CPU seconds (user + system, children included) of one exec."""
    start = time.perf_counter()
    process = subprocess.Popen([program, "exec", "--skip-git-repo-check", prompt], cwd=workdir, env=env_for(home),
                               stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    run_exec.user = usage.ru_utime
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime


def spread(samples):
    return (statistics.median(samples) * 1000, min(samples) * 1000, max(samples) * 1000)


def pair(name, ours, theirs):
    return [("%s (codex)" % name, ours[0], "min %.2f max %.2f" % ours[1:]),
            ("%s (real Codex 0.163)" % name, theirs[0], "min %.2f max %.2f" % theirs[1:]),
            ("  ratio codex / real Codex", None, "%.2fx" % (ours[0] / theirs[0]))]


def exec_turns(codex, runs, script, workdir=None, setup=None):
    """`runs` exec turns of `script` by each program, alternating; wall and CPU samples."""
    results = {codex: ([], [], []), REAL: ([], [], [])}
    with scratch() as home:
        for _ in range(runs):
            for program in (codex, REAL):
                server, port = start_server(script, home)
                try:
                    write_config(home, port)
                    if setup:
                        setup()
                    wall, cpu = run_exec(program, home, workdir or home)
                    results[program][0].append(wall)
                    results[program][1].append(cpu)
                    results[program][2].append(run_exec.user)
                finally:
                    server.kill()
                    server.wait()
    return results


def bench_version(codex, runs):
    ours, theirs = [], []
    for _ in range(runs):
        for program, samples in ((codex, ours), (REAL, theirs)):
            start = time.perf_counter()
            subprocess.run([program, "--version"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            samples.append(time.perf_counter() - start)
    pie = subprocess.run(["readelf", "-h", codex], capture_output=True, text=True).stdout
    kind = next((line.split(":")[1].split()[0] for line in pie.splitlines() if "Type:" in line), "?")
    return pair("--version", spread(ours), spread(theirs)) + [("  codex ELF type", None, kind)]


def bench_exec_turn(codex, runs):
    script = [{"events": [{"function_call": {"name": "exec_command", "call_id": "c1",
                                              "arguments": {"cmd": "true", "login": False}}}]},
              {"events": [{"text": "done"}]}]
    results = exec_turns(codex, runs, script)
    return pair("exec: one turn, exec_command + answer", spread(results[codex][0]), spread(results[REAL][0]))


def bench_request_gap(codex, calls=12, chunk_kb=90, repeats=5):
    """The time between the end of a response and the next request, against the size of
    that request: each call reads a file of `chunk_kb` KB, so the history grows by that
    much a call. The slope (ms per MB) is what the client spends per byte of history,
    fitted to each request's median gap over `repeats` runs (one run's gaps vary by
    more than the growth being measured)."""
    rows = []
    with scratch() as home:
        with open(os.path.join(home, "chunk.txt"), "w") as out:
            out.write("".join(
                "line %06d lorem ipsum dolor sit amet, consectetur adipiscing\n" % i
                for i in range(chunk_kb * 1024 // 62)))
        script = [{"events": [{"function_call": {"name": "exec_command", "call_id": "c%d" % i,
                                                 "arguments": {"cmd": "cat chunk.txt", "login": False, "max_output_tokens": 100000}}}]}
                  for i in range(calls)] + [{"events": [{"text": "done"}]}]
        gaps = {codex: [], REAL: []}
        for run in range(repeats):
            for program in (codex, REAL):
                timing = os.path.join(home, "timing-%d-%d.jsonl" % (run, program == REAL))
                server, port = start_server(script, home, timing)
                try:
                    write_config(home, port)
                    run_exec(program, home, home)
                finally:
                    server.kill()
                    server.wait()
                with open(timing) as handle:
                    marks = [json.loads(line) for line in handle]
                gaps[program].append([(b["size"] / 1e6, (b["arrived"] - a["finished"]) * 1000)
                                      for a, b in zip(marks, marks[1:])])
        for program, label in ((codex, "codex"), (REAL, "real Codex 0.163")):
            runs = gaps[program]
            count = min(len(points) for points in runs)
            xs = [statistics.median(points[i][0] for points in runs) for i in range(count)]
            ys = [statistics.median(points[i][1] for points in runs) for i in range(count)]
            mean_x, mean_y = statistics.mean(xs), statistics.mean(ys)
            slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys)) / sum((x - mean_x) ** 2 for x in xs)
            rows.append(("request gap growth (%s)" % label, slope,
                         "ms per MB of request; %d requests up to %.2f MB, median gaps %.1f..%.1f ms over %d runs"
                         % (count, max(xs), min(ys), max(ys), len(runs))))
    return rows


def bench_stream(codex, runs, deltas=20000):
    """CPU per streamed delta: (CPU of an answer of `deltas` deltas - CPU of one delta) /
    (deltas - 1); and the wall time of the long answer beside the real CLI."""
    long_script = [{"events": [{"text": "w%d " % (i % 10)} for i in range(deltas)]}]
    short_script = [{"events": [{"text": "w"}]}]
    long = exec_turns(codex, runs, long_script)
    short = exec_turns(codex, runs, short_script)
    rows = []
    for program, label in ((codex, "codex"), (REAL, "real Codex 0.163")):
        per = (statistics.median(long[program][1]) - statistics.median(short[program][1])) / (deltas - 1)
        user = (statistics.median(long[program][2]) - statistics.median(short[program][2])) / (deltas - 1)
        # System time is mostly the loopback TCP work of the server's one write per event,
        # charged to whichever process runs: shown apart.
        rows.append(("CPU per streamed delta (%s)" % label, None,
                     "%.2f µs, of which user %.2f µs" % (per * 1e6, user * 1e6)))
    rows += pair("a %d-delta answer, wall" % deltas, spread(long[codex][0]), spread(long[REAL][0]))
    return rows


def make_repository(path, files):
    os.makedirs(path, exist_ok=True)
    for index in range(files):
        directory = os.path.join(path, "d%03d" % (index // 500))
        os.makedirs(directory, exist_ok=True)
        with open(os.path.join(directory, "f%05d.txt" % index), "w") as out:
            out.write("file %d\n" % index)
    with open(os.path.join(path, "a.txt"), "w") as out:
        out.write("a\n")
    # No automatic gc: one detached after the commit would pack while rows are measured.
    git = ["git", "-c", "user.name=b", "-c", "user.email=b@b", "-c", "gc.auto=0"]
    subprocess.run(git + ["init", "-q"], cwd=path, check=True)
    subprocess.run(git + ["add", "-A"], cwd=path, check=True)
    subprocess.run(git + ["commit", "-qm", "files"], cwd=path, check=True)
    # As in a repository in use, the index is newer than its files: a file changed in the
    # same second as the index was written would be "racily clean" and read again.
    time.sleep(1.1)
    subprocess.run(git + ["update-index", "--really-refresh", "-q"], cwd=path)
    os.utime(os.path.join(path, ".git", "index"))
    # The new files written back to disk now, not while the first rows are measured.
    os.sync()


def bench_repository_size(codex, runs):
    """A read-only turn (`cat a.txt`) and a turn that writes (a patch adding a file) in
    repositories of 0, 10 000 and 50 000 files: what the repository's size adds."""
    reading = [{"events": [{"function_call": {"name": "exec_command", "call_id": "c1", "arguments": {"cmd": "cat a.txt", "login": False}}}]},
               {"events": [{"text": "done"}]}]
    writing = [{"events": [{"custom_tool_call": {"name": "apply_patch", "call_id": "c1",
                                                 "input": "*** Begin Patch\n*** Add File: new.txt\n+new\n*** End Patch\n"}}]},
               {"events": [{"text": "done"}]}]
    rows = []
    with scratch() as base:
        medians = {}
        for files in (0, 10000, 50000):
            repo = os.path.join(base, "repo%d" % files)
            make_repository(repo, files)
            commanding = [{"events": [{"function_call": {"name": "exec_command", "call_id": "c1", "arguments": {
                "cmd": "echo new > new.txt", "login": False}}}]}, {"events": [{"text": "done"}]}]
            for kind, script in (("reads", reading), ("writes (patch)", writing),
                                 ("writes (command)", commanding)):
                samples = []
                with scratch() as home:
                    for _ in range(runs):
                        if os.path.exists(os.path.join(repo, "new.txt")):
                            os.remove(os.path.join(repo, "new.txt"))
                        server, port = start_server(script, home)
                        try:
                            write_config(home, port)
                            samples.append(run_exec(codex, home, repo)[0])
                        finally:
                            server.kill()
                            server.wait()
                medians[(kind, files)] = statistics.median(samples) * 1000
                rows.append(("turn that %s, %d files" % (kind, files), medians[(kind, files)],
                             "" if files == 0 else "+%.1f ms over 0 files" % (medians[(kind, files)] - medians[(kind, 0)])))
    return rows


def bench_undoable_turns(codex, runs, think_ms=0):
    """What a turn that writes costs where /undo is offered (the REPL, and a script with
    an /undo step): the working tree's snapshot before a command runs. Two turns each
    write a file by command; the row is the gap before the second turn's second request
    (the command, its snapshot and the request), at 0, 10 000 and 50 000 files. With
    `think_ms`, the model takes about that long to ask for the second command (a real
    one takes longer): time in which the snapshot begun after the first command ends."""
    script = []
    for name in ("one", "two"):
        call = {"events": [{"function_call": {"name": "exec_command", "call_id": "c-" + name, "arguments": {
            "cmd": "echo %s > %s.txt" % (name, name), "login": False}}}]}
        if name == "two" and think_ms:
            # The delay comes before each of the response's three SSE messages.
            call["delay_ms"] = think_ms / 3
        script += [call, {"events": [{"text": "done"}]}]
    label = "undoable turn's command gap%s" % (", model answering in %d ms" % think_ms if think_ms else "")
    rows, medians = [], {}
    with scratch() as base:
        steps = os.path.join(base, "turns.codex")
        with open(steps, "w") as out:
            out.write("/sandbox workspace-write\n/approve never\ngo\n\ngo\n\n/undo\n")
        for files in (0, 10000, 50000):
            repo = os.path.join(base, "repo%d" % files)
            make_repository(repo, files)
            samples = []
            with scratch() as home:
                for run in range(runs):
                    timing = os.path.join(home, "timing-%d.jsonl" % run)
                    server, port = start_server(script, home, timing)
                    try:
                        write_config(home, port)
                        status = subprocess.run([codex, "run", steps], cwd=repo, env=env_for(home),
                                                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                                stderr=subprocess.DEVNULL).returncode
                    finally:
                        server.kill()
                        server.wait()
                    with open(timing) as handle:
                        marks = [json.loads(line) for line in handle]
                    if status != 0 or len(marks) != 4 or os.path.exists(os.path.join(repo, "two.txt")):
                        raise RuntimeError("the undoable turns did not run as scripted (status %d)" % status)
                    samples.append((marks[3]["arrived"] - marks[2]["finished"]) * 1000)
                    os.remove(os.path.join(repo, "one.txt"))
            medians[files] = statistics.median(samples)
            rows.append(("%s, %d files" % (label, files), medians[files],
                         "" if files == 0 else "+%.1f ms over 0 files" % (medians[files] - medians[0])))
    return rows


def rows(codex, runs):
    if not fetch():
        return [("real Codex 0.163", None, "not fetched (scripts/peers codex-cli failed); rows skipped")]
    return (bench_version(codex, max(runs, 31)) + bench_exec_turn(codex, runs) + bench_request_gap(codex)
            + bench_stream(codex, max(5, runs // 2)) + bench_repository_size(codex, max(5, runs // 2))
            + bench_undoable_turns(codex, max(5, runs // 2))
            + bench_undoable_turns(codex, max(5, runs // 2), think_ms=300)
            + bench_idle_memory(codex, 3))


def idle_rss(pid, settle=1.0):
    time.sleep(settle)
    with open("/proc/%d/status" % pid) as status:
        return int(next(line for line in status if line.startswith("VmRSS:")).split()[1]) / 1024.0


def bench_idle_memory(codex, runs, theirs_argv=None, theirs_env=None, label="real Codex 0.163 app-server"):
    """RSS of an idle session: our REPL waiting at its prompt (pseudo-terminal), the real
    Codex's app-server (`theirs_argv`, by default the 0.163 CLI's) with a thread started
    and no turn."""
    import pty
    import select
    ours, theirs = [], []
    with scratch() as home:
        env = dict(env_for(home), TERM="xterm")
        for _ in range(runs):
            pid, fd = pty.fork()
            if pid == 0:
                os.chdir(home)
                os.execve(codex, [codex, "-c", "projects.\"%s\".trust_level=\"trusted\"" % home], env)
            seen = b""
            while "› ".encode() not in seen:
                ready, _, _ = select.select([fd], [], [], 10)
                if not ready:
                    raise RuntimeError("no prompt: %r" % seen[-200:])
                seen += os.read(fd, 4096)
            ours.append(idle_rss(pid))
            os.kill(pid, 9)
            os.waitpid(pid, 0)
            os.close(fd)
            process = subprocess.Popen(theirs_argv or [REAL, "app-server"], stdin=subprocess.PIPE,
                                       stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=home,
                                       env=dict(env, **(theirs_env or {})))
            for message in ({"id": 1, "method": "initialize", "params": {"clientInfo": {"name": "b", "version": "1"}}},
                            {"method": "initialized"},
                            {"id": 2, "method": "thread/start", "params": {"cwd": home}}):
                process.stdin.write(json.dumps(message) + "\n")
                process.stdin.flush()
            for line in process.stdout:
                if json.loads(line).get("id") == 2:
                    break
            theirs.append(idle_rss(process.pid))
            process.kill()
            process.wait()
    ours_mb, theirs_mb = statistics.median(ours), statistics.median(theirs)
    return [("idle session RSS (codex / %s)" % label, None,
             "%.1f / %.1f MiB (ours min %.1f max %.1f), %.2fx" % (ours_mb, theirs_mb, min(ours), max(ours),
                                                                 ours_mb / theirs_mb))]
