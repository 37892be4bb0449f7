#!/usr/bin/env python3
"""Writes the QEMU samples: guest states as QEMU's x86_cpu_dump_state() prints them (format
strings of target/i386/cpu-dump.c, identical from QEMU 2.0 to 10.x for everything used here),
after the registers went through KVM's getters (vmx_get_segment() and svm_get_segment() of
Linux 6.12, kvm_read_cr0/cr4) and QEMU's get_seg() (target/i386/kvm/kvm.c since 2.10), with the
messages QEMU prints before the dump (kvm_arch_handle_exit, the monitor). Run from the
repository root.

The states are those of the other samples: the refused VMCS state of
vmcs-entry-failure.kvm-5.x.log (make_vmcs_samples.py, BAD: TR unusable), the refused VMCB state
of vmcb-vmrun-failure.kvm.log (make_vmcb_samples.py, broken: EFER.SVME clear in the VMCB, an
IOIO stop), and a vCPU just reset (SDM Vol. 3 Table 10-1, APM Vol. 2 Table 14-1).
"""

# --- KVM's view (struct kvm_segment) ---------------------------------------------------------

def vmx_segment(selector, ar, limit, base):
    """vmx_get_segment(): the AR bits as they are; present = !unusable."""
    unusable = (ar >> 16) & 1
    return dict(selector=selector, base=base, limit=limit, type=ar & 15, s=(ar >> 4) & 1, dpl=(ar >> 5) & 3,
                present=0 if unusable else 1, avl=(ar >> 12) & 1, l=(ar >> 13) & 1, db=(ar >> 14) & 1,
                g=(ar >> 15) & 1, unusable=unusable)


def svm_segment(name, selector, attrib, limit, base, cpl):
    """svm_get_segment(): G from the limit, unusable = !present, TR busy, usable data segments
    accessed, SS.DB clear when unusable and SS.DPL = CPL."""
    seg = dict(selector=selector, base=base, limit=limit, type=attrib & 15, s=(attrib >> 4) & 1,
               dpl=(attrib >> 5) & 3, present=(attrib >> 7) & 1, avl=(attrib >> 8) & 1, l=(attrib >> 9) & 1,
               db=(attrib >> 10) & 1, g=1 if limit > 0xFFFFF else 0)
    seg["unusable"] = 0 if seg["present"] else 1
    if name == "tr":
        seg["type"] |= 2
    if name in ("ds", "es", "fs", "gs") and not seg["unusable"]:
        seg["type"] |= 1
    if name == "ss":
        if seg["unusable"]:
            seg["db"] = 0
        seg["dpl"] = cpl
    return seg


def qemu_flags(seg):
    """get_seg() since QEMU 2.10: P clear for an unusable segment, every other bit kept."""
    return ((seg["type"] << 8) | ((seg["present"] and not seg["unusable"]) << 15) | (seg["dpl"] << 13)
            | (seg["db"] << 22) | (seg["s"] << 12) | (seg["l"] << 21) | (seg["g"] << 23) | (seg["avl"] << 20))


# --- x86_cpu_dump_state() -------------------------------------------------------------------

SYSTEM = [
    ["Reserved", "TSS16-avl", "LDT", "TSS16-busy", "CallGate16", "TaskGate", "IntGate16", "TrapGate16",
     "Reserved", "TSS32-avl", "Reserved", "TSS32-busy", "CallGate32", "Reserved", "IntGate32", "TrapGate32"],
    ["<hiword>", "Reserved", "LDT", "Reserved", "Reserved", "Reserved", "Reserved", "Reserved",
     "Reserved", "TSS64-avl", "Reserved", "TSS64-busy", "CallGate64", "Reserved", "IntGate64", "TrapGate64"],
]


def segment_line(name, seg, cs64, pe, lma):
    """cpu_x86_dump_seg_cache()."""
    flags = qemu_flags(seg) & 0x00FFFF00
    if cs64:
        line = "%-3s=%04x %016x %08x %08x" % (name, seg["selector"], seg["base"], seg["limit"], flags)
    else:
        line = "%-3s=%04x %08x %08x %08x" % (name, seg["selector"], seg["base"] & 0xFFFFFFFF, seg["limit"], flags)
    if pe and flags & 0x8000:
        line += " DPL=%d " % ((flags >> 13) & 3)
        if flags & 0x1000:
            if flags & 0x800:
                line += "CS64" if flags & (1 << 21) else ("CS32" if flags & (1 << 22) else "CS16")
                line += " [%s%s" % ("C" if flags & 0x400 else "-", "R" if flags & 0x200 else "-")
            else:
                line += "DS  " if (flags & (1 << 22) or lma) else "DS16"
                line += " [%s%s" % ("E" if flags & 0x400 else "-", "W" if flags & 0x200 else "-")
            line += "%s]" % ("A" if flags & 0x100 else "-")
        else:
            line += SYSTEM[1 if lma else 0][(flags >> 8) & 15]
    return line


