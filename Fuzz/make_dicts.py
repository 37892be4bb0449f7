#!/usr/bin/env python3
"""Writes Fuzz/dict/<target>.dict, libFuzzer dictionaries of each format's markers: the string
literals of the target's reader sources (the markers and names they look for) and the words that
recur in its seeds (Fuzz/corpus/<target>). Rerun after a reader learns new markers:

    python3 Fuzz/make_dicts.py
"""
import collections
import glob
import os
import re

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
INPUT = "Sources/VMCSInspect/Input/"
LOG = [INPUT + "LogReader.swift", INPUT + "LogLine.swift"]
SOURCES = {
    "kvm": [INPUT + "KVMVMCBDump.swift", INPUT + "VMCSDump.swift"] + LOG,
    "xen": [INPUT + "VMCSDump.swift", INPUT + "XenVMCBDump.swift"] + LOG,
    "qemu": [INPUT + "QEMUCPUDump.swift"] + LOG,
    "vbox": [INPUT + "VirtualBoxLog.swift", "Sources/VMCSInspect/Catalog/VirtualBox+Diagnostics.swift"] + LOG,
    "trace": glob.glob(os.path.join(ROOT, INPUT + "KVMTrace/*.swift")) + [INPUT + "LogLine.swift"],
    "bhyvectl": [INPUT + "BhyvectlReader.swift"],
    "fields": [INPUT + "FieldLogReader.swift"] + LOG,
    "json": [INPUT + "JSONSnapshotReader.swift"],
    "hexdump": [INPUT + "HexdumpReader.swift"],
    "layout": [INPUT + "LayoutFileReader.swift"],
    "qp": [INPUT + "QuotedPrintable.swift"] + LOG,
    "logline": LOG,
    "detect": glob.glob(os.path.join(ROOT, INPUT + "*.swift")),
    "raw": [INPUT + "PageDecoder.swift"],
    "dump": glob.glob(os.path.join(ROOT, "Sources/VMCSInspect/Dumps/*.swift")),
}
EXTRA = {
    "json": ['{"schema": "vmcs-inspect/show/1", "snapshots": [', '"architecture": "vmx"', '"architecture": "svm"',
             '"fields": [', '{"id": "', '"value": "0x', '"metadata": [', '"key": "'],
    "hexdump": ["*", "0x", "crash> rd -64 ", " <vmcb+", "  |", "|\n", "  >", "<\n", "ffff8881"],
    "qp": ["=3D", "=20", "=09", "=C2=A0", "=\n", "=\r\n", "> "],
    "dump": ["\x7fELF\x02\x01\x01", "\x7fELF\x01\x01\x01", "\x04\x00>\x00", "KDUMP   ", "DISKDUMP", "makedumpfile",
             "EMiL\x01\x00\x00\x00", "\x1f\x8b\x08", "CORE\x00", "x86_64", "\xff\xff\xff\xff\xff\xff\xff\xff"],
    "detect": ["\x1f\x8b\x08", "\xff\xfe", "\xfe\xff", "=3D", "\x7fELF", "KDUMP   ", "makedumpfile", "EMiL"],
    "raw": ["\x01\x00\x00\x00", "\x11\x00\x11\x01"],
}
LIMIT = 600


def literals(path):
    text = open(os.path.join(ROOT, path), encoding="utf-8").read()
    for match in re.finditer(r'"((?:[^"\\\n]|\\.)*)"', text):
        literal = match.group(1)
        if "\\(" in literal or not 2 <= len(literal) <= 40:
            continue
        literal = literal.replace("\\t", "\t").replace("\\n", "\n").replace('\\"', '"').replace("\\\\", "\\")
        if "\\" in literal:
            continue
        yield literal


def words(target):
    counts = collections.Counter()
    for path in glob.glob(os.path.join(ROOT, "Fuzz/corpus", target, "*")):
        data = open(path, "rb").read()
        if target == "dump" or b"\0" in data:
            continue
        for word in re.findall(rb"[A-Za-z_][A-Za-z0-9_.:=#/-]{2,23}", data[1:] if target in ("fields", "hexdump") else data):
            counts[word.decode()] += 1
    return [word for word, count in counts.most_common() if count >= 2]


def escape(token):
    out = ""
    for byte in token.encode("latin-1" if all(ord(c) < 256 for c in token) else "utf-8"):
        if byte in (0x22, 0x5C) or byte < 0x20 or byte >= 0x7F:
            out += "\\x%02x" % byte
        else:
            out += chr(byte)
    return '"' + out + '"'


os.makedirs(os.path.join(ROOT, "Fuzz/dict"), exist_ok=True)
for target, sources in sorted(SOURCES.items()):
    tokens = []
    for token in EXTRA.get(target, []):
        tokens.append(token)
    for path in sources:
        tokens += literals(os.path.relpath(path, ROOT) if os.path.isabs(path) else path)
    tokens += words(target)
    seen = set()
    unique = [t for t in tokens if t.strip() and not (t in seen or seen.add(t))][:LIMIT]
    with open(os.path.join(ROOT, "Fuzz/dict", target + ".dict"), "w") as out:
        out.write("# %s: markers from the reader's sources and words of its seeds (Fuzz/make_dicts.py)\n" % target)
        for token in unique:
            out.write(escape(token) + "\n")
    print("%-9s %3d tokens" % (target, len(unique)))
