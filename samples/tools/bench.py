#!/usr/bin/env python3
"""Rerunnable benchmark of vmcs-inspect against the baselines the issues name, measured in the
same run: `cat` and `grep -c` for kernel logs, `xxd -r` for hex dumps, `xxd` for start-up.

Every input is generated here, from the repository's samples. Figures are wall-clock seconds
(the best of several runs, which is what a quiet machine gives), throughput in MB/s (10^6
bytes) of input text, and peak resident memory of the process (from wait4's ru_maxrss).

Usage (from the repository root, after `swift build -c release -Xswiftc -static-stdlib`):

    samples/tools/bench.py [--binary PATH] [--log-mib N] [--quick] [--only SECTION ...]

Sections: logs, hexdumps, startup, memory, linear. `--quick` shrinks every input (for a
smoke run); the goals are checked only on full-size runs. Exit status 1 when a goal is missed.
"""

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SAMPLES = os.path.join(ROOT, "samples")

OTHER_LINES = [
    "e1000e 0000:00:19.0 eno1: NIC Link is Up 1000 Mbps Full Duplex, Flow Control: Rx/Tx",
    'audit: type=1400 audit(1700000000.123:456): apparmor="DENIED" operation="open" profile="snap.chromium" name="/proc/1/cgroup"',
    "usb 1-1.2: new high-speed USB device number 5 using ehci-pci",
    "EXT4-fs (nvme0n1p2): mounted filesystem with ordered data mode. Opts: (null). Quota mode: none.",
    "kvm_intel: L1TF CPU bug present and SMT on, data leak possible. See CVE-2018-3646 for details.",
    "IPv6: ADDRCONF(NETDEV_CHANGE): wlp2s0: link becomes ready",
    "br0: port 2(vnet0) entered forwarding state",
    "perf: interrupt took too long (2503 > 2500), lowering kernel.perf_event_max_sample_rate to 79750",
    "CPU: 3 PID: 1234 Comm: qemu-system-x86 Not tainted 6.12.0-1-amd64 #1 Debian 6.12.6-1",
    "x86/PAT: qemu-system-x86:4242 map pfn RAM range req write-combining for [mem 0x1fe000000-0x1ffffffff], got write-back",
]


def dump_lines(name):
    """A sample dump's lines without their timestamps."""
    with open(os.path.join(SAMPLES, name)) as f:
        return [re.sub(r"^\[\s*[0-9.]+\]\s*", "", line.rstrip("\n")) for line in f]


def write_log(path, size, dump_every=20000, seed=1):
    """A kernel log of `size` bytes: ordinary dmesg lines with a VMCS or VMCB dump every
    `dump_every` lines. Returns the number of dumps."""
    rng = random.Random(seed)
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
                chunk.append("[%12.6f] %s\n" % (stamp, rng.choice(OTHER_LINES)))
                stamp += 0.0007
            text = "".join(chunk)
            f.write(text)
            written += len(text)
    return count