def dump(s, code=None, fpu=False):
    """The lines x86_cpu_dump_state() prints for a state (qemu-system-x86_64: 16-digit DRs)."""
    lma = bool(s["efer"] & 0x400)
    cs64 = lma and s["seg"]["cs"]["l"] == 1
    pe = bool(s["cr0"] & 1)
    r = s["regs"]
    flags = "".join(letter if s["rflags"] >> bit & 1 else "-"
                    for letter, bit in [("D", 10), ("O", 11), ("S", 7), ("Z", 6), ("A", 4), ("P", 2), ("C", 0)])
    tail = "CPL=%d II=0 A20=1 SMM=0 HLT=%d" % (s["seg"]["ss"]["dpl"], s.get("hlt", 0))
    out = []
    if cs64:
        names = ["RAX", "RBX", "RCX", "RDX", "RSI", "RDI", "RBP", "RSP", "R8 ", "R9 ", "R10", "R11",
                 "R12", "R13", "R14", "R15"]
        for row in range(4):
            out.append(" ".join("%s=%016x" % (names[i], r[i]) for i in range(row * 4, row * 4 + 4)))
        out.append("RIP=%016x RFL=%08x [%s] %s" % (s["rip"], s["rflags"], flags, tail))
    else:
        names = ["EAX", "EBX", "ECX", "EDX", "ESI", "EDI", "EBP", "ESP"]
        for row in range(2):
            out.append(" ".join("%s=%08x" % (names[i], r[i] & 0xFFFFFFFF) for i in range(row * 4, row * 4 + 4)))
        out.append("EIP=%08x EFL=%08x [%s] %s" % (s["rip"] & 0xFFFFFFFF, s["rflags"], flags, tail))
    for name, key in [("ES", "es"), ("CS", "cs"), ("SS", "ss"), ("DS", "ds"), ("FS", "fs"), ("GS", "gs"),
                      ("LDT", "ldtr"), ("TR", "tr")]:
        out.append(segment_line(name, s["seg"][key], cs64, pe, lma))
    if lma:
        out.append("GDT=     %016x %08x" % s["gdtr"])
        out.append("IDT=     %016x %08x" % s["idtr"])
        out.append("CR0=%08x CR2=%016x CR3=%016x CR4=%08x" % (s["cr0"] & 0xFFFFFFFF, s["cr2"], s["cr3"],
                                                            s["cr4"] & 0xFFFFFFFF))
    else:
        out.append("GDT=     %08x %08x" % s["gdtr"])
        out.append("IDT=     %08x %08x" % s["idtr"])
        out.append("CR0=%08x CR2=%08x CR3=%08x CR4=%08x" % (s["cr0"], s["cr2"], s["cr3"], s["cr4"]))
    # "DR%d=%016" PRIx64 " " for each of DR0-DR3: the line ends in a space.
    out.append("".join("DR%d=%016x " % (i, 0) for i in range(4)))
    out.append("DR6=%016x DR7=%016x" % (s["dr6"], s["dr7"]))
    out.append("EFER=%016x" % s["efer"])
    if fpu:
        out.append("FCW=037f FSW=0000 [ST=0] FTW=00 MXCSR=00001f80")
        for i in range(0, 8, 2):
            out.append("FPR%d=%016x %04x FPR%d=%016x %04x" % (i, 0, 0, i + 1, 0, 0))
        # XCR0 = x87 only after reset: the XMM form, 8 registers outside 64-bit mode.
        for i in range(0, 16 if cs64 else 8, 2):
            out.append("XMM%02d=%016x %016x XMM%02d=%016x %016x" % (i, 0, 0, i + 1, 0, 0))
    if code is not None:
        before, at, after = code
        assert len(before) == min(s["rip"], 20) and len(before) + 1 + len(after) == 50
        out.append("Code=" + " ".join(before + ["<%s>" % at] + after))
    return out


