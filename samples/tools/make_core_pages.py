#!/usr/bin/env python3
"""Writes the pages that samples/tools/make-core-fixtures.sh plants in a guest's memory besides
the samples' own pages, into the directory given (default samples/cores/pages):

- vmsa.bin: an SEV-ES save area (VMSA, AMD APM Vol. 2 rev 3.42 Table B-4: the save area at
  offset 0 of its own page), the npf guest's state plus the registers only a VMSA holds;
- hsave.bin: a host-save area (MSR VM_HSAVE_PA), where VMRUN stores the host's state in the
  save-area layout at 0x400 and leaves the control area zero, as KVM allocates it;
- hw-vmcs-a.bin, hw-vmcs-b.bin, hw-vmcs-c.bin: three "hardware" VMCS regions of one made-up
  processor (revision 0x12, abort indicator 0) whose fields sit where hw-vmcs.layout says;
- noise-random.bin, noise-text.bin, noise-tables.bin, noise-structs.bin: memory that must not
  be taken for any of those (seeded random bytes, text, x86-64 page tables, small structures).

Run from the repository root: python3 samples/tools/make_core_pages.py [DIR]
"""
import os
import random
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "samples", "cores", "pages")
os.makedirs(OUT, exist_ok=True)


def page():
    return bytearray(4096)


def put(buf, offset, size, value):
    buf[offset:offset + size] = value.to_bytes(size, "little")


def write(name, data):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(bytes(data))


npf = open(os.path.join(ROOT, "samples", "vmcb-npf.bin"), "rb").read()

# VMSA: the npf guest's save area moved to offset 0, plus what only the SEV-ES area holds.
vmsa = page()
vmsa[0:0x400] = npf[0x400:0x800]
for offset, value in [(0x308, 0x0000000000000001), (0x310, 0x00000000000003f8), (0x318, 0xffff888103c4e000),
                      (0x328, 0xffffc90000013e88), (0x330, 0xffff888100a1c000), (0x338, 0x0000000000000246),
                      (0x340, 0x0000000000000008), (0x378, 0xffffffff82a0b000),
                      (0x3b0, 0x0000000000000004),  # SEV_FEATURES bit 2: ReflectVC (Linux SVM_SEV_FEAT_REFLECT_VC)
                      (0x3c0, 0x0000000000000400), (0x3e8, 0x0000000000000007)]:  # GUEST_EXITCODE, XCR0 x87|SSE|AVX
    put(vmsa, offset, 8, value)
write("vmsa.bin", vmsa)

# Host-save area: control area zero; the host's own state at 0x400 (a 64-bit Linux host, SVME on).
hsave = page()
for offset, size, value in [
    (0x410, 2, 0x0010), (0x412, 2, 0x029b), (0x414, 4, 0xffffffff),  # cs
    (0x420, 2, 0x0018), (0x422, 2, 0x0c93), (0x424, 4, 0xffffffff),  # ss
    (0x464, 4, 0x0000007f), (0x468, 8, 0xfffffe0000081000),  # gdtr
    (0x484, 4, 0x00000fff), (0x488, 8, 0xfffffe0000000000),  # idtr
    (0x4d0, 8, 0x0000000000001d01),  # efer with SVME
    (0x548, 8, 0x0000000000350ef0), (0x550, 8, 0x0000000104ae6000), (0x558, 8, 0x0000000080050033),
    (0x570, 8, 0x0000000000000046), (0x578, 8, 0xffffffffc0a4f2b1),  # rflags, rip (kvm_amd's svm_vcpu_enter_exit)
    (0x5d8, 8, 0xffffc9000127fc98), (0x5f8, 8, 0x000000010b2d4000),  # rsp, rax (the guest VMCB's address)
]:
    put(hsave, offset, size, value)
write("hsave.bin", hsave)

