#!/usr/bin/env python3
"""Writes the VMCB samples: one guest state per scenario as a raw page, and as the kernel-log
lines Linux KVM's dump_vmcb() prints for it (format strings of arch/x86/kvm/svm/svm.c, read
from the 6.12 and 4.x sources). The xxd and hexdump dumps are made from the raw pages by the
real tools; see samples/README.md. Run from the repository root:

    python3 samples/tools/make_vmcb_samples.py && sh samples/tools/make_dumps.sh
"""
import struct

# A 64-bit Linux guest under KVM with nested paging. Offsets: AMD APM Vol. 2 rev 3.42,
# Tables B-1 and B-2 (save area at 0x400).
BASE = {
    # control area
    0x000: (2, 0x0011), 0x002: (2, 0x0111), 0x004: (2, 0x00FF), 0x006: (2, 0x00FF),
    0x008: (4, 0x00060042),
    0x00C: (4, (1 << 0) | (1 << 1) | (1 << 2) | (1 << 5) | (1 << 15) | (1 << 18) | (1 << 19) | (1 << 22)
                | (1 << 23) | (1 << 24) | (1 << 26) | (1 << 27) | (1 << 28) | (1 << 29) | (1 << 31)),
    0x010: (4, 0x7F | (1 << 9) | (1 << 10) | (1 << 11) | (1 << 13) | (1 << 14)),
    0x03C: (2, 128), 0x03E: (2, 3000),
    0x040: (8, 0x000000010B4EE000), 0x048: (8, 0x0000000109A30000), 0x050: (8, 0xFFFFFE4B2A7C1D30),
    0x058: (4, 1), 0x05C: (1, 0),
    0x060: (4, 0x01000000), 0x064: (4, 0), 0x068: (4, 0),
    0x090: (8, 1), 0x0B0: (8, 0x000000010C3E1000), 0x0B8: (8, 2), 0x0C0: (4, 0x000001DF),
    # save area
    0x400: (2, 0x0000), 0x402: (2, 0x0000), 0x404: (4, 0xFFFFFFFF), 0x408: (8, 0),  # es
    0x410: (2, 0x0010), 0x412: (2, 0x029B), 0x414: (4, 0xFFFFFFFF), 0x418: (8, 0),  # cs
    0x420: (2, 0x0018), 0x422: (2, 0x0C93), 0x424: (4, 0xFFFFFFFF), 0x428: (8, 0),  # ss
    0x430: (2, 0x0000), 0x432: (2, 0x0000), 0x434: (4, 0xFFFFFFFF), 0x438: (8, 0),  # ds
    0x440: (2, 0x0000), 0x442: (2, 0x0000), 0x444: (4, 0xFFFFFFFF), 0x448: (8, 0x00007F4B3C9FF740),  # fs
    0x450: (2, 0x0000), 0x452: (2, 0x0000), 0x454: (4, 0xFFFFFFFF), 0x458: (8, 0xFFFF88813BC00000),  # gs
    0x460: (2, 0x0000), 0x462: (2, 0x0000), 0x464: (4, 0x0000007F), 0x468: (8, 0xFFFFFE0000001000),  # gdtr
    0x470: (2, 0x0000), 0x472: (2, 0x0000), 0x474: (4, 0x00000000), 0x478: (8, 0),  # ldtr
    0x480: (2, 0x0000), 0x482: (2, 0x0000), 0x484: (4, 0x00000FFF), 0x488: (8, 0xFFFFFE0000000000),  # idtr
    0x490: (2, 0x0040), 0x492: (2, 0x008B), 0x494: (4, 0x00004087), 0x498: (8, 0xFFFFFE0000003000),  # tr
    0x4CA: (1, 0), 0x4CB: (1, 0), 0x4D0: (8, 0x0000000000001D01),
    0x548: (8, 0x00000000003506F0), 0x550: (8, 0x000000010A6B2000), 0x558: (8, 0x0000000080050033),
    0x560: (8, 0x0000000000000400), 0x568: (8, 0x00000000FFFF0FF0), 0x570: (8, 0x0000000000000246),
    0x5F8: (8, 0xFFFFC90000049000),
    0x600: (8, 0x0023001000000000), 0x608: (8, 0xFFFFFFFF82000080), 0x610: (8, 0xFFFFFFFF820015C0),
    0x618: (8, 0x0000000000257FD5), 0x620: (8, 0), 0x628: (8, 0x10), 0x630: (8, 0xFFFFFE0000003000),
    0x638: (8, 0xFFFFFFFF820016F0), 0x640: (8, 0x00007F4B3C8E1000),
    0x668: (8, 0x0007040600070406), 0x670: (8, 0), 0x678: (8, 0), 0x680: (8, 0), 0x688: (8, 0), 0x690: (8, 0),
}

