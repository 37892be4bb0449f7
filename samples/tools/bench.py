#!/usr/bin/env python3
"""Rerunnable benchmark of vmcs-inspect against the baselines the issues name, measured in the
same run: `cat` and `grep -c` for kernel logs, `xxd -r` for hex dumps, `xxd` for start-up.

Every input is generated here, from the repository's samples. Figures are wall-clock seconds
(the best of several runs, which is what a quiet machine gives), throughput in MB/s (10^6
bytes) of input text, and peak resident memory of the process (GNU time's %M where
/usr/bin/time exists, else wait4's ru_maxrss).

Usage (from the repository root, after `swift build -c release -Xswiftc -static-stdlib`):

    samples/tools/bench.py [--binary PATH] [--log-mib N] [--dense-mib N] [--hex-mib N]
                           [--trace-mib N] [--bare PATH] [--quick] [--only SECTION ...]

Sections: logs, dense (a log with a dump every 500 lines, each command also with one thread),
hexdumps, traces, startup, memory, linear (the doubling runs of samples/tools/bench_linear.py). `--bare` names a Swift binary that only parses arguments with
ArgumentParser (with its arguments, quoted as one), timed beside xxd at start-up. `--quick` shrinks every input (for a smoke run);
the goals are checked only on full-size runs. Exit status 1 when a goal is missed.
"""

import argparse
import importlib.util
import os
import random
import shlex
import re
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SAMPLES = os.path.join(ROOT, "samples")



def dump_lines(name):
    """A sample dump's lines without their timestamps."""
    with open(os.path.join(SAMPLES, name)) as f:
        return [re.sub(r"^\[\s*[0-9.]+\]\s*", "", line.rstrip("\n")) for line in f]


def write_log(path, size, dump_every=20000, seed=1):
    """A kernel log of `size` bytes: ordinary dmesg lines with a VMCS or VMCB dump every
    `dump_every` lines. Returns the number of dumps."""
    rng = random.Random(seed)
    # The ordinary lines are bench_linear.py's.
    other_lines = linear_module().OTHER_LINES
    dumps = [dump_lines("vmcs-ept-violation.kvm-6.12.log"), dump_lines("vmcb-npf.kvm.log")]
    written = 0
    count = 0
    stamp = 1.0
    lines = 0
    with open(path, "w") as f:
        while written < size:
            chunk = []
            for _ in range(1000):
                lines += 1
                if lines % dump_every == 0:
                    for line in dumps[count % 2]:
                        chunk.append("[%12.6f] %s\n" % (stamp, line))
                        stamp += 0.000003
                    count += 1
                chunk.append("[%12.6f] %s\n" % (stamp, rng.choice(other_lines)))
                stamp += 0.0007
            text = "".join(chunk)
            f.write(text)
            written += len(text)
    return count


def machine():
    """The processor, its cores and the memory, for the figures' context."""
    model = "unknown processor"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
        with open("/proc/meminfo") as f:
            memory = int(f.readline().split()[1]) // (1 << 20)
    except OSError:
        memory = 0
    return "%s, %d CPUs, %d GiB, %s" % (model, os.cpu_count(), memory, " ".join(os.uname()[2:3]))


# GNU time reports the peak RSS of the command alone. wait4's ru_maxrss of a child this script
# forks would include this script's own size at the fork, which the kernel counts as the
# child's until it execs.
GNU_TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None


