#!/usr/bin/env python3
"""Linearity benchmark: does every reader take time in proportion to its input?

For each case below the script writes an input of size n from the repository's samples, then
of 2n, 4n, 8n (and further while the largest run is too quick to time well), times the release
binary on each (the best of several runs), and fails when the time per unit of input grows:

    growth = (time / size at the largest input) / (time / size at a quarter of it)

A reader linear in its input has a growth of 1 or less (its fixed costs, start-up and the head
sample, weigh less as the input grows); one quadratic in it has 4. A case fails when its growth
is above 1.6 twice in a row (it is measured again before failing, since a loaded machine can
slow one size down), so noise of up to about 25% either way passes and an n^1.35 reader does
not. The log-log slope of the last three sizes is printed too (1.0 linear, 2.0 quadratic).

Usage (from the repository root, after `swift build -c release -Xswiftc -static-stdlib`):

    samples/tools/bench_linear.py [--binary PATH] [--quick] [--runs N] [--only NAME ...] [--list]

Nothing is committed: every input is generated in a temporary directory and removed.
Exit status 0 when every case grows linearly, 1 when one does not, 2 on a setup error.
"""

import argparse
import gzip
import math
import os
import random
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import time

# The binary under test (some inputs are written by it: `show --json` output read back).
BINARY = None
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SAMPLES = os.path.join(ROOT, "samples")

# The growth of the time per unit of input over two doublings above which a case fails.
GROWTH_LIMIT = 1.6

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


def sample(name):
    with open(os.path.join(SAMPLES, name), encoding="utf-8", errors="surrogateescape") as f:
        return f.read()


def sample_lines(name):
    return sample(name).splitlines()


def repeat_lines(path, lines, n, head=""):
    """Writes `head`, then `lines` over and over until at least `n` of them are written."""
    with open(path, "w") as f:
        f.write(head)
        written = 0
        while written < n:
            f.write("".join(line + "\n" for line in lines))
            written += len(lines)


def untimed(name):
    """A kernel log sample's lines without their `[ secs.usecs]` timestamps (`dmesg -t`)."""
    return [re.sub(r"^\[\s*[0-9.]+\]\s*", "", line) for line in sample_lines(name)]


