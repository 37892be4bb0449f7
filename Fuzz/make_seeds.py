#!/usr/bin/env python3
"""Writes the raw seed inputs of every fuzz target into OUTDIR/<target>/ from samples/ and the
real-paste corpus (Tests/Corpus), plus small crash dumps built here around the sample pages.
Fuzz/run.sh --seed minimises them with libFuzzer's -merge=1 into Fuzz/corpus/<target>/, which is
what is committed.

    python3 Fuzz/make_seeds.py OUTDIR [VMCS_INSPECT_BINARY]

The binary (a built vmcs-inspect) is used only to make the JSON reader's seeds with
`show --json`; without it the json target gets none from here.
"""
import glob
import gzip
import hashlib
import os
import struct
import subprocess
import sys
import zlib

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
OUT = sys.argv[1]
TOOL = sys.argv[2] if len(sys.argv) > 2 else None
TEXT_LIMIT = 16 * 1024


def read(path):
    with open(os.path.join(ROOT, path), "rb") as f:
        return f.read()


def files(*patterns):
    found = []
    for pattern in patterns:
        found += sorted(glob.glob(os.path.join(ROOT, pattern)))
    return [os.path.relpath(p, ROOT) for p in found if os.path.isfile(p) and not p.endswith((".expected", ".md"))]


def put(target, data, limit=TEXT_LIMIT):
    folder = os.path.join(OUT, target)
    os.makedirs(folder, exist_ok=True)
    data = data[:limit]
    with open(os.path.join(folder, hashlib.sha1(data).hexdigest()), "wb") as f:
        f.write(data)


PAGES = ["samples/vmcb-npf.bin", "samples/vmcb-ioio.bin", "samples/vmcs12-ept-violation.bin", "samples/evmcs-ept-violation.bin"] + [
    "samples/cores/pages/" + name for name in ["hsave.bin", "vmsa.bin", "hw-vmcs-a.bin", "hw-vmcs-b.bin", "hw-vmcs-c.bin"]
]

# Text readers, forced by --format: every sample and real paste of the format.
FORCED = {
    "kvm": files("samples/*.kvm*.log", "samples/malformed/vmcs-cut.kvm.log", "samples/malformed/no-dump.log", "Tests/Corpus/kvm-vmc*.txt"),
    "xen": files("samples/*xen*", "samples/malformed/no-vmcs.xen.log", "Tests/Corpus/xen-*.txt"),
    "qemu": files("samples/*qemu*", "Tests/Corpus/qemu-*.txt"),
    "vbox": files("samples/*vbox*", "Tests/Corpus/vbox-*.txt"),
    "trace": files("samples/*trace*", "samples/*.ftrace.txt", "Tests/Corpus/kvm-trace-*.txt"),
    "bhyvectl": files("samples/*.bhyvectl.txt", "samples/malformed/mixed.bhyvectl.txt"),
    "layout": files("samples/*.layout", "samples/cores/pages/*.layout", "samples/malformed/bad.layout"),
}
TEXTS = files("samples/*.txt", "samples/*.log", "samples/*.trace", "samples/*.hexdump", "samples/*.xxd", "samples/*.od-*",
              "samples/malformed/*", "Tests/Corpus/*.txt")
TEXTS = [t for t in TEXTS if not t.endswith((".bin", ".layout"))]

for target, paths in FORCED.items():
    for path in paths:
        put(target, read(path))

# Field logs: byte 0 picks the radix (0: the documented rule).
for path in files("samples/*.fields.log", "samples/*.haxm.log", "samples/cpu.dune.log", "Tests/Corpus/haxm-*.txt", "Tests/Corpus/other-*.txt"):
    put("fields", b"\0" + read(path))

# Raw pages: byte 0 picks the layout (0 none, 1 vmcs12, 2 evmcs).
for path in PAGES:
    put("raw", bytes([1 if "vmcs12" in path else 2 if "evmcs" in path else 0]) + read(path), limit=4097)


# Hex dumps: byte 0 picks the format (xxd, hexdump, od, gdb, crash, hex); gdb, crash and plain
# hex are written here from the pages as those tools print them.
def words(page, size):
    return [int.from_bytes(page[i:i + size], "little") for i in range(0, len(page), size)]


def gdb(page, base):
    lines = []
    for offset in range(0, len(page), 16):
        w = words(page[offset:offset + 16], 8)
        lines.append("0x%016x <vmcb+%d>:\t%s" % (base + offset, offset, "\t".join("0x%016x" % x for x in w)))
    return ("\n".join(lines) + "\n").encode()