def run(command, stdin=None, stdout=subprocess.DEVNULL, env=None):
    """Wall-clock seconds, peak RSS in KiB and exit status of one run."""
    with tempfile.NamedTemporaryFile("r", prefix="vmcs-inspect-rss-") as rss:
        wrapped = [GNU_TIME, "-q", "-f", "%M", "-o", rss.name] + command if GNU_TIME else command
        start = time.perf_counter()
        process = subprocess.Popen(wrapped, stdin=stdin, stdout=stdout, stderr=subprocess.DEVNULL, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        peak = usage.ru_maxrss
        if GNU_TIME:
            text = rss.read().strip().splitlines()
            peak = int(text[-1]) if text and text[-1].isdigit() else None
    return elapsed, peak, os.waitstatus_to_exitcode(status)


def spawned(command):
    """Wall-clock seconds of one run started with posix_spawn, output discarded (start-up)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        start = time.perf_counter()
        pid = os.posix_spawnp(command[0], command, os.environ, file_actions=[(os.POSIX_SPAWN_DUP2, devnull, 1), (os.POSIX_SPAWN_DUP2, devnull, 2)])
        os.waitpid(pid, 0)
        return time.perf_counter() - start
    finally:
        os.close(devnull)


def best(command, repeat=3, **kwargs):
    results = [run(command, **kwargs) for _ in range(repeat)]
    peaks = [r[1] for r in results if r[1] is not None]
    return min(r[0] for r in results), max(peaks) if peaks else None, results[-1][2]


def shell(command):
    return best(["sh", "-c", command])


class Report:
    def __init__(self):
        self.rows = []
        self.failed = []

    def row(self, section, what, seconds=None, mbps=None, rss_kib=None, note=""):
        self.rows.append((section, what, seconds, mbps, rss_kib, note))
        parts = ["%-9s %-52s" % (section, what)]
        parts.append("%8.3f s" % seconds if seconds is not None else " " * 10)
        parts.append("%9.0f MB/s" % mbps if mbps is not None else " " * 14)
        parts.append("%8.1f MiB" % (rss_kib / 1024) if rss_kib is not None else " " * 12)
        print(" ".join(parts) + ("  " + note if note else ""), flush=True)

    def timed(self, section, what, command, mb, ok=(0, 1), **kwargs):
        """Times `command` (best of three) and reports it, noting an exit status not in `ok`;
        returns the seconds and peak RSS."""
        t, rss, status = best(command, **kwargs)
        self.row(section, what, t, mb / t, rss, "" if status in ok else "exit %d" % status)
        return t, rss

    def baseline(self, section, what, command, mb):
        """Times a shell command the tool is compared with (cat, grep -c, wc -l, xxd -r)."""
        t, _, _ = shell(command)
        self.row(section, what, t, mb / t)

    def goal(self, ok, text):
        print("          goal: %s: %s" % (text, "met" if ok else "MISSED"), flush=True)
        if not ok:
            self.failed.append(text)


def logs(binary, work, report, size, check_goals):
    path = os.path.join(work, "big.log")
    dumps = write_log(path, size)
    mb = os.path.getsize(path) / 1e6
    last = dumps - 1
    report.baseline("logs", "cat (%d MB, %d dumps)" % (mb, dumps), "cat %s > /dev/null" % path, mb)
    # grep stops at the first match when its output is /dev/null: count into a file.
    report.baseline("logs", "grep -c kvm", "grep -c kvm %s > %s/count" % (path, work), mb)
    for what, command in [
        ("show FILE@last", [binary, "show", "%s@%d" % (path, last)]),
        ("check FILE@last", [binary, "check", "%s@%d" % (path, last)]),
        ("show --json FILE (every dump)", [binary, "show", "--json", path]),
        ("show --jsonl FILE (every dump)", [binary, "show", "--jsonl", path]),
        ("check FILE (every dump)", [binary, "check", path]),
    ]:
        t, rss = report.timed("logs", what, command, mb)
        if check_goals:
            if "--json" in command:
                report.goal(mb / t >= 100, "%s at 100 MB/s or more" % what)
            elif "@" in command[-1]:
                report.goal(mb / t >= 200, "%s at 200 MB/s or more" % what)
            # FILE@N and JSON Lines stream: memory bounded by one dump, not the log.
            if ("@" in command[-1] or "--jsonl" in command) and rss is not None:
                report.goal(rss < 64 * 1024, "%s under 64 MiB" % what)
    t, rss, _ = shell("cat %s | %s show -- -@%d > /dev/null" % (path, binary, last))
    report.row("logs", "cat FILE | show -@last (standard input)", t, mb / t)


def dense(binary, work, report, size, check_goals):
    """A log dense with dumps (one every 500 lines: thousands in 100 MB), where decoding,
    checking and rendering weigh more than reading: the work `show` and `check` divide over
    the cores. Sequential figures are the same commands with VMCS_INSPECT_THREADS=1."""
    path = os.path.join(work, "dense.log")
    dumps = write_log(path, size, dump_every=500)
    mb = os.path.getsize(path) / 1e6
    report.baseline("dense", "cat (%d MB, %d dumps)" % (mb, dumps), "cat %s > /dev/null" % path, mb)
    report.baseline("dense", "grep -c kvm", "grep -c kvm %s > %s/count" % (path, work), mb)
    for what, command in [
        ("show FILE@last", [binary, "show", "%s@%d" % (path, dumps - 1)]),
        ("check FILE (every dump)", [binary, "check", path]),
        ("show FILE (every dump)", [binary, "show", path]),
        ("show --json FILE (every dump)", [binary, "show", "--json", path]),
    ]:
        report.timed("dense", what, command, mb)
        if "@" not in command[-1]:
            report.timed("dense", what + ", one thread", command, mb, env=dict(os.environ, VMCS_INSPECT_THREADS="1"))


def hexdumps(binary, work, report, size, check_goals):
    rng = random.Random(2)
    image = os.path.join(work, "range.bin")
    with open(image, "wb") as f:
        f.write(rng.randbytes(size))
    offset = size - 4096
    texts = {
        "xxd": "xxd %s" % image,
        "hexdump -C": "hexdump -C %s" % image,
        "od -t x8": "od -A x -t x8 %s" % image,
    }
    for name, command in texts.items():
        text = os.path.join(work, "range." + name.split()[0])
        subprocess.run(["sh", "-c", "%s > %s" % (command, text)], check=True)
        mb = os.path.getsize(text) / 1e6
        if name == "xxd":
            report.baseline("hexdumps", "xxd -r (%d MB of dump text)" % mb, "xxd -r %s > /dev/null" % text, mb)
        # Random bytes are no known page: the layout says how to read the last one.
        t, _ = report.timed("hexdumps", "show --offset LAST %s" % name, [binary, "show", "--layout", "kvm-vmcs12", "--offset", hex(offset), text], mb, ok=(0,))
        if check_goals:
            report.goal(mb / t >= 100, "%s at 100 MB/s or more" % name)


def traces(binary, work, report, size, check_goals):
    """A KVM trace (ftrace of exits and the events of their handling, from
    samples/vmx-exits.ftrace.txt over 4 vCPU threads) against wc -l and grep -c."""
    path = os.path.join(work, "big.trace")
    lines = max(1000, size // 125)
    exits = linear_module().write_trace(path, lines)
    mb = os.path.getsize(path) / 1e6
    report.baseline("traces", "wc -l (%d MB, %d exits)" % (mb, exits), "wc -l %s > /dev/null" % path, mb)
    report.baseline("traces", "grep -c kvm_exit", "grep -c kvm_exit %s > %s/count" % (path, work), mb)
    for what, command in [
        ("show FILE@last", [binary, "show", "%s@%d" % (path, exits - 1)]),
        ("check FILE@last", [binary, "check", "%s@%d" % (path, exits - 1)]),
        ("show FILE (one row per event)", [binary, "show", path]),
    ]:
        t, _ = report.timed("traces", what, command, mb)
        if check_goals and "@" in command[-1]:
            report.goal(mb / t >= 200, "trace %s at 200 MB/s or more" % what)
    # JSON of every exit is bounded by its rendering: a tenth of the trace.
    small = os.path.join(work, "small.trace")
    small_exits = linear_module().write_trace(small, max(1000, lines // 10))
    small_mb = os.path.getsize(small) / 1e6
    t, rss, status = best([binary, "show", "--json", small])
    report.row("traces", "show --json FILE (%d MB, %d exits)" % (small_mb, small_exits), t, small_mb / t, rss)


def startup(binary, work, report, check_goals, bare=None, runs=200):
    """Best and median wall time of `runs` runs, the commands interleaved so that a loaded
    machine slows them alike."""
    page = os.path.join(SAMPLES, "vmcb-npf.bin")
    commands = [("xxd PAGE", ["xxd", page]), ("show PAGE", [binary, "show", page])]
    if bare:
        commands.append(("bare ArgumentParser binary", shlex.split(bare)))
    times = {name: [] for name, _ in commands}
    for _ in range(runs):
        for name, command in commands:
            times[name].append(spawned(command))
    for name, _ in commands:
        ordered = sorted(times[name])
        report.row(
            "startup", "%s: best %.2f ms, median %.2f ms of %d" % (name, ordered[0] * 1000, ordered[len(ordered) // 2] * 1000, runs),
            ordered[0])
    xxd = min(times["xxd PAGE"])
    show = min(times["show PAGE"])
    if check_goals:
        report.goal(show <= 5 * xxd, "start-up within 5x xxd (%.1fx)" % (show / xxd))


def memory(binary, work, report):
    # An endless input is refused at once, and a raw image is never read whole for an error.
    t, rss, status = best([binary, "show", "/dev/zero"])
    report.row("memory", "show /dev/zero (exit %d)" % status, t, None, rss)
    big = os.path.join(work, "sparse.img")
    with open(big, "wb") as f:
        f.truncate(8 << 30)
    t, rss, status = best([binary, "show", big])
    report.row("memory", "show on an 8 GiB raw image, no --offset (exit %d)" % status, t, None, rss)
    t, rss, status = best([binary, "show", "--offset", hex((8 << 30) - 4096), big])
    report.row("memory", "show --offset LAST on the 8 GiB image (exit %d)" % status, t, None, rss)


def linear_module():
    """samples/tools/bench_linear.py, whose cases and trace writer this benchmark shares."""
    spec = importlib.util.spec_from_file_location("bench_linear", os.path.join(os.path.dirname(__file__), "bench_linear.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def linear(binary, work, report, quick):
    """Every reader on inputs that double (samples/tools/bench_linear.py): time must not grow
    faster than the input."""
    command = [sys.executable, os.path.join(os.path.dirname(__file__), "bench_linear.py"), "--binary", binary]
    if quick:
        command.append("--quick")
    start = time.perf_counter()
    result = subprocess.run(command, stdout=subprocess.PIPE, text=True)
    for line in result.stdout.splitlines():
        print("          " + line, flush=True)
    report.row("linear", "bench_linear.py (every reader, doubling inputs)", time.perf_counter() - start)
    report.goal(result.returncode == 0, "every reader grows linearly")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "vmcs-inspect"))
    parser.add_argument("--log-mib", type=int, default=1024)
    parser.add_argument("--hex-mib", type=int, default=64)
    parser.add_argument("--trace-mib", type=int, default=256)
    parser.add_argument("--dense-mib", type=int, default=100)
    parser.add_argument("--bare", help="a command (binary and arguments) that only parses arguments with ArgumentParser, for start-up")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--only", nargs="*")
    options = parser.parse_args()
    binary = os.path.abspath(options.binary)
    if not os.access(binary, os.X_OK):
        sys.exit("bench: no binary at %s (swift build -c release -Xswiftc -static-stdlib)" % binary)
    for tool in ["xxd", "hexdump", "od", "grep", "cat"]:
        if shutil.which(tool) is None:
            sys.exit("bench: %s is needed for the baselines" % tool)
    log_size = (16 if options.quick else options.log_mib) << 20
    hex_size = (1 if options.quick else options.hex_mib) << 20
    trace_size = (4 if options.quick else options.trace_mib) << 20
    dense_size = (8 if options.quick else options.dense_mib) << 20
    report = Report()
    sections = options.only or ["logs", "dense", "hexdumps", "traces", "startup", "memory", "linear"]
    full = not options.quick
    print("vmcs-inspect benchmark: %s, %d CPUs, load %.2f" % (binary, os.cpu_count(), os.getloadavg()[0]), flush=True)
    print("machine: %s" % machine(), flush=True)
    with tempfile.TemporaryDirectory(prefix="vmcs-inspect-bench-") as work:
        if "logs" in sections:
            logs(binary, work, report, log_size, full)
        if "dense" in sections:
            dense(binary, work, report, dense_size, full)
        if "hexdumps" in sections:
            hexdumps(binary, work, report, hex_size, full)
        if "traces" in sections:
            traces(binary, work, report, trace_size, full)
        if "startup" in sections:
            startup(binary, work, report, full, bare=options.bare, runs=40 if options.quick else 200)
        if "memory" in sections:
            memory(binary, work, report)
        if "linear" in sections:
            linear(binary, work, report, options.quick)
    if report.failed:
        print("bench: %d goal(s) missed: %s" % (len(report.failed), "; ".join(report.failed)))
        sys.exit(1)
    print("bench: every goal checked is met" if full else "bench: quick run, goals not checked")


if __name__ == "__main__":
    main()