# Hardware VMCS regions: a made-up processor's format, as hw-vmcs.layout places it.
LAYOUT = [
    # (encoding, offset, name, width)
    (0x4402, 0x010, "VM_EXIT_REASON", 4), (0x6400, 0x018, "EXIT_QUALIFICATION", 8),
    (0x2400, 0x020, "GUEST_PHYSICAL_ADDRESS", 8), (0x681e, 0x028, "GUEST_RIP", 8),
    (0x6802, 0x030, "GUEST_CR3", 8), (0x6800, 0x038, "GUEST_CR0", 8), (0x6804, 0x040, "GUEST_CR4", 8),
    (0x0000, 0x048, "VIRTUAL_PROCESSOR_ID", 2), (0x2800, 0x050, "VMCS_LINK_POINTER", 8),
    (0x6c00, 0x058, "HOST_CR0", 8), (0x6c04, 0x060, "HOST_CR4", 8), (0x6c16, 0x068, "HOST_RIP", 8),
    (0x440c, 0x070, "VM_EXIT_INSTRUCTION_LEN", 4),
]
with open(os.path.join(OUT, "hw-vmcs.layout"), "w") as f:
    f.write("# Where a made-up processor keeps some VMCS fields (samples/tools/make_core_pages.py).\n")
    f.write("name     made-up-cpu\nrevision 0x12\n")
    for encoding, offset, name, _ in LAYOUT:
        f.write("0x%04x   0x%03x     # %s\n" % (encoding, offset, name))

def hw_vmcs(reason, qualification, gpa, rip, cr3, vpid, shadow=False):
    region = page()
    put(region, 0, 4, 0x12 | (0x80000000 if shadow else 0))
    values = {0x4402: reason, 0x6400: qualification, 0x2400: gpa, 0x681e: rip, 0x6802: cr3,
              0x6800: 0x80050033, 0x6804: 0x003726f0, 0x0000: vpid, 0x2800: 0xffffffffffffffff,
              0x6c00: 0x80050033, 0x6c04: 0x003726f0, 0x6c16: 0xffffffffc0b2a1f0, 0x440c: 3}
    for encoding, offset, _, width in LAYOUT:
        put(region, offset, width, values[encoding])
    # The rest of a region is the processor's own cache of state: opaque, but not empty.
    rng = random.Random(reason * 7 + vpid)
    for offset in range(0x200, 0x600, 8):
        put(region, offset, 8, rng.getrandbits(32))
    return region

write("hw-vmcs-a.bin", hw_vmcs(30, 0x03f80008, 0, 0xffffffff81a4c2d6, 0x10a6b2000, 1))
write("hw-vmcs-b.bin", hw_vmcs(48, 0x181, 0xfebf1000, 0xffffffff8107a3b5, 0x10a6b2000, 2))
write("hw-vmcs-c.bin", hw_vmcs(1, 0, 0, 0xffffffff81c01a40, 0x11e4f3000, 3))

# Noise: what the rest of a host's memory holds.
rng = random.Random(12)
write("noise-random.bin", bytes(rng.getrandbits(8) for _ in range(8 * 4096)))

text = b""
for folder, _, files in sorted(os.walk(os.path.join(ROOT, "Sources"))):
    for name in sorted(files):
        if name.endswith(".swift"):
            text += open(os.path.join(folder, name), "rb").read()
text = text[:32 * 4096]
write("noise-text.bin", text + bytes(32 * 4096 - len(text)))

# Page tables: a PML4 (kernel half), PDPTs, page directories and page tables of a 64-bit kernel,
# each entry present, writable, accessed (and dirty, global, NX where a kernel sets them).
tables = bytearray()
for kind in range(16):
    table = page()
    base = 0x100000000 + kind * 0x200000
    first = 256 if kind == 0 else rng.randrange(0, 64)
    count = 256 if kind == 0 else rng.randrange(8, 512 - first)
    for index in range(first, first + count):
        flags = 0x063 if kind < 8 else 0x8000000000000163
        put(table, index * 8, 8, (base + index * 0x1000) | flags)
    tables += table
write("noise-tables.bin", tables)

# Small structures: counters, lists, pointers and flags words, as slab pages hold them.
structs = bytearray()
for _ in range(16):
    slab = page()
    for offset in range(0, 4096, 64):
        put(slab, offset, 4, 1)  # a reference count
        put(slab, offset + 8, 8, 0xffff888100000000 + rng.randrange(0, 1 << 30) * 64)
        put(slab, offset + 16, 8, 0xffff888100000000 + rng.randrange(0, 1 << 30) * 64)
        put(slab, offset + 24, 8, rng.choice([0, 0x1d01, 0x80050033, 0xffffffffffffffff, 0x1000]))
        put(slab, offset + 32, 4, rng.getrandbits(16))
    structs += slab
write("noise-structs.bin", structs)
