#!/usr/bin/env python3
"""Writes the malformed inputs of samples/malformed/ that make_dumps.sh does not: each is a
sample of samples/ broken in one way real inputs break (cut, garbled, re-encoded, wrapped),
so that the end-to-end suite (Tests/VMCSInspectEndToEndTests/MalformedInputTests.swift) can
say exactly what a user sees. Every file is made from the repository's own samples, with no
randomness beyond a fixed seed, so running this again rewrites the same bytes.

Usage, from the repository root: samples/tools/make_malformed.py

Each file is described in samples/README.md, section "Malformed inputs".
"""

import gzip
import io
import json
import os
import random
import re

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SAMPLES = os.path.join(ROOT, "samples")
OUT = os.path.join(SAMPLES, "malformed")


def text(name):
    with open(os.path.join(SAMPLES, name), encoding="utf-8") as f:
        return f.read()


def binary(name):
    with open(os.path.join(SAMPLES, name), "rb") as f:
        return f.read()


def write(name, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)


def gz(data):
    """gzip with a fixed header (no name, mtime 0), so the bytes do not change between runs."""
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0, filename="") as f:
        f.write(data)
    return buffer.getvalue()


def replace_once(haystack, old, new):
    assert haystack.count(old) >= 1, old
    return haystack.replace(old, new, 1)


def lines(name):
    return text(name).split("\n")


def strip_stamp(line):
    return re.sub(r"^\[\s*[0-9.]+\]\s*", "", line)


def xxd(data, start=0):
    """What `xxd` prints: 16 bytes a line in groups of two, the characters after two spaces."""
    out = []
    for offset in range(0, len(data), 16):
        chunk = data[offset : offset + 16]
        groups = " ".join(chunk[i : i + 2].hex() for i in range(0, len(chunk), 2))
        chars = "".join(chr(b) if 0x20 <= b < 0x7F else "." for b in chunk)
        out.append("%08x: %-39s  %s\n" % (start + offset, groups, chars))
    return "".join(out)


def hexdump_c(data):
    """What `hexdump -C` prints, without folding repeated lines into `*`."""
    out = []
    for offset in range(0, len(data), 16):
        chunk = data[offset : offset + 16]
        left = " ".join("%02x" % b for b in chunk[:8])
        right = " ".join("%02x" % b for b in chunk[8:])
        chars = "".join(chr(b) if 0x20 <= b < 0x7F else "." for b in chunk)
        out.append("%08x  %-23s  %-23s  |%s|\n" % (offset, left, right, chars))
    out.append("%08x\n" % len(data))
    return "".join(out)