def write_repeated(path, head, unit, count, tail=""):
    """`head`, then `unit` `count` times, then `tail`, written in large blocks."""
    with open(path, "w", encoding="utf-8", errors="surrogateescape") as f:
        f.write(head)
        block = max(1, (1 << 20) // max(1, len(unit)))
        done = 0
        while done < count:
            k = min(block, count - done)
            f.write(unit * k)
            done += k
        f.write(tail)


def filler(count, stamp=None):
    """`count` ordinary kernel log lines, with timestamps when `stamp` is a start time."""
    lines = []
    for i in range(count):
        text = OTHER_LINES[i % len(OTHER_LINES)]
        lines.append(("[%12.6f] %s\n" % (stamp + i * 0.0007, text)) if stamp is not None else text + "\n")
    return "".join(lines)


CASES = []


def case(name, unit, base, quick=None, status=(0, 1), min_time=None):
    """Registers a case: `make(path, n)` writes the input of size n and returns the command's
    arguments (after the binary); `unit` names what n counts; `base` is the first size;
    `status` the exit statuses that say the command did what the case means; `min_time`
    replaces --min-time for a case so quick that doubling it to that would write gigabytes."""

    def register(make):
        CASES.append({"name": name, "unit": unit, "base": base, "quick": quick or max(1, base // 8), "make": make, "status": status, "min_time": min_time})
        return make

    return register


def last_index(count):
    return "@%d" % (count - 1)


# Kernel logs ---------------------------------------------------------------------------------


@case("dmesg -t: one kvm_amd: line, then plain lines, then a dump", "lines", 200000)
def _dmesg_t(path, n):
    dump = "".join(line + "\n" for line in untimed("vmcb-npf.kvm.log"))
    write_repeated(path, "kvm_amd: exit_code:          00000400\n", filler(10), n // 10, dump)
    return ["show", "--format", "kvm", "--field", "exit_code", path]


@case("dmesg -t: dumps among plain lines, every dump", "dumps", 50)
def _dmesg_t_dumps(path, n):
    unit = "".join(line + "\n" for line in untimed("vmcs-ept-violation.kvm-6.12.log")) + filler(200)
    write_repeated(path, "", unit, n)
    return ["show", "--json", path]


@case("timestamped log: dumps among plain lines, FILE@last", "dumps", 100)
def _log_last(path, n):
    unit = sample("vmcb-npf.kvm.log") + filler(1000, stamp=9000.0) + sample("vmcs-ept-violation.kvm-6.12.log")
    write_repeated(path, "", unit, n)
    return ["show", path + last_index(2 * n)]


@case("long lines (60 KB and 200 KB) around dumps", "long lines", 100)
def _long_lines(path, n):
    unit = "[%12.6f] %s\n" % (1.0, "x" * 60000) + "[%12.6f] %s\n" % (2.0, "y " * 100000) + sample("vmcb-npf.kvm.log")
    write_repeated(path, sample("vmcb-npf.kvm.log"), unit, n)
    return ["show", path + last_index(n + 1)]


@case("one line of n bytes, no line end (refused: no dump)", "MiB", 64, status=(2,), min_time=0.05)
def _one_line(path, n):
    with open(path, "w") as f:
        f.write("kvm_amd: ")
        chunk = "0123456789abcdef" * 65536
        for _ in range(n):
            f.write(chunk)
    return ["show", "--format", "kvm", path]


# One long line whose every character a loop takes again: the time grows with the square of the
# line's length, so the line itself doubles (up to the 64 KiB detection samples, and beyond).


@case("one long line: a non-ASCII letter, then tabs (detection trims it; refused)", "KiB of tabs", 4, status=(2,))
def _tabs_line(path, n):
    with open(path, "wb") as f:
        f.write("\u00e9".encode() + b"\t" * (n * 1024) + b"\n")
    return ["show", path]


@case("one long line of commas inside a dump_vmcs dump", "KiB of commas", 4)
def _commas_in_dump(path, n):
    lines = sample_lines("vmcs-entry-failure.kvm-5.x.log")
    middle = len(lines) // 2
    with open(path, "w") as f:
        f.write("".join(line + "\n" for line in lines[:middle]) + "," * (n * 1024) + "\n" + "".join(line + "\n" for line in lines[middle:]))
    return ["show", path]


@case("one long trace line of '1: ( ' after a kvm_exit", "KiB", 4, min_time=0.1)
def _ts_diff_line(path, n):
    with open(path, "w") as f:
        f.write(" qemu-1234 [001] 10.000001: kvm_exit: reason EPT_VIOLATION rip 0x1 info 0 0\n" + "1: ( " * (n * 1024 // 5) + "\n")
    return ["show", path]


@case("one long field-log line: a heading, then name: value pairs", "KiB", 4, min_time=0.1)
def _heading_line(path, n):
    with open(path, "w") as f:
        f.write(sample("vmcs-hobby.fields.log") + "H" * (n * 512) + ": " + "zq: 1 " * (n * 512 // 6) + "\n")
    return ["show", path]


@case("one long dump_vmcs row: a prefix, then pairs", "KiB", 4, min_time=0.1)
def _vmcs_prefix_line(path, n):
    lines = sample_lines("vmcs-entry-failure.kvm-5.x.log")
    lines.insert(5, "[   77.410245] kvm_intel: " + "H" * (n * 512) + ": a=1" + " b=1" * (n * 512 // 4))
    with open(path, "w") as f:
        f.write("".join(line + "\n" for line in lines))
    return ["show", path]


@case("one long dump_vmcb row: a long valueless label, then rows", "KiB", 4, status=(0, 2), min_time=0.1)
def _vmcb_prefix_line(path, n):
    lines = sample_lines("vmcb-npf.kvm.log")
    stamp = lines[4][: lines[4].index("]") + 1]
    lines.insert(5, stamp + " kvm_amd: cr_read: 1 " + "w " * (n * 256) + "b: " + "c: 1 " * (n * 512 // 5))
    with open(path, "w") as f:
        f.write("".join(line + "\n" for line in lines))
    return ["show", path]


@case("interleaved dumps of several kinds (KVM VMCS, VMCB, QEMU, Xen, VBox)", "rounds", 12)
def _kinds(path, n):
    names = [
        "vmcs-ept-violation.kvm-6.12.log",
        "vmcb-npf.kvm.log",
        "vmcs-entry-failure.qemu.log",
        "vmcs-pf.xen.log",
        "vmcb-npf.xen-svm.log",
        "vmcb-vmrun-failure.qemu.log",
        "vmcs-entry-failure.vbox.log",
        "vmcs-several.kvm-4.x.log",
    ]
    unit = "".join(sample(name) + filler(50) for name in names)
    write_repeated(path, "", unit, n)
    return ["show", "--format", "kvm", "--json", path]


@case("two printk callers' dumps interleaved line by line", "dump pairs", 200)
def _callers(path, n):
    a = untimed("vmcs-ept-violation.kvm-6.12.log")
    unit = "".join("[%12.6f] [ T100] %s\n[%12.6f] [ T200] %s\n" % (1.0, x, 1.0, x) for x in a)
    write_repeated(path, "", unit, n)
    return ["show", path + last_index(2 * n)]


@case("many printk callers, each a dump cut after a few rows", "callers", 5000)
def _many_callers(path, n):
    rows = untimed("vmcb-npf.kvm.log")[1:6]
    with open(path, "w") as f:
        for k in range(n):
            f.write("".join("[%12.6f] [T%d] %s\n" % (1.0 + k * 0.001, 1000 + k, row) for row in rows))
            f.write(filler(3, stamp=2.0))
        f.write(sample("vmcb-npf.kvm.log"))
    return ["show", "--field", "exit_code", path + last_index(n + 1)]


@case("mail-wrapped and quoted dumps", "pastes", 40)
def _wrapped(path, n):
    unit = sample("vmcs-mail-wrapped.kvm-6.12.log") + sample("vmcb-mail-paste.kvm.log")
    write_repeated(path, "", unit, n)
    return ["show", "--json", path]


@case("quoted-printable mail (Xen's failed entry)", "pastes", 80)
def _qp(path, n):
    write_repeated(path, "", sample("vmcs-entry-failure.xen.qp.txt"), n)
    return ["show", "--json", path]


@case("gzip'd kernel log", "MiB of log", 16)
def _gzip(path, n):
    unit = filler(1000, stamp=10.0) + sample("vmcb-npf.kvm.log")
    text = unit * max(1, (n << 20) // len(unit))
    with gzip.open(path, "wt", compresslevel=1) as f:
        f.write(text)
    return ["show", "--field", "exit_code", "--json", path]


@case("UTF-16 kernel log", "MiB of log", 8)
def _utf16(path, n):
    unit = filler(1000, stamp=10.0) + sample("vmcb-npf.kvm.log")
    text = unit * max(1, (n << 20) // len(unit))
    with open(path, "wb") as f:
        f.write(text.encode("utf-16"))
    return ["show", "--field", "exit_code", "--json", path]


# Other text formats --------------------------------------------------------------------------


@case("bhyvectl --get-all rows", "rows", 20000)
def _bhyvectl(path, n):
    rows = [line for line in sample_lines("vmcs-ept-violation.bhyvectl.txt") if "[1]" in line]
    repeat_lines(path, rows, n)
    return ["show", path]


@case("bhyvectl, one vCPU's rows per dump, many vCPUs", "rows", 20000)
def _bhyvectl_cpus(path, n):
    rows = [line for line in sample_lines("vmcs-ept-violation.bhyvectl.txt") if "[1]" in line]
    with open(path, "w") as f:
        written = 0
        k = 0
        while written < n:
            for row in rows:
                f.write(row.replace("[1]", "[%d]" % k) + "\n")
            written += len(rows)
            k += 1
    return ["show", "--field", "guest_rip", "--json", path]


@case("field log, many dumps", "lines", 10000)
def _fields(path, n):
    with open(path, "w") as f:
        for k in range(max(1, n // 3)):
            f.write("VM_EXIT_REASON = 0x30\nEXIT_QUALIFICATION = 0x181\nGUEST_RIP = 0x%x\n" % k)
    return ["show", "--json", path]


@case("field log, one dump, names in several spellings", "lines", 30000)
def _fields_one(path, n):
    lines = [l for l in sample_lines("vmcs-io.fields.log") if l and not l.startswith("#")]
    with open(path, "w") as f:
        f.write("# one long debug print\n")
        for k in range(n):
            f.write("note %d: nothing to see\n" % k if k % 2 else lines[(k // 2) % len(lines)] + "\n")
    return ["show", "--format", "fields", path]


@case("VBox.log: guru meditations among release log lines", "logs", 100)
def _vbox(path, n):
    body = sample("vmcs-entry-failure.vbox.log")
    noise = "".join("00:03:%02d.%06d PGM: lines the release logger writes %d\n" % (i % 60, i, i) for i in range(500))
    write_repeated(path, "", noise + body + sample("cpu-triple-fault.vbox.log"), n)
    return ["show", "--json", path]


@case("JSON snapshots (show --json of a log, read back), FILE@last", "snapshots", 200)
def _json(path, n):
    log = path + ".log"
    unit = sample("vmcs-ept-violation.kvm-6.12.log") + sample("vmcb-npf.kvm.log")
    write_repeated(log, "", unit, (n + 1) // 2)
    with open(path, "w") as out:
        subprocess.run([BINARY, "show", "--json", log], stdout=out, stderr=subprocess.DEVNULL, check=False)
    os.remove(log)
    return ["show", path + last_index(2 * ((n + 1) // 2))]


@case("KVM trace (ftrace), FILE@last", "lines", 100000)
def _trace(path, n):
    return ["show", path + last_index(write_trace(path, n))]


@case("KVM trace (ftrace), show --json", "lines", 5000)
def _trace_json(path, n):
    write_trace(path, n)
    return ["show", "--json", path]


@case("KVM trace (trace-cmd, SVM), event rows", "lines", 50000)
def _trace_rows(path, n):
    events = [l for l in sample_lines("svm-exits.trace-cmd.txt") if l.strip() and not l.startswith("#") and not l.startswith("cpus=")]
    repeat_lines(path, events, n, head="cpus=4\n")
    return ["show", path]


def write_trace(path, lines):
    """An ftrace of `lines` events made from samples/vmx-exits.ftrace.txt over 4 vCPU threads;
    returns its exit count."""
    events = [l for l in sample_lines("vmx-exits.ftrace.txt") if not l.startswith("#")]
    exits = 0
    with open(path, "w") as f:
        n = 0
        out = []
        while n < lines:
            for line in events:
                head, rest = line.split("]", 1)
                flags, stamp, tail = rest.split(None, 2)
                pid = 4187 + (n // len(events)) % 4
                out.append("       CPU %d/KVM-%-7d [%03d] %s %12.6f: %s\n" % (pid - 4187, pid, pid - 4184, flags, 1409 + n / 1e5, tail))
                if " kvm_exit: " in tail or tail.startswith("kvm_exit:"):
                    exits += 1
                n += 1
            if len(out) > 10000:
                f.write("".join(out))
                out = []
        f.write("".join(out))
    return exits


# Hex dumps and pages -------------------------------------------------------------------------


def random_image(path, size, seed=3):
    rng = random.Random(seed)
    with open(path, "wb") as f:
        left = size
        while left > 0:
            k = min(left, 1 << 20)
            f.write(rng.randbytes(k))
            left -= k


def hexdump_case(tool):
    def make(path, n):
        image = path + ".bin"
        random_image(image, n << 20)
        subprocess.run(["sh", "-c", '%s "$1" > "$2"' % tool, "sh", image, path], check=True)
        os.remove(image)
        # Random bytes are no known page: the layout says how to read the last one.
        return ["show", "--layout", "kvm-vmcs12", "--offset", hex((n << 20) - 4096), path]

    return make


case("xxd of a memory range, last page", "MiB dumped", 2)(hexdump_case("xxd"))
case("hexdump -C of a memory range, last page", "MiB dumped", 2)(hexdump_case("hexdump -C"))
case("od -A x -t x1z of a memory range, last page", "MiB dumped", 2)(hexdump_case("od -A x -t x1z"))
case("od -t x8 of a memory range, last page", "MiB dumped", 2)(hexdump_case("od -t x8"))


@case("hexdump -C of zero and random pages (folded '*' runs)", "MiB dumped", 4)
def _hexdump_zero(path, n):
    image = path + ".bin"
    rng = random.Random(4)
    with open(image, "wb") as f:
        for page in range(n * 256):
            f.write(rng.randbytes(4096) if page % 2 else bytes(4096))
        f.seek((n << 20) - 4096)
        f.write(open(os.path.join(SAMPLES, "vmcb-npf.bin"), "rb").read())
    subprocess.run(["sh", "-c", 'hexdump -C "$1" > "$2"', "sh", image, path], check=True)
    os.remove(image)
    return ["show", "--offset", hex((n << 20) - 4096), path]


@case("scan of a raw memory image with planted pages", "MiB", 128)
def _scan(path, n):
    pages = [open(os.path.join(SAMPLES, name), "rb").read() for name in ["vmcb-npf.bin", "vmcb-ioio.bin", "vmcs12-ept-violation.bin"]]
    rng = random.Random(5)
    noise = rng.randbytes(1 << 20)
    with open(path, "wb") as f:
        # Random MiBs and zero ones (holes, read as zeros), a planted page in each.
        for mib in range(n):
            f.seek(mib << 20)
            if mib % 2:
                f.write(noise)
            f.seek((mib << 20) + 4096 * 7)
            f.write(pages[mib % len(pages)])
        f.truncate(n << 20)
    return ["scan", path]


def elf_core(path, count, segment):
    """An ELF-64 core of `count` PT_LOAD headers, each from `segment(i)` as (physical, size),
    all reading the same zero bytes after the table."""
    # From 65535 headers on, e_phnum is PN_XNUM and section header 0's sh_info has the count.
    table = 64 + 56 * count
    data = (table + 64 + 4095) & ~4095
    header = bytearray(64)
    header[0:7] = b"\x7fELF\x02\x01\x01"
    struct.pack_into("<HHIQQQIHHHHHH", header, 16, 4, 62, 1, 0, 64, table, 0, 64, 56, min(count, 0xFFFF), 64, 0, 0)
    section = bytearray(64)
    struct.pack_into("<I", section, 44, count)
    with open(path, "wb") as f:
        f.write(header)
        for i in range(count):
            physical, size = segment(i)
            f.write(struct.pack("<IIQQQQQQ", 1, 4, data, 0, physical, size, size, 0))
        f.write(section)
        f.write(bytes(data - table - 64 + 8192))
    return ["scan", path]


@case("scan of an ELF core of many page segments sharing their data", "program headers", 4000)
def _elf_pages(path, n):
    return elf_core(path, n, lambda i: (i * 0x2000, 4096))


@case("scan of an ELF core of many 16-byte segments inside pages", "program headers", 4000)
def _elf_straddling(path, n):
    return elf_core(path, n, lambda i: (i * 0x10000 + 8, 16))


# Running -------------------------------------------------------------------------------------


def run_once(binary, arguments):
    start = time.perf_counter()
    process = subprocess.Popen([binary] + arguments, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, stderr = process.communicate()
    elapsed = time.perf_counter() - start
    return elapsed, process.returncode, stderr.decode(errors="replace").strip().splitlines()[-1:] or [""]


def timed(binary, arguments, runs):
    best = None
    status = None
    message = ""
    for _ in range(runs):
        elapsed, status, last = run_once(binary, arguments)
        message = last[0]
        best = elapsed if best is None else min(best, elapsed)
    return best, status, message


def measure(binary, entry, work, runs, quick, min_time, max_steps):
    """Times a case on doubling sizes; returns (sizes, times, status problem or None)."""
    n = entry["quick"] if quick else entry["base"]
    sizes, times = [], []
    path = os.path.join(work, "input")
    for step in range(max_steps):
        for name in os.listdir(work):
            os.remove(os.path.join(work, name))
        arguments = entry["make"](path, n)
        elapsed, status, message = timed(binary, arguments, runs)
        if status not in entry["status"]:
            return sizes, times, "exit %d at n=%d: %s" % (status, n, message)
        sizes.append(n)
        times.append(elapsed)
        if len(times) >= 4 and (quick or times[-1] >= (entry["min_time"] or min_time)):
            break
        n *= 2
    return sizes, times, None


def growth(sizes, times):
    """The time per unit at the largest size over that at a quarter of it."""
    return (times[-1] / sizes[-1]) / (times[-3] / sizes[-3])


def slope(sizes, times):
    xs = [math.log(s) for s in sizes[-3:]]
    ys = [math.log(max(t, 1e-4)) for t in times[-3:]]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "vmcs-inspect"))
    parser.add_argument("--quick", action="store_true", help="small sizes, no goal (a smoke run of every case)")
    parser.add_argument("--runs", type=int, default=3, help="runs per size; the best is kept (default 3)")
    parser.add_argument("--min-time", type=float, default=0.4, help="keep doubling until the largest run takes this long (s)")
    parser.add_argument("--max-steps", type=int, default=8, help="sizes per case at most (default 8)")
    parser.add_argument("--only", nargs="*", help="cases whose name contains one of these words")
    parser.add_argument("--list", action="store_true", help="list the cases and exit")
    options = parser.parse_args()
    if options.list:
        for entry in CASES:
            print("%-70s first size %d %s" % (entry["name"], entry["base"], entry["unit"]))
        return 0
    global BINARY
    binary = BINARY = os.path.abspath(options.binary)
    if not os.access(binary, os.X_OK):
        print("bench_linear: no binary at %s (swift build -c release -Xswiftc -static-stdlib)" % binary, file=sys.stderr)
        return 2
    for tool in ["xxd", "hexdump", "od"]:
        if shutil.which(tool) is None:
            print("bench_linear: %s is needed to write the hex dump inputs" % tool, file=sys.stderr)
            return 2
    selected = [e for e in CASES if not options.only or any(word.lower() in e["name"].lower() for word in options.only)]
    print("vmcs-inspect linearity: %s, %d CPUs, load %.2f, best of %d runs" % (binary, os.cpu_count(), os.getloadavg()[0], options.runs))
    failed = []
    with tempfile.TemporaryDirectory(prefix="vmcs-inspect-linear-") as work:
        for entry in selected:
            verdict = None
            for attempt in range(2):
                sizes, times, problem = measure(binary, entry, work, options.runs, options.quick, options.min_time, options.max_steps)
                if problem:
                    verdict = "ERROR (%s)" % problem
                    break
                g = growth(sizes, times)
                verdict = "growth %.2f, slope %.2f" % (g, slope(sizes, times))
                if options.quick or g <= GROWTH_LIMIT:
                    break
                verdict += " (measured again)" if attempt == 0 else ""
            ok = verdict.startswith("growth") and (options.quick or g <= GROWTH_LIMIT)
            cells = ", ".join("%d: %.3f s" % (s, t) for s, t in zip(sizes, times))
            print("%-4s %s\n     %s %s; %s" % ("ok" if ok else "FAIL", entry["name"], entry["unit"], cells, verdict), flush=True)
            if not ok:
                failed.append(entry["name"])
    if failed:
        print("bench_linear: %d case(s) not linear: %s" % (len(failed), "; ".join(failed)))
        return 1
    print("bench_linear: every case grows linearly" if not options.quick else "bench_linear: quick run, growth not checked")
    return 0


if __name__ == "__main__":
    sys.exit(main())