def crash(page, base):
    lines = ["crash> rd -64 %x 512" % base]
    for offset in range(0, len(page), 16):
        w = words(page[offset:offset + 16], 8)
        lines.append("%016x:  %s   ................" % (base + offset, " ".join("%016x" % x for x in w)))
    return ("\n".join(lines) + "\n").encode()


def plain(page):
    return ("\n".join(" ".join("%02x" % b for b in page[i:i + 32]) for i in range(0, len(page), 32)) + "\n").encode()


for path in files("samples/*.xxd", "samples/malformed/*.xxd"):
    put("hexdump", b"\0" + read(path), limit=20 * 1024)
for path in files("samples/*.hexdump", "samples/malformed/*.hexdump"):
    put("hexdump", b"\1" + read(path), limit=20 * 1024)
for path in files("samples/*.od-*"):
    put("hexdump", b"\2" + read(path), limit=20 * 1024)
for path in PAGES[:3]:
    page = read(path)
    put("hexdump", b"\3" + gdb(page, 0xffff88810a3f4000), limit=20 * 1024)
    put("hexdump", b"\4" + crash(page, 0xffff88810a3f4000), limit=20 * 1024)
    put("hexdump", b"\5" + plain(page), limit=20 * 1024)


# Crash dumps and memory images, small: the sample pages at a few guest-physical addresses.
PLACED = [(0x100000, "samples/vmcb-npf.bin"), (0x345000, "samples/vmcs12-ept-violation.bin"),
          (0x567000, "samples/cores/pages/vmsa.bin"), (0x789000, "samples/cores/pages/hw-vmcs-a.bin")]


def elf_core(placed, is64=True):
    """An ELF core with a PT_NOTE and one PT_LOAD per page (System V gABI)."""
    count = len(placed) + 1
    ehsize, phentsize = (64, 56) if is64 else (52, 32)
    data_at = ehsize + count * phentsize
    data_at = (data_at + 15) & ~15
    note = struct.pack("<III", 5, 0, 1) + b"CORE\0\0\0\0"
    headers = []
    offset = data_at + len(note)
    if is64:
        header = b"\x7fELF" + bytes([2, 1, 1, 0]) + bytes(8) + struct.pack(
            "<HHIQQQIHHHHHH", 4, 62, 1, 0, ehsize, 0, 0, ehsize, phentsize, count, 0, 0, 0)
        headers.append(struct.pack("<IIQQQQQQ", 4, 0, data_at, 0, 0, len(note), len(note), 0))
        for address, path in placed:
            headers.append(struct.pack("<IIQQQQQQ", 1, 7, offset, 0, address, 4096, 4096, 0))
            offset += 4096
    else:
        header = b"\x7fELF" + bytes([1, 1, 1, 0]) + bytes(8) + struct.pack(
            "<HHIIIIIHHHHHH", 4, 3, 1, 0, ehsize, 0, 0, ehsize, phentsize, count, 0, 0, 0)
        headers.append(struct.pack("<IIIIIIII", 4, data_at, 0, 0, len(note), len(note), 0, 0))
        for address, path in placed:
            headers.append(struct.pack("<IIIIIIII", 1, offset, 0, address, 4096, 4096, 7, 0))
            offset += 4096
    body = header + b"".join(headers)
    body += bytes(data_at - len(body)) + note
    for _, path in placed:
        body += read(path)
    return body


def lime(placed):
    out = b""
    for address, path in placed:
        out += struct.pack("<IIQQQ", 0x4C694D45, 1, address, address + 4095, 0) + read(path)
    return out


def raw_image(placed):
    """Pages at 0x0, 0x1000, ...: a raw image is read with byte N at address N."""
    return b"".join(read(path) for _, path in placed)