def run(command, stdin=None, stdout=subprocess.DEVNULL):
    """Wall-clock seconds, peak RSS in KiB and exit status of one run."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdin=stdin, stdout=stdout, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    return elapsed, usage.ru_maxrss, os.waitstatus_to_exitcode(status)


def best(command, repeat=3, **kwargs):
    results = [run(command, **kwargs) for _ in range(repeat)]
    return min(r[0] for r in results), max(r[1] for r in results), results[-1][2]


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

    def goal(self, ok, text):
        print("          goal: %s: %s" % (text, "met" if ok else "MISSED"), flush=True)
        if not ok:
            self.failed.append(text)


def logs(binary, work, report, size, check_goals):
    path = os.path.join(work, "big.log")
    dumps = write_log(path, size)
    mb = os.path.getsize(path) / 1e6
    last = dumps - 1
    t, _, _ = shell("cat %s > /dev/null" % path)
    report.row("logs", "cat (%d MB, %d dumps)" % (mb, dumps), t, mb / t)
    t, _, _ = shell("grep -c kvm %s > /dev/null" % path)
    report.row("logs", "grep -c kvm", t, mb / t)
    for what, command in [
        ("show FILE@last", [binary, "show", "%s@%d" % (path, last)]),
        ("check FILE@last", [binary, "check", "%s@%d" % (path, last)]),
        ("show --json FILE (every dump)", [binary, "show", "--json", path]),
    ]:
        t, rss, status = best(command)
        report.row("logs", what, t, mb / t, rss, "" if status in (0, 1) else "exit %d" % status)
        if check_goals:
            goal = 100 if "--json" in command else 200
            report.goal(mb / t >= goal, "%s at %d MB/s or more" % (what, goal))
            if "@" in command[-1]:
                report.goal(rss < 64 * 1024, "%s under 64 MiB" % what)
    t, rss, _ = shell("cat %s | %s show -- -@%d > /dev/null" % (path, binary, last))
    report.row("logs", "cat FILE | show -@last (standard input)", t, mb / t)


def hexdumps(binary, work, report, size, check_goals):
    rng = random.Random(2)
    image = os.path.join(work, "range.bin")
    with open(image, "wb") as f:
        f.write(bytes(rng.getrandbits(8) for _ in range(size)))
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
            t, _, _ = shell("xxd -r %s > /dev/null" % text)
            report.row("hexdumps", "xxd -r (%d MB of dump text)" % mb, t, mb / t)
        t, rss, status = best([binary, "show", "--offset", hex(offset), text])
        report.row("hexdumps", "show --offset LAST %s" % name, t, mb / t, rss, "" if status == 0 else "exit %d" % status)
        if check_goals:
            report.goal(mb / t >= 100, "%s at 100 MB/s or more" % name)


def startup(binary, work, report, check_goals):
    page = os.path.join(SAMPLES, "vmcb-npf.bin")

    def timing(command, runs=60):
        times = sorted(run(command)[0] for _ in range(runs))
        return times[0], times[len(times) // 2]

    xxd = timing(["xxd", page])
    show = timing([binary, "show", page])
    report.row("startup", "xxd PAGE (best; median %.2f ms)" % (xxd[1] * 1000), xxd[0])
    report.row("startup", "show PAGE (best; median %.2f ms)" % (show[1] * 1000), show[0])
    if check_goals:
        report.goal(show[0] <= 5 * xxd[0], "start-up within 5x xxd (%.1fx)" % (show[0] / xxd[0]))


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


LINEAR_CASES = {}


def linear_case(name):
    def register(function):
        LINEAR_CASES[name] = function
        return function

    return register


@linear_case("dmesg -t: one kvm_amd: line, then plain lines")
def _dmesg_t(path, n):
    with open(path, "w") as f:
        f.write("kvm_amd: exit_code:          00000400\n")
        for i in range(n):
            f.write("%s %d\n" % (OTHER_LINES[i % len(OTHER_LINES)], i))
    return ["show", path]


@linear_case("long lines (60 KB each) around a dump")
def _long_lines(path, n):
    with open(path, "w") as f:
        for i in range(max(1, n // 500)):
            f.write("[%12.6f] %s\n" % (i, "x" * 60000))
        f.write("".join("[  1.0] %s\n" % l for l in dump_lines("vmcb-npf.kvm.log")))
    return ["show", path]


@linear_case("interleaved dumps of two printk callers")
def _interleaved(path, n):
    a = dump_lines("vmcs-ept-violation.kvm-6.12.log")
    b = dump_lines("vmcs-ept-violation.kvm-6.12.log")
    with open(path, "w") as f:
        for k in range(max(1, n // 200)):
            for x, y in zip(a, b):
                f.write("[%12.6f] [ T100] %s\n[%12.6f] [ T200] %s\n" % (k, x, k, y))
    return ["show", path]


@linear_case("bhyvectl rows")
def _bhyvectl(path, n):
    rows = [l.rstrip("\n") for l in open(os.path.join(SAMPLES, "vmcs-ept-violation.bhyvectl.txt")) if "[" in l]
    with open(path, "w") as f:
        for k in range(max(1, n // len(rows))):
            for row in rows:
                f.write(row.replace("[1]", "[%d]" % (k % 1000)) + "\n")
    return ["show", path]


@linear_case("field log")
def _fields(path, n):
    with open(path, "w") as f:
        for k in range(max(1, n // 3)):
            f.write("VM_EXIT_REASON = 0x30\nEXIT_QUALIFICATION = 0x181\nGUEST_RIP = 0x%x\n" % k)
    return ["show", path]


@linear_case("xxd of a memory range")
def _xxd(path, n):
    image = path + ".bin"
    with open(image, "wb") as f:
        f.write(os.urandom(max(4096, n * 16)))
    subprocess.run(["sh", "-c", "xxd %s > %s" % (image, path)], check=True)
    return ["show", "--offset", "0", path]


def linear(binary, work, report, base):
    """Each case at four sizes, each twice the last: time must not grow faster than the input
    (a ratio above 2.6 for a doubling, allowing for noise, is a failure)."""
    for name, make in LINEAR_CASES.items():
        times = []
        for step in range(4):
            n = base << step
            path = os.path.join(work, "linear.txt")
            arguments = make(path, n)
            times.append(best([binary] + arguments)[0])
        ratios = [later / max(earlier, 1e-4) for earlier, later in zip(times, times[1:])]
        text = " ".join("%.3f" % t for t in times)
        report.row("linear", name, times[-1], None, None, "times %s s, ratios %s" % (text, " ".join("%.2f" % r for r in ratios)))
        worst = max(ratios[1:]) if len(ratios) > 1 else ratios[0]
        report.goal(worst <= 2.6 or times[-1] < 0.05, "%s grows linearly" % name)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "vmcs-inspect"))
    parser.add_argument("--log-mib", type=int, default=1024)
    parser.add_argument("--hex-mib", type=int, default=64)
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
    linear_base = 2000 if options.quick else 20000
    report = Report()
    sections = options.only or ["logs", "hexdumps", "startup", "memory", "linear"]
    full = not options.quick
    print("vmcs-inspect benchmark: %s, %d CPUs, load %.2f" % (binary, os.cpu_count(), os.getloadavg()[0]), flush=True)
    with tempfile.TemporaryDirectory(prefix="vmcs-inspect-bench-") as work:
        if "logs" in sections:
            logs(binary, work, report, log_size, full)
        if "hexdumps" in sections:
            hexdumps(binary, work, report, hex_size, full)
        if "startup" in sections:
            startup(binary, work, report, full)
        if "memory" in sections:
            memory(binary, work, report)
        if "linear" in sections:
            linear(binary, work, report, linear_base)
    if report.failed:
        print("bench: %d goal(s) missed: %s" % (len(report.failed), "; ".join(report.failed)))
        sys.exit(1)
    print("bench: every goal checked is met" if full else "bench: quick run, goals not checked")


if __name__ == "__main__":
    main()