# Stopped on a nested page fault: a write to the HPET's MMIO page, not mapped in the NPT.
NPF = dict(BASE)
NPF.update({
    0x070: (8, 0x400), 0x078: (8, 0x0000000100000006), 0x080: (8, 0x00000000FED00000),
    0x0C8: (8, 0), 0x0D0: (1, 15),
    0x578: (8, 0xFFFFFFFF8107A3B5), 0x5D8: (8, 0xFFFFC90000013E48),
})
NPF_INSN = bytes.fromhex("8990f000000048 83c4085dc3cccccc".replace(" ", ""))

# Stopped on an intercepted OUT %al,%dx to COM1 (port 0x3f8); nRIP is saved for IOIO.
IOIO = dict(BASE)
IOIO.update({
    0x070: (8, 0x7B), 0x078: (8, (0x3F8 << 16) | (1 << 9) | (1 << 4)), 0x080: (8, 0xFFFFFFFF81A4C2D7),
    0x0C8: (8, 0xFFFFFFFF81A4C2D7), 0x0D0: (1, 0),
    0x578: (8, 0xFFFFFFFF81A4C2D6), 0x5D8: (8, 0xFFFFC9000024FD30),
    0x5F8: (8, 0x0000000000000041),
})


def page(fields, insn=b""):
    data = bytearray(4096)
    for offset, (size, value) in fields.items():
        data[offset:offset + size] = value.to_bytes(size, "little")
    data[0x0D1:0x0D1 + len(insn)] = insn
    return bytes(data)


def u(data, offset, size):
    return int.from_bytes(data[offset:offset + size], "little")


def dump_vmcb_612(data, header):
    """The lines of dump_vmcb() in Linux 6.12 (arch/x86/kvm/svm/svm.c), without prefixes."""
    return [header] + dump_vmcb(data, modern=True)


def dump_vmcb_4x(data):
    """dump_vmcb() as Linux 4.x printed it: one 64-bit intercept word, lbr_ctl, no header."""
    return dump_vmcb(data, modern=False)


def dump_vmcb(data, modern):
    out = ["VMCB Control Area:"]
    row = lambda label, text: out.append("%-20s%s" % (label, text))
    row("cr_read:", "%04x" % u(data, 0x000, 2))
    row("cr_write:", "%04x" % u(data, 0x002, 2))
    row("dr_read:", "%04x" % u(data, 0x004, 2))
    row("dr_write:", "%04x" % u(data, 0x006, 2))
    row("exceptions:", "%08x" % u(data, 0x008, 4))
    if modern:
        row("intercepts:", "%08x %08x" % (u(data, 0x00C, 4), u(data, 0x010, 4)))
    else:
        row("intercepts:", "%016x" % u(data, 0x00C, 8))
    row("pause filter count:", "%d" % u(data, 0x03E, 2))
    if modern:
        row("pause filter threshold:", "%d" % u(data, 0x03C, 2))
    row("iopm_base_pa:", "%016x" % u(data, 0x040, 8))
    row("msrpm_base_pa:", "%016x" % u(data, 0x048, 8))
    row("tsc_offset:", "%016x" % u(data, 0x050, 8))
    row("asid:", "%d" % u(data, 0x058, 4))
    row("tlb_ctl:", "%d" % u(data, 0x05C, 1))
    row("int_ctl:", "%08x" % u(data, 0x060, 4))
    row("int_vector:", "%08x" % u(data, 0x064, 4))
    row("int_state:", "%08x" % u(data, 0x068, 4))
    row("exit_code:", "%08x" % u(data, 0x070, 4))
    row("exit_info1:", "%016x" % u(data, 0x078, 8))
    row("exit_info2:", "%016x" % u(data, 0x080, 8))
    row("exit_int_info:", "%08x" % u(data, 0x088, 4))
    row("exit_int_info_err:", "%08x" % u(data, 0x08C, 4))
    row("nested_ctl:", "%d" % u(data, 0x090, 8))
    row("nested_cr3:", "%016x" % u(data, 0x0B0, 8))
    if modern:
        row("avic_vapic_bar:", "%016x" % u(data, 0x098, 8))
        row("ghcb:", "%016x" % u(data, 0x0A0, 8))
    row("event_inj:", "%08x" % u(data, 0x0A8, 4))
    row("event_inj_err:", "%08x" % u(data, 0x0AC, 4))
    row("virt_ext:" if modern else "lbr_ctl:", "%d" % u(data, 0x0B8, 8))
    row("next_rip:", "%016x" % u(data, 0x0C8, 8))
    if modern:
        row("avic_backing_page:", "%016x" % u(data, 0x0E0, 8))
        row("avic_logical_id:", "%016x" % u(data, 0x0F0, 8))
        row("avic_physical_id:", "%016x" % u(data, 0x0F8, 8))
        row("vmsa_pa:", "%016x" % u(data, 0x108, 8))
    out.append("VMCB State Save Area:")
    segments(data, out)
    if modern:
        out.append("vmpl: %d   cpl:  %d               efer:          %016x" % (u(data, 0x4CA, 1), u(data, 0x4CB, 1), u(data, 0x4D0, 8)))
    else:
        out.append("cpl:            %d                efer:         %016x" % (u(data, 0x4CB, 1), u(data, 0x4D0, 8)))
    pairs(data, out)
    return out