def visible(actual, shadow, mask):
    """kvm_read_cr0/cr4: the read shadow for the bits KVM owns."""
    return (actual & ~mask) | (shadow & mask)


HINT = [
    "",
    "If you're running a guest on an Intel machine without unrestricted mode",
    "support, the failure can be most likely due to the guest entering an invalid",
    "state for Intel VT. For example, the guest maybe running in big real mode",
    "which is not supported on less recent Intel processors.",
    "",
]


def write(path, lines, newline="\n"):
    with open(path, "w", newline="") as f:
        f.write(newline.join(lines) + newline)


# --- The refused VMCS state of vmcs-entry-failure.kvm-5.x.log (TR unusable) -------------------

VMX = {
    "seg": {
        "cs": vmx_segment(0x10, 0xA09B, 0xFFFFFFFF, 0), "ds": vmx_segment(0, 0x1C000, 0xFFFFFFFF, 0),
        "ss": vmx_segment(0x18, 0xC093, 0xFFFFFFFF, 0), "es": vmx_segment(0, 0x1C000, 0xFFFFFFFF, 0),
        "fs": vmx_segment(0, 0x1C000, 0xFFFFFFFF, 0x7F4B3C9FF740),
        "gs": vmx_segment(0, 0x1C000, 0xFFFFFFFF, 0xFFFF88813BC00000),
        "ldtr": vmx_segment(0, 0x10082, 0xFFFF, 0), "tr": vmx_segment(0x40, 0x1008B, 0x4087, 0xFFFFFE0000003000),
    },
    "gdtr": (0xFFFFFE0000001000, 0x7F), "idtr": (0xFFFFFE0000000000, 0xFFF),
    "cr0": visible(0x80050033, 0x80050033, 0xFFFFFFFFFFFFFFF7),
    "cr4": visible(0x3726F0, 0x3706F0, 0xFFFFFFFFFFFEF871),
    "cr2": 0x7F4B3C8E1000, "cr3": 0x10A6B2000, "dr6": 0xFFFF0FF0, "dr7": 0x400, "efer": 0xD01,
    "rip": 0xFFFFFFFF8107A3B5, "rflags": 0x246,
    # mov %edx,0xf0(%rax): the HPET write of the npf sample, RAX its ioremap()ed page.
    "regs": [0xFFFFC90000049000, 0xFFFF888100A6C000, 0, 0x3, 0, 0xFFFF888100A6C000, 0xFFFFC90000013E50,
             0xFFFFC90000013E48, 0, 0xFFFFC90000013D90, 0, 0, 0xFFFFFFFF82A5C3A0, 0, 0, 0],
}
VMX_CODE = (
    "48 89 e5 48 83 ec 08 48 8b 87 d8 01 00 00 8b 97 e0 01 00 00".split(), "89",
    "90 f0 00 00 00 48 83 c4 08 5d c3 cc cc cc cc 0f 1f 44 00 00 55 48 89 e5 53 48 89 fb 48".split(),
)

LIBVIRT_HEAD = [
    "2024-01-15 10:21:07.436+0000: starting up libvirt version: 8.0.0, package: 1ubuntu7.8 (Ubuntu), "
    "qemu version: 6.2.0Debian 1:6.2+dfsg-2ubuntu6.16, kernel: 5.15.0-91-generic, hostname: host1",
    "LC_ALL=C \\",
    "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin \\",
    "HOME=/var/lib/libvirt/qemu/domain-3-vm1 \\",
    "XDG_DATA_HOME=/var/lib/libvirt/qemu/domain-3-vm1/.local/share \\",
    "XDG_CACHE_HOME=/var/lib/libvirt/qemu/domain-3-vm1/.cache \\",
    "XDG_CONFIG_HOME=/var/lib/libvirt/qemu/domain-3-vm1/.config \\",
    "/usr/bin/qemu-system-x86_64 \\",
    "-name guest=vm1,debug-threads=on \\",
    "-S \\",
    "-machine pc-q35-6.2,accel=kvm,usb=off,vmport=off,dump-guest-core=off \\",
    "-cpu host,migratable=on \\",
    "-m 4096 \\",
    "-smp 2,sockets=2,cores=1,threads=1 \\",
    "-msg timestamp=on",
    "char device redirected to /dev/pts/3 (label charserial0)",
]
write("samples/vmcs-entry-failure.qemu.log", LIBVIRT_HEAD + ["KVM: entry failed, hardware error 0x80000021"] + HINT
      + dump(VMX, code=VMX_CODE) + [
          "2024-01-15T10:25:39.998123Z qemu-system-x86_64: terminating on signal 15 from pid 1183 (/usr/sbin/libvirtd)",
          "2024-01-15 10:25:40.201+0000: shutting down, reason=destroyed",
      ])