def kdump(placed, compress=True, max_mapnr=0xA00):
    """A kdump-compressed (diskdump) file as makedumpfile writes one (diskdump_mod.h): a header
    block, a sub-header block holding the ELF notes, two one-block bitmaps (RAM, dumped), page
    descriptors of 24 bytes, then the page data, zlib-compressed (flag 0x1) or stored."""
    block = 4096
    sample = read("samples/cores/core.kdump")
    header = bytearray(sample[:464])
    struct.pack_into("<IiiIIIIIIi", header, 424, 1, block, 1, 2, max_mapnr, 0, 0, 0, 0, 1)
    note_offset, note = block + 104, sample[4200:4200 + 624]
    sub = bytearray(104)
    struct.pack_into("<QiiQQqQqQqQQQQ", sub, 0, 0, 1, 0, 0, 0, 0, 0, note_offset, len(note), 0, 0, 0, 0, max_mapnr)
    sub_block = bytes(sub) + note
    sub_block += bytes(block - len(sub_block))
    pfns = sorted((address // block, path) for address, path in placed)
    ram = bytearray(block)
    dumped = bytearray(block)
    for pfn in range(max_mapnr):
        ram[pfn // 8] |= 1 << (pfn % 8)
    for pfn, _ in pfns:
        dumped[pfn // 8] |= 1 << (pfn % 8)
    descriptors_at = 4 * block
    data_at = descriptors_at + 24 * len(pfns)
    descriptors = b""
    data = b""
    for pfn, path in pfns:
        page = read(path)
        stored = zlib.compress(page) if compress else page
        if len(stored) >= block:
            stored, flags = page, 0
        else:
            flags = 1 if compress else 0
        descriptors += struct.pack("<qIIQ", data_at + len(data), len(stored), flags, 0)
        data += stored
    return bytes(header) + bytes(block - len(header)) + sub_block + bytes(ram) + bytes(dumped) + descriptors + data


def flattened(dump):
    """makedumpfile -F: a 4096-byte header, then big-endian (offset, size) records."""
    header = b"makedumpfile" + bytes(4) + struct.pack(">QQ", 1, 1)
    header += bytes(4096 - len(header))
    out = header
    for offset in range(0, len(dump), 8192):
        piece = dump[offset:offset + 8192]
        out += struct.pack(">qq", offset, len(piece)) + piece
    return out + struct.pack(">qq", -1, -1)


DUMP_LIMIT = 32 * 1024
dumps = [
    elf_core(PLACED), elf_core(PLACED[:2], is64=False), elf_core(PLACED[1:3]), lime(PLACED), lime(PLACED[:1]),
    raw_image(PLACED[:3]), kdump(PLACED), kdump(PLACED[:2], compress=False), flattened(kdump(PLACED[:2])),
]
dumps += [gzip.compress(d, mtime=0) for d in (elf_core(PLACED), lime(PLACED), kdump(PLACED), raw_image(PLACED))]
for d in dumps:
    assert len(d) <= DUMP_LIMIT, len(d)
    put("dump", d, limit=DUMP_LIMIT)
    put("detect", d, limit=DUMP_LIMIT)

# Detection, quoted-printable and the log-line cleaner: every text; detection also gets the
# pages, gzip and UTF-16 copies of a few.
for path in TEXTS:
    data = read(path)
    put("detect", data)
    put("qp", data)
    put("logline", data)
for path in PAGES:
    put("detect", read(path))
for path in ["samples/vmcb-npf.kvm.log", "samples/vmcs-entry-failure.xen.qp.txt", "samples/vmcb-ioio.hexdump"]:
    put("detect", gzip.compress(read(path), mtime=0))
    put("detect", b"\xff\xfe" + read(path).decode("utf-8").encode("utf-16-le"))
    put("detect", read(path).decode("utf-8").encode("utf-16-be"))

# The tool's own JSON, from the samples of each architecture.
if TOOL:
    for path in ["samples/vmcb-npf.kvm.log", "samples/vmcs-ept-violation.kvm-6.12.log", "samples/vmcs-several.kvm-4.x.log",
                 "samples/vmcb-ioio.bin", "samples/evmcs-ept-violation.bin", "samples/cpu-reset.qemu-info-registers.txt",
                 "samples/vmcs-vmread.fields.log", "samples/svm-exits.trace-cmd.txt"]:
        result = subprocess.run([TOOL, "show", "--json", os.path.join(ROOT, path)], capture_output=True)
        if result.returncode == 0 and result.stdout:
            # Only what the reader reads (ids, values, metadata): the whole document of one
            # dump is over 100 KiB, far past what a fuzzer mutates well.
            import json
            document = json.loads(result.stdout)
            for item in document["snapshots"]:
                item_keys = {k: item[k] for k in ("architecture", "metadata") if k in item}
                item_keys["fields"] = [{"id": f["id"], "value": f["value"]} for f in item["fields"]]
                small = {"schema": document["schema"], "snapshots": [item_keys]}
                text = json.dumps(small, indent=1).encode()
                put("json", text)
                put("detect", text)

for target in sorted(os.listdir(OUT)):
    print("%-9s %3d seeds" % (target, len(os.listdir(os.path.join(OUT, target)))))