def segments(data, out):
    for index, name in enumerate(["es", "cs", "ss", "ds", "fs", "gs", "gdtr", "ldtr", "idtr", "tr"]):
        o = 0x400 + 16 * index
        out.append("%-5s s: %04x a: %04x l: %08x b: %016x" % (name + ":", u(data, o, 2), u(data, o + 2, 2), u(data, o + 4, 4), u(data, o + 8, 8)))


PAIRS = [("cr0:", 0x558, "cr2:", 0x640), ("cr3:", 0x550, "cr4:", 0x548), ("dr6:", 0x568, "dr7:", 0x560),
         ("rip:", 0x578, "rflags:", 0x570), ("rsp:", 0x5D8, "rax:", 0x5F8), ("star:", 0x600, "lstar:", 0x608),
         ("cstar:", 0x610, "sfmask:", 0x618), ("kernel_gs_base:", 0x620, "sysenter_cs:", 0x628),
         ("sysenter_esp:", 0x630, "sysenter_eip:", 0x638), ("gpat:", 0x668, "dbgctl:", 0x670),
         ("br_from:", 0x678, "br_to:", 0x680), ("excp_from:", 0x688, "excp_to:", 0x690)]


def pairs(data, out):
    for a, oa, b, ob in PAIRS:
        out.append("%-15s %016x %-13s %016x" % (a, u(data, oa, 8), b, u(data, ob, 8)))


def dmesg(lines, start, prefix="kvm_amd: ", step=0.000004):
    return ["[%12.6f] %s%s" % (start + i * step, prefix, line) for i, line in enumerate(lines)]


def write(path, text, newline="\n"):
    with open(path, "w", newline="") as f:
        f.write(newline.join(text) + newline)


npf = page(NPF, NPF_INSN)
ioio = page(IOIO)
open("samples/vmcb-npf.bin", "wb").write(npf)
open("samples/vmcb-ioio.bin", "wb").write(ioio)

header_npf = "VMCB 000000008f1e4d2b, last attempted VMRUN on CPU 3"
header_ioio = "VMCB 000000003c5a9e07, last attempted VMRUN on CPU 1"
write("samples/vmcb-npf.kvm.log",
      ["[ 8812.402113] kvm [24817]: vcpu0, guest rIP: 0xffffffff8107a3b5 svm: unexpected exit reason 0x400"]
      + dmesg(dump_vmcb_612(npf, header_npf), 8812.402131))
write("samples/vmcb-ioio.kvm.log", dmesg(dump_vmcb_612(ioio, header_ioio), 311.905512))
# The npf state in a 4.x kernel's format, through syslog ("SVM: " was that era's pr_fmt). 4.x
# calls dump_vmcb() only after a failed VMRUN, under "KVM: FAILED VMRUN WITH VMCB:", and only
# when EXITCODE is -1: that line would say the VMRUN failed, which this NPF exit did not, so it
# is left out (the corpus's kvm-vmcb-4.3 paste has a real one); this is the format a kernel
# with a debugging dump_vmcb() call prints.
old = dump_vmcb_4x(npf)
write("samples/vmcb-npf.kvm-4.x.log",
      ["Mar  3 14:22:07 hv07 kernel: [%12.6f] %s" % (5123.700001 + i * 0.000003, "SVM: " + l) for i, l in enumerate(old)])