def main():
    os.makedirs(OUT, exist_ok=True)
    npf = binary("vmcb-npf.bin")
    vmcs12 = binary("vmcs12-ept-violation.bin")
    evmcs = binary("evmcs-ept-violation.bin")
    kvm_vmcb = text("vmcb-npf.kvm.log")
    kvm_vmcs = text("vmcs-ept-violation.kvm-6.12.log")

    # Pages cut short: a vmcs12 page (its revision identifier is there) and an eVMCS.
    write("vmcs12-truncated.bin", vmcs12[:2048])
    write("evmcs-truncated.bin", evmcs[:1000])

    # Gzip: a log, a raw page, a copy cut in half, one with flipped bits, one of nothing.
    log_gz = gz(kvm_vmcb.encode())
    write("vmcb-npf.kvm.log.gz", log_gz)
    write("vmcb-npf.bin.gz", gz(npf))
    write("truncated.log.gz", log_gz[: len(log_gz) // 2])
    corrupt = bytearray(log_gz)
    for index in range(40, 48):
        corrupt[index] ^= 0xA5
    write("corrupt.log.gz", bytes(corrupt))
    write("empty.gz", gz(b""))

    # Text encodings and line ends, each of the same KVM log: read as it is.
    write("utf16le-bom.kvm.log", b"\xff\xfe" + kvm_vmcb.encode("utf-16-le"))
    write("utf16be-bom.kvm.log", b"\xfe\xff" + kvm_vmcb.encode("utf-16-be"))
    write("utf16le.kvm.log", kvm_vmcb.encode("utf-16-le"))
    write("utf16be.kvm.log", kvm_vmcb.encode("utf-16-be"))
    write("utf8-bom.kvm.log", b"\xef\xbb\xbf" + kvm_vmcb.encode())
    write("crlf.kvm.log", kvm_vmcb.replace("\n", "\r\n"))
    write("cr.kvm.log", kvm_vmcb.replace("\n", "\r"))
    write("utf16le.xxd", text("vmcb-npf.xxd").encode("utf-16-le"))
    write("crlf.hexdump", text("vmcb-npf.hexdump").replace("\n", "\r\n"))

    # Bytes that are not text inside text: NUL bytes at the end of a line (a serial console's
    # noise), Latin-1 bytes, bytes that are no encoding at all.
    log = kvm_vmcb.split("\n")
    log[0] = log[0] + "\0\0\0"
    write("nul.kvm.log", "\n".join(log))
    raw = kvm_vmcb.encode().split(b"\n")
    raw[0] = raw[0] + b" caf\xe9 \xff\xfe\xc3"
    write("latin1.kvm.log", b"\n".join(raw))
    rng = random.Random(9)
    write("junk-tail.kvm.log", kvm_vmcb.encode() + bytes(rng.randrange(256) for _ in range(3000)).replace(b"\0", b"\1"))

    # Hex dumps of the wrong length, with bad digits, with addresses out of order.
    write("two-pages.xxd", xxd(npf + npf))
    dump = xxd(npf).split("\n")
    address, rest = dump[6].split(": ", 1)
    dump[6] = address + ": " + rest[:34] + "      " + rest[41:]  # line 7: 14 bytes
    write("short-line.xxd", "\n".join(dump))
    dump = hexdump_c(npf).split("\n")
    dump[11] = dump[11][: 58] + " 00" + dump[11][58:]  # line 12: 17 bytes
    write("long-line.hexdump", "\n".join(dump))
    dump = xxd(npf).split("\n")
    dump[9], dump[10] = dump[10], dump[9]
    write("swapped.xxd", "\n".join(dump))
    od = text("vmcb-ioio.od-x8").split("\n")
    od[20] = od[2]
    write("backwards.od", "\n".join(od))
    od = text("vmcb-ioio.od-x8").split("\n")
    od[5] = re.sub(r" ([0-9a-f]{16})$", lambda m: " " + " ".join(m.group(1)[i : i + 4] for i in range(0, 16, 4)), od[5])
    write("mixed-width.od", "\n".join(od))
    plain = npf.hex()
    write("odd-digits.hex", "\n".join(plain[i : i + 64] for i in range(0, len(plain), 64))[:-1] + "\n")
    folded = text("vmcb-npf.hexdump").split("\n")
    write("star-first.hexdump", "*\n" + "\n".join(folded))
    write("star-end.hexdump", "\n".join(folded[:-2]) + "\n")
    unfolded = hexdump_c(npf).split("\n")
    write("final-address.hexdump", "\n".join(unfolded[:-2] + ["00000ff0", ""]))
    interrupted = xxd(npf).split("\n")
    interrupted.insert(100, "(the next part of the dump is in my second mail)")
    write("interrupted.xxd", "\n".join(interrupted))

    # A page whose characters column holds what other formats look for: `=3D` three times
    # (quoted-printable's escape for '=') and ` kernel:` (a syslog prefix).
    page = bytearray(npf)
    page[0x600:0x610] = b"a=3Db=3Dc=3D...."
    page[0x700:0x710] = b"x=3D y=3D z=3D  "
    page[0x800:0x810] = b" kernel: oops!!!"
    write("eq3d.bin", bytes(page))
    write("eq3d.xxd", xxd(bytes(page)))
    write("eq3d.hexdump", hexdump_c(bytes(page)))

    # Logs: a VMCB dump cut off in its control area; a VMCB and a VMCS dump interleaved line by
    # line (two hosts' logs merged by time); a journal with the kernel's VMCS dump and QEMU's
    # register dump interleaved, as journalctl shows them.
    write("vmcb-cut.kvm.log", "\n".join(kvm_vmcb.split("\n")[:25]) + "\n")
    a = [strip_stamp(l) for l in kvm_vmcb.split("\n") if l]
    b = [strip_stamp(l) for l in kvm_vmcs.split("\n") if l]
    out, stamp = [], 100.0
    for index in range(max(len(a), len(b))):
        for lines_ in (a, b):
            if index < len(lines_):
                out.append("[%12.6f] %s" % (stamp, lines_[index]))
                stamp += 0.000011
    write("interleaved-kinds.kvm.log", "\n".join(out) + "\n")
    kernel = [strip_stamp(l) for l in text("vmcs-entry-failure.kvm-5.x.log").split("\n") if l.strip()]
    qemu = text("vmcs-entry-failure.qemu.log").split("\n")
    first = next(i for i, l in enumerate(qemu) if l.startswith("KVM: entry failed"))
    qemu = [l for l in qemu[first:] if l.strip()]
    out = []
    for index in range(max(len(kernel), len(qemu))):
        if index < len(kernel):
            out.append("Jan 15 10:21:07 host1 kernel: " + kernel[index])
        if index < len(qemu):
            out.append("Jan 15 10:21:07 host1 qemu-system-x86_64[4242]: " + qemu[index])
    write("interleaved.journal.log", "\n".join(out) + "\n")

    # Quoted-printable mail whose soft break inside RIP's value was lost (the `=` at the end of
    # the line dropped by a client that re-wrapped it).
    qp = text("vmcs-entry-failure.xen.qp.txt")
    write("qp-lost-break.xen.txt", replace_once(qp, "RIP =3D 0xffffffff81=\n", "RIP =3D 0xffffffff81\n"))
    # A KVM VMCS dump whose RIP was split by a wrap, no quoted-printable involved.
    write("split-value.kvm.log", replace_once(kvm_vmcs, "RIP = 0xffffffff8107a3b5", "RIP = 0xffffffff81\n07a3b5"))

    # A VMCS dump whose values were all lost (a paste that replaced them with '?').
    head = kvm_vmcs.split("\n")[:6]
    write("unreadable-values.kvm.log", "\n".join(re.sub(r"(=\s*)(0x)?[0-9a-f]{4,}", lambda m: m.group(1) + "????????", l) for l in head) + "\n")

    # Text no reader knows; a trace with its header and no events; other producers cut short.
    write("prose.txt", "Hi all,\n\nthe guest hangs at boot since the upgrade; any idea?\n\nThanks\n")
    write("trace-no-events.txt", "\n".join(text("vmx-exits.ftrace.txt").split("\n")[:11]) + "\n")
    write("vbox-cut.vbox.log", "\n".join(text("vmcs-entry-failure.vbox.log").split("\n")[:30]) + "\n")
    write("unreadable.fields.log", "GUEST_RIP = 0xffffffff8zz07a3b5\nVM_EXIT_REASON = 0x3o\n")
    write("bad-value.fields.log", "GUEST_RIP = 0xffffffff8zz07a3b5\nGUEST_RSP = 0xffffc90000013e48\nVM_EXIT_REASON = 0x30\n")

    # JSON documents that are not what show --json writes.
    document = json.loads(run_json())
    def dump_json(name, value):
        write(name, json.dumps(value, indent=2) + "\n")
    wrong = json.loads(json.dumps(document))
    wrong["snapshots"][0]["fields"][1]["value"] = 1024
    dump_json("wrong-type.json", wrong)
    huge = json.loads(json.dumps(document))
    huge["snapshots"][0]["fields"][1]["value"] = "0x1ffffffffffffffff"
    dump_json("huge-number.json", huge)
    other = json.loads(json.dumps(document))
    other["schema"] = "vmcs-inspect/check/1"
    dump_json("other-schema.json", other)
    arch = json.loads(json.dumps(document))
    arch["snapshots"][0]["architecture"] = "arm"
    dump_json("unknown-architecture.json", arch)
    whole = json.dumps(document, indent=2)
    write("truncated.json", whole[: len(whole) // 2])
    write("deep.json", '{"schema": "vmcs-inspect/show/1", "snapshots": ' + "[" * 5000 + "]" * 5000 + "}\n")
    write("one-line.json", json.dumps(document) + "\n")

    # Layout files: two fields on the same bytes; a field that runs past the page's end.
    write("overlap.layout", "# GUEST_RSP starts inside GUEST_RIP\nname overlapping\nGUEST_RIP 0x100\nGUEST_RSP 0x104\n")
    write("out-of-page.layout", "name too-far\nGUEST_RIP 0x220\nGUEST_RSP 0xffc\n")

    # Crash dumps whose headers are cut or garbled.
    write("truncated-header.elf", b"\x7fELF\x02\x01\x01" + bytes(9) + b"\x04\x00\x3e\x00")  # ET_CORE, x86-64, cut at 20
    write("not-a-core.elf", b"\x7fELF\x02\x01\x01" + bytes(9) + b"\x02\x00\x3e\x00" + bytes(44))  # ET_EXEC
    write("truncated-header.kdump", b"KDUMP   " + bytes(100))
    write("garbled.lime", b"EMiL" + b"\x01\x00\x00\x00" + b"\x00\x10\x00\x00\x00\x00\x00\x00" + b"\x00\x00\x00\x00\x00\x00\x00\x00" + bytes(8) + bytes(64))


def run_json():
    """The JSON show --json writes for vmcb-npf.kvm.log, cut to its first fields (the file is
    the input of the JSON cases; its values are not what they test)."""
    with open(os.path.join(ROOT, "Tests", "VMCSInspectTests", "Golden", "vmcb-npf.kvm.log.decode.json")) as f:
        document = json.load(f)
    for snapshot in document["snapshots"]:
        snapshot["fields"] = snapshot["fields"][:4]
    return json.dumps(document)


if __name__ == "__main__":
    main()