# --- The refused VMCB state of vmcb-vmrun-failure.kvm.log -----------------------------------

def svm_state():
    seg = {
        "es": (0, 0, 0xFFFFFFFF, 0), "cs": (0x10, 0x29B, 0xFFFFFFFF, 0), "ss": (0x18, 0xC93, 0xFFFFFFFF, 0),
        "ds": (0, 0, 0xFFFFFFFF, 0), "fs": (0, 0, 0xFFFFFFFF, 0x7F4B3C9FF740),
        "gs": (0, 0, 0xFFFFFFFF, 0xFFFF88813BC00000), "ldtr": (0, 0, 0, 0), "tr": (0x40, 0x8B, 0x4087, 0xFFFFFE0000003000),
    }
    return {
        "seg": {name: svm_segment(name, *values, cpl=0) for name, values in seg.items()},
        "gdtr": (0xFFFFFE0000001000, 0x7F), "idtr": (0xFFFFFE0000000000, 0xFFF),
        "cr0": 0x80050033, "cr2": 0x7F4B3C8E1000, "cr3": 0x10A6B2000, "cr4": 0x3506F0,
        "dr6": 0xFFFF0FF0, "dr7": 0x400,
        # vcpu->arch.efer: the guest's EFER; KVM itself sets SVME in the VMCB's copy (here the
        # broken VMCB lacks it, which QEMU's dump cannot show).
        "efer": 0xD01,
        "rip": 0xFFFFFFFF81A4C2D6, "rflags": 0x246,
        # out %al,(%dx): 'A' to COM1's data port.
        "regs": [0x41, 0xFFFF888100F3A000, 0, 0x3F8, 0x3F8, 0xFFFFFFFF83C5E1E0, 0xFFFFC9000024FD58,
                 0xFFFFC9000024FD30, 0, 0, 0, 0, 0xFFFFFFFF83C5E1E0, 0x41, 0, 0],
    }


SVM_CODE = (
    "0f 1f 44 00 00 0f b6 8f c1 00 00 00 89 d0 d3 e6 03 37 89 f2".split(), "ee",
    ("c3 " + "cc " * 14 + "0f 1f 44 00 00 0f b6 8f c1 00 00 00 d3 e6").split(),
)
journal = "Jan 15 10:21:44 host2 qemu-system-x86_64[2217]: "
write("samples/vmcb-vmrun-failure.qemu.log",
      ["Jan 15 10:21:44 host2 kernel: set kvm_amd.dump_invalid_vmcb=1 to dump internal KVM state."]
      + [journal + line for line in ["KVM: entry failed, hardware error 0xffffffff"] + dump(svm_state(), code=SVM_CODE)])

# --- A vCPU just reset, as `info registers` shows it (QEMU 7.2 and later, CRLF) --------------

RESET = {
    "seg": {name: vmx_segment(0, 0x93, 0xFFFF, 0) for name in ["es", "ss", "ds", "fs", "gs"]},
    "gdtr": (0, 0xFFFF), "idtr": (0, 0xFFFF), "cr0": 0x60000010, "cr2": 0, "cr3": 0, "cr4": 0,
    "dr6": 0xFFFF0FF0, "dr7": 0x400, "efer": 0, "rip": 0xFFF0, "rflags": 0x2,
    # EDX holds the processor signature: qemu64, family 15, model 107, stepping 1.
    "regs": [0, 0, 0, 0x00060FB1, 0, 0, 0, 0],
}
RESET["seg"]["cs"] = vmx_segment(0xF000, 0x9B, 0xFFFF, 0xFFFF0000)
RESET["seg"]["ldtr"] = vmx_segment(0, 0x82, 0xFFFF, 0)
RESET["seg"]["tr"] = vmx_segment(0, 0x8B, 0xFFFF, 0)
# The monitor turns every "\n" into "\r\n"; the last line is the next prompt, with no line end.
monitor = ["QEMU 8.2.2 monitor - type 'help' for more information", "(qemu) info registers", "", "CPU#0"] + dump(RESET, fpu=True)
with open("samples/cpu-reset.qemu-info-registers.txt", "w", newline="") as f:
    f.write("\r\n".join(monitor) + "\r\n(qemu) ")