# Several dumps in one log as it reached a mailing list: quoted, a value wrapped onto the
# next line, CRLF line ends, a non-breaking space, printk caller ids, other kernel lines in
# between, and a last dump cut off after the segment rows.
bad = dict(BASE)
bad.update({0x070: (8, 0xFFFFFFFFFFFFFFFF), 0x078: (8, 0), 0x080: (8, 0), 0x0A8: (4, 0x80000B0E), 0x0AC: (4, 2),
            0x578: (8, 0xFFFFFFFF8107A3B5), 0x5D8: (8, 0xFFFFC90000013E48), 0x0C0: (4, 0)})
bad_page = page(bad)
mail = []
mail.append("On Tue, 3 Nov 2026, a tester wrote:")
mail.append("> Host: 6.12.57, guest: Linux 6.6. The first exit is fine, then VMRUN fails:")
mail.append(">")
lines = dmesg(dump_vmcb_612(ioio, header_ioio), 602.118400)
lines = [l.replace("] kvm_amd:", "] [ T2291] kvm_amd:") for l in lines]
wrap_at = next(i for i, l in enumerate(lines) if "iopm_base_pa:" in l)
head, value = lines[wrap_at].rsplit(" ", 1)
lines[wrap_at:wrap_at + 1] = [head, value]
lines.insert(30, "[  602.118460] [  T1] systemd-journald[412]: /dev/kmsg buffer overrun, some messages lost.")
mail += ["> " + l for l in lines]
second = dmesg(dump_vmcb_612(bad_page, "VMCB 000000003c5a9e07, last attempted VMRUN on CPU 1"), 602.201772)
second = [l.replace("exit_code:          ", "exit_code:\u00a0         ") for l in second]
mail += ["> " + l for l in second]
third = dmesg(dump_vmcb_612(bad_page, "VMCB 000000003c5a9e07, last attempted VMRUN on CPU 1")[:48], 602.284118)
mail += ["> " + l for l in third]
mail.append(">")
mail.append("> (the log ends there; the machine rebooted)")
write("samples/vmcb-mail-paste.kvm.log", mail, newline="\r\n")

# The IOIO guest's next VMRUN, after the hypervisor cleared EFER.SVME in the guest state: the
# consistency checks fail (APM Vol. 2 section 15.5.1: EFER.SVME must be set) and EXITCODE is
# VMEXIT_INVALID. With ioio.kvm.log, the pair shows what broke VM entry.
broken = dict(IOIO)
broken.update({0x4D0: (8, 0x0000000000000D01), 0x070: (8, 0xFFFFFFFFFFFFFFFF), 0x078: (8, 0), 0x080: (8, 0)})
# The nested-page-fault page as `bhyvectl --get-all --vm=guest0 --cpu=0` prints it on an AMD host
# (usr.sbin/bhyvectl/bhyvectl.c: get_all_registers, get_all_segments, get_misc_vmcb, main()).
# Segment access rights come out in VT-x form, as bhyve's vmcb_getdesc() converts them.
def bhyvectl_amd(data, vcpu):
    out = ["ID  Length      Name", "0   2048MB      sysmem", "1   2048KB      bootrom",
           "Address     Length      Segment     Offset      Prot  Flags",
           "0           2048MB      sysmem      0           RWX   ", "FFE00000    2048KB      bootrom     0           R-X   "]
    save = lambda off: u(data, off, 8)
    regs = [("efer", save(0x4D0)), ("cr0", save(0x558)), ("cr2", save(0x640)), ("cr3", save(0x550)), ("cr4", save(0x548)),
            ("dr0", 0), ("dr1", 0), ("dr2", 0), ("dr3", 0), ("dr6", save(0x568)), ("dr7", save(0x560)),
            ("rsp", save(0x5D8)), ("rip", save(0x578)), ("rax", save(0x5F8)), ("rbx", 0xFFFF888103C4E000), ("rcx", 0),
            ("rdx", 0xFED00000), ("rsi", 0), ("rdi", 0xFFFFFFFF83A1F3C0), ("rbp", 0xFFFFC90000013E70), ("r8", 0), ("r9", 0),
            ("r10", 0), ("r11", 0), ("r12", 0), ("r13", 0), ("r14", 0), ("r15", 0)]
    out += ["%s[%d]\t\t0x%016x" % (n, vcpu, v) for n, v in regs]
    out.append("rflags[%d]\t0x%016x" % (vcpu, save(0x570)))
    offsets = {"es": 0x400, "cs": 0x410, "ss": 0x420, "ds": 0x430, "fs": 0x440, "gs": 0x450, "gdtr": 0x460, "ldtr": 0x470,
               "idtr": 0x480, "tr": 0x490}
    for seg in ["ds", "es", "fs", "gs", "ss", "cs", "tr", "ldtr"]:
        o = offsets[seg]
        attrib = u(data, o + 2, 2)
        access = ((attrib & 0xF00) << 4) | (attrib & 0xFF)
        if seg not in ("cs", "tr") and not access & 0x80:
            access |= 0x10000
        out.append("%s desc[%d]\t0x%016x/0x%08x/0x%08x" % (seg, vcpu, u(data, o + 8, 8), u(data, o + 4, 4), access))
    for dt in ["gdtr", "idtr"]:
        o = offsets[dt]
        out.append("%s[%d]\t\t0x%016x/0x%08x" % (dt, vcpu, u(data, o + 8, 8), u(data, o + 4, 4)))
    for seg in ["cs", "ds", "es", "fs", "gs", "ss", "tr", "ldtr"]:
        out.append("%s[%d]\t\t0x%04x" % (seg, vcpu, u(data, offsets[seg], 2)))
    word = lambda n, off: "%s[%d]\t0x%08x" % (n, vcpu, u(data, off, 4))
    quad = lambda n, off: "%s[%d]\t0x%016x" % (n, vcpu, u(data, off, 8))
    out += [word("cr_intercept", 0x000), word("dr_intercept", 0x004), word("exc_intercept", 0x008),
            word("inst1_intercept", 0x00C), word("inst2_intercept", 0x010), "TLB ctrl[%d]\t0x%016x" % (vcpu, u(data, 0x5C, 4)),
            quad("exitinfo1", 0x078), quad("exitinfo2", 0x080), quad("exitintinfo", 0x088), quad("v_irq/tpr", 0x060),
            quad("AVIC apic_bar", 0x098), quad("AVIC backing page", 0x0E0), quad("AVIC logical table", 0x0F0),
            quad("AVIC physical table", 0x0F8)]
    out.append("x2apic_state[%d]\t%d" % (vcpu, 0))
    out.append("rvi/npt[%d]\t\t0x%016x" % (vcpu, u(data, 0x0B0, 8)))
    hexa = lambda v: "0x%x" % v if v else "0"  # %#lx
    out.append("exception_bitmap[%d]\t%s" % (vcpu, hexa(u(data, 0x008, 4))))
    out.append("io_bitmap[%d]\t%s" % (vcpu, hexa(u(data, 0x040, 8))))
    out.append(quad("tsc_offset", 0x050))
    out.append("msr_bitmap[%d]\t\t%s" % (vcpu, hexa(u(data, 0x048, 8))))
    out.append("asid[%d]\t\t0x%04x" % (vcpu, u(data, 0x058, 4)))
    out.append("guest_pat[%d]\t\t0x%016x" % (vcpu, u(data, 0x668, 8)))
    out += ["guest_sysenter_cs[%d]\t%s" % (vcpu, hexa(u(data, 0x628, 8))),
            "guest_sysenter_sp[%d]\t%s" % (vcpu, hexa(u(data, 0x630, 8))),
            "guest_sysenter_ip[%d]\t%s" % (vcpu, hexa(u(data, 0x638, 8)))]
    out.append("exit_reason[%d]\t%s" % (vcpu, hexa(u(data, 0x070, 8))))
    out.append('Capability "hlt_exit" is set on vcpu %d' % vcpu)
    return out


write("samples/vmcb-npf.bhyvectl.txt", bhyvectl_amd(npf, 0))

write("samples/vmcb-vmrun-failure.kvm.log", dmesg(dump_vmcb_612(page(broken), header_ioio), 312.100044))
