#!/usr/bin/env python3
"""Writes the VMCS samples: guest states as Linux KVM's dump_vmcs() prints them in three kernel
eras (format strings of arch/x86/kvm/vmx/vmx.c in 4.x, 5.x and 6.12), as Xen's vmcs_dump_vcpu()
prints them (xen/arch/x86/hvm/vmx/vmcs.c), as a plain field log, and as a KVM vmcs12 page
(offsets of arch/x86/kvm/vmx/vmcs12.h). Run from the repository root.
"""
import copy
import textwrap

# A 64-bit Linux guest under KVM with EPT, APICv and VPID, stopped on an EPT violation: a read
# of an MMIO page (GPA 0xfebf1000) through the guest-linear address 0xffffc90000a31000.
EPT = {
    "guest.cr0": 0x80050033, "cr0_shadow": 0x80050033, "cr0_mask": 0xFFFFFFFFFFFFFFF7,
    "guest.cr4": 0x3726F0, "cr4_shadow": 0x3706F0, "cr4_mask": 0xFFFFFFFFFFFEF871,
    "guest.cr3": 0x10A6B2000, "pdptr": [0, 0, 0, 0],
    "guest.rsp": 0xFFFFC90000013E48, "guest.rip": 0xFFFFFFFF8107A3B5, "guest.rflags": 0x246, "guest.dr7": 0x400,
    "guest.sysenter_esp": 0xFFFFFE0000003000, "guest.sysenter_cs": 0x10, "guest.sysenter_eip": 0xFFFFFFFF820016F0,
    "seg": {  # selector, access rights, limit, base
        "cs": (0x10, 0xA09B, 0xFFFFFFFF, 0), "ds": (0, 0x1C000, 0xFFFFFFFF, 0), "ss": (0x18, 0xC093, 0xFFFFFFFF, 0),
        "es": (0, 0x1C000, 0xFFFFFFFF, 0), "fs": (0, 0x1C000, 0xFFFFFFFF, 0x7F4B3C9FF740),
        "gs": (0, 0x1C000, 0xFFFFFFFF, 0xFFFF88813BC00000), "ldtr": (0, 0x10082, 0xFFFF, 0),
        "tr": (0x40, 0x8B, 0x4087, 0xFFFFFE0000003000),
    },
    "gdtr": (0x7F, 0xFFFFFE0000001000), "idtr": (0xFFF, 0xFFFFFE0000000000),
    "guest.ia32_efer": 0xD01, "guest.ia32_pat": 0x0007040600070406, "guest.ia32_debugctl": 0, "guest.pending_dbg": 0,
    "guest.interruptibility": 0, "guest.activity_state": 0, "guest.intr_status": 0x0000,
    "host.rip": 0xFFFFFFFFC0A2C0E0, "host.rsp": 0xFFFFC9000317FCB8,
    "host.sel": {"cs": 0x10, "ss": 0x18, "ds": 0, "es": 0, "fs": 0, "gs": 0, "tr": 0x40},
    "host.fs.base": 0x7F15D3E006C0, "host.gs.base": 0xFFFF88885FC00000, "host.tr.base": 0xFFFFFE0000104000,
    "host.gdtr.base": 0xFFFFFE0000102000, "host.idtr.base": 0xFFFFFE0000000000,
    "host.cr0": 0x80050033, "host.cr3": 0x14D1E2004, "host.cr4": 0x3726F0,
    "host.sysenter_esp": 0xFFFFFE0000104000, "host.sysenter_cs": 0x10, "host.sysenter_eip": 0xFFFFFFFF820016F0,
    "host.efer": 0xD01, "host.pat": 0x0407050600070106,
    # Secondary controls: bit 24 ("Intel PT uses guest physical addresses") is clear, as KVM
    # leaves it in its default pt_mode=0 (system mode); set, SDM 27.2.1.1 would also need "load
    # IA32_RTIT_CTL" (entry bit 18) and "clear IA32_RTIT_CTL" (exit bit 25), which these lack.
    "pin": 0xFF, "cpu": 0xB6A265FA, "secondary": 0x024207EB, "tertiary": 0x10, "entry": 0xD3FF, "exit": 0x2FEFFF,
    "exception_bitmap": 0x60042, "pfec_mask": 0, "pfec_match": 0,
    "entry_intr": 0, "entry_err": 0, "entry_ilen": 0,
    "exit_intr": 0, "exit_err": 0, "exit_ilen": 3,
    "reason": 0x30, "qualification": 0x181,
    "idt_info": 0, "idt_err": 0, "tsc_offset": 0xFFFFFE4B2A7C1D30, "tsc_multiplier": 0x0001000000000000,
    "tpr_threshold": 0, "apic_access": 0x10F2A1000, "virt_apic": 0x1139E4000, "posted_nv": 0xF2,
    "eptp": 0x11C3E905E, "ple_gap": 0x80, "ple_window": 0x1000, "vpid": 1,
    "gpa": 0xFEBF1000, "gla": 0xFFFFC90000A31000,
}

# The same guest whose next VM entry fails: TR was marked unusable, so the guest-state checks
# fail (exit reason 0x80000021, SDM 27.3.1.2: TR must be usable).
BAD = copy.deepcopy(EPT)
BAD["seg"]["tr"] = (0x40, 0x1008B, 0x4087, 0xFFFFFE0000003000)
BAD.update({"reason": 0x80000021, "qualification": 0, "exit_ilen": 0})

# An I/O exit: OUT %al,%dx to COM1 (qualification: port 0x3f8 in 31:16, 1 byte, OUT, DX).
IO = copy.deepcopy(EPT)
IO.update({"reason": 0x1E, "qualification": 0x03F80000, "exit_ilen": 1, "guest.rip": 0xFFFFFFFF81A4C2D6,
           "guest.rsp": 0xFFFFC9000024FD30})

# An external interrupt while delivering a #PF: IDT-vectoring holds the page fault.
INTR = copy.deepcopy(EPT)
INTR.update({"reason": 0x01, "qualification": 0, "exit_intr": 0x800000EC, "exit_ilen": 0,
             "idt_info": 0x80000B0E, "idt_err": 0x2, "guest.rip": 0xFFFFFFFF81C01A40})


def h(value, digits):
    return "%0*x" % (digits, value)


def kvm_612(s, cpu):
    out = ["VMCS 00000000b6f1d2a3, last attempted VM-entry on CPU %d" % cpu, "*** Guest State ***"]
    guest_common(s, out)
    out.append("EFER= 0x%016x" % s["guest.ia32_efer"])
    out.append("PAT = 0x%016x" % s["guest.ia32_pat"])
    out.append("DebugCtl = 0x%016x  DebugExceptions = 0x%016x" % (s["guest.ia32_debugctl"], s["guest.pending_dbg"]))
    out.append("Interruptibility = %08x  ActivityState = %08x" % (s["guest.interruptibility"], s["guest.activity_state"]))
    out.append("InterruptStatus = %04x" % s["guest.intr_status"])
    host(s, out, new=True)
    out.append("*** Control State ***")
    out.append("CPUBased=0x%08x SecondaryExec=0x%08x TertiaryExec=0x%016x" % (s["cpu"], s["secondary"], s["tertiary"]))
    out.append("PinBased=0x%08x EntryControls=%08x ExitControls=%08x" % (s["pin"], s["entry"], s["exit"]))
    control_tail(s, out, tsc_scaling=True, ept_digits=16)
    return out


def kvm_5x(s, cpu):
    out = ["VMCS 00000000b6f1d2a3, last attempted VM-entry on CPU %d" % cpu, "*** Guest State ***"]
    guest_common(s, out)
    out.append("EFER= 0x%016x (effective)" % s["guest.ia32_efer"])
    out.append("PAT = 0x%016x" % s["guest.ia32_pat"])
    out.append("DebugCtl = 0x%016x  DebugExceptions = 0x%016x" % (s["guest.ia32_debugctl"], s["guest.pending_dbg"]))
    out.append("Interruptibility = %08x  ActivityState = %08x" % (s["guest.interruptibility"], s["guest.activity_state"]))
    out.append("InterruptStatus = %04x" % s["guest.intr_status"])
    host(s, out, new=True)
    out.append("*** Control State ***")
    out.append("PinBased=%08x CPUBased=%08x SecondaryExec=%08x" % (s["pin"], s["cpu"] & ~0x20000, s["secondary"]))
    out.append("EntryControls=%08x ExitControls=%08x" % (s["entry"], s["exit"]))
    control_tail(s, out, tsc_scaling=True, ept_digits=16)
    return out


def kvm_4x(s):
    out = ["*** Guest State ***"]
    guest_common(s, out, pdptr=False)
    out.append("EFER =     0x%016x  PAT = 0x%016x" % (s["guest.ia32_efer"], s["guest.ia32_pat"]))
    out.append("DebugCtl = 0x%016x  DebugExceptions = 0x%016x" % (s["guest.ia32_debugctl"], s["guest.pending_dbg"]))
    out.append("Interruptibility = %08x  ActivityState = %08x" % (s["guest.interruptibility"], s["guest.activity_state"]))
    out.append("InterruptStatus = %04x" % s["guest.intr_status"])
    host(s, out, new=False)
    out.append("*** Control State ***")
    out.append("PinBased=%08x CPUBased=%08x SecondaryExec=%08x" % (s["pin"], s["cpu"] & ~0x20000, s["secondary"]))
    out.append("EntryControls=%08x ExitControls=%08x" % (s["entry"], s["exit"]))
    control_tail(s, out, tsc_scaling=False, ept_digits=8)
    return out


def guest_common(s, out, pdptr=True):
    out.append("CR0: actual=0x%016x, shadow=0x%016x, gh_mask=%016x" % (s["guest.cr0"], s["cr0_shadow"], s["cr0_mask"]))
    out.append("CR4: actual=0x%016x, shadow=0x%016x, gh_mask=%016x" % (s["guest.cr4"], s["cr4_shadow"], s["cr4_mask"]))
    out.append("CR3 = 0x%016x" % s["guest.cr3"])
    if pdptr:
        out.append("PDPTR0 = 0x%016x  PDPTR1 = 0x%016x" % tuple(s["pdptr"][0:2]))
        out.append("PDPTR2 = 0x%016x  PDPTR3 = 0x%016x" % tuple(s["pdptr"][2:4]))
    out.append("RSP = 0x%016x  RIP = 0x%016x" % (s["guest.rsp"], s["guest.rip"]))
    out.append("RFLAGS=0x%08x         DR7 = 0x%016x" % (s["guest.rflags"], s["guest.dr7"]))
    out.append("Sysenter RSP=%016x CS:RIP=%04x:%016x" % (s["guest.sysenter_esp"], s["guest.sysenter_cs"], s["guest.sysenter_eip"]))
    for name in ["CS", "DS", "SS", "ES", "FS", "GS"]:
        out.append(sel(name + ":  ", s["seg"][name.lower()]))
    out.append(dtsel("GDTR:", s["gdtr"]))
    out.append(sel("LDTR:", s["seg"]["ldtr"]))
    out.append(dtsel("IDTR:", s["idtr"]))
    out.append(sel("TR:  ", s["seg"]["tr"]))


def sel(name, seg):
    return "%s sel=0x%04x, attr=0x%05x, limit=0x%08x, base=0x%016x" % ((name,) + seg)


def dtsel(name, dt):
    return "%s                           limit=0x%08x, base=0x%016x" % ((name,) + dt)


def host(s, out, new):
    out.append("*** Host State ***")
    out.append("RIP = 0x%016x  RSP = 0x%016x" % (s["host.rip"], s["host.rsp"]))
    sl = s["host.sel"]
    out.append("CS=%04x SS=%04x DS=%04x ES=%04x FS=%04x GS=%04x TR=%04x" % (sl["cs"], sl["ss"], sl["ds"], sl["es"], sl["fs"], sl["gs"], sl["tr"]))
    out.append("FSBase=%016x GSBase=%016x TRBase=%016x" % (s["host.fs.base"], s["host.gs.base"], s["host.tr.base"]))
    out.append("GDTBase=%016x IDTBase=%016x" % (s["host.gdtr.base"], s["host.idtr.base"]))
    out.append("CR0=%016x CR3=%016x CR4=%016x" % (s["host.cr0"], s["host.cr3"], s["host.cr4"]))
    out.append("Sysenter RSP=%016x CS:RIP=%04x:%016x" % (s["host.sysenter_esp"], s["host.sysenter_cs"], s["host.sysenter_eip"]))
    if new:
        out.append("EFER= 0x%016x" % s["host.efer"])
        out.append("PAT = 0x%016x" % s["host.pat"])
    else:
        out.append("EFER = 0x%016x  PAT = 0x%016x" % (s["host.efer"], s["host.pat"]))


def control_tail(s, out, tsc_scaling, ept_digits):
    out.append("ExceptionBitmap=%08x PFECmask=%08x PFECmatch=%08x" % (s["exception_bitmap"], s["pfec_mask"], s["pfec_match"]))
    out.append("VMEntry: intr_info=%08x errcode=%08x ilen=%08x" % (s["entry_intr"], s["entry_err"], s["entry_ilen"]))
    out.append("VMExit: intr_info=%08x errcode=%08x ilen=%08x" % (s["exit_intr"], s["exit_err"], s["exit_ilen"]))
    out.append("        reason=%08x qualification=%016x" % (s["reason"], s["qualification"]))
    out.append("IDTVectoring: info=%08x errcode=%08x" % (s["idt_info"], s["idt_err"]))
    out.append("TSC Offset = 0x%016x" % s["tsc_offset"])
    if tsc_scaling:
        out.append("TSC Multiplier = 0x%016x" % s["tsc_multiplier"])
    # pr_err("SVI|RVI = …") followed by pr_cont("TPR Threshold = …"): one line.
    out.append("SVI|RVI = %02x|%02x TPR Threshold = 0x%02x" % (s["guest.intr_status"] >> 8, s["guest.intr_status"] & 0xFF, s["tpr_threshold"]))
    out.append("APIC-access addr = 0x%016x virt-APIC addr = 0x%016x" % (s["apic_access"], s["virt_apic"]))
    out.append("PostedIntrVec = 0x%02x" % s["posted_nv"])
    out.append("EPT pointer = 0x%0*x" % (ept_digits, s["eptp"]))
    out.append("PLE Gap=%08x Window=%08x" % (s["ple_gap"], s["ple_window"]))
    out.append("Virtual processor ID = 0x%04x" % s["vpid"])


def xen(s):
    out = ["*** Guest State ***"]
    out.append("CR0: actual=0x%016x, shadow=0x%016x, gh_mask=%016x" % (s["guest.cr0"], s["cr0_shadow"], s["cr0_mask"]))
    out.append("CR4: actual=0x%016x, shadow=0x%016x, gh_mask=%016x" % (s["guest.cr4"], s["cr4_shadow"], s["cr4_mask"]))
    out.append("CR3 = 0x%016x" % s["guest.cr3"])
    out.append("RSP = 0x%016x (0x%016x)  RIP = 0x%016x (0x%016x)" % (s["guest.rsp"], s["guest.rsp"], s["guest.rip"], s["guest.rip"]))
    out.append("RFLAGS=0x%08x (0x%08x)  DR7 = 0x%016x" % (s["guest.rflags"], s["guest.rflags"], s["guest.dr7"]))
    out.append("Sysenter RSP=%016x CS:RIP=%04x:%016x" % (s["guest.sysenter_esp"], s["guest.sysenter_cs"], s["guest.sysenter_eip"]))
    out.append("       sel  attr  limit   base")
    for name in ["CS", "DS", "SS", "ES", "FS", "GS"]:
        out.append("  %s: %04x %05x %08x %016x" % ((name,) + s["seg"][name.lower()]))
    out.append("GDTR:            %08x %016x" % s["gdtr"])
    out.append("LDTR: %04x %05x %08x %016x" % s["seg"]["ldtr"])
    out.append("IDTR:            %08x %016x" % s["idtr"])
    out.append("  TR: %04x %05x %08x %016x" % s["seg"]["tr"])
    out.append("EFER(VMCS) = 0x%016x  PAT = 0x%016x" % (s["guest.ia32_efer"], s["guest.ia32_pat"]))
    out.append("PreemptionTimer = 0x%08x  SM Base = 0x%08x" % (0, 0))
    out.append("DebugCtl = 0x%016x  DebugExceptions = 0x%016x" % (s["guest.ia32_debugctl"], s["guest.pending_dbg"]))
    out.append("Interruptibility = %08x  ActivityState = %08x" % (s["guest.interruptibility"], s["guest.activity_state"]))
    out.append("InterruptStatus = %04x" % s["guest.intr_status"])
    out.append("*** Host State ***")
    out.append("RIP = 0x%016x (vmx_asm_vmexit_handler)  RSP = 0x%016x" % (0xFFFF82D0402A6D60, 0xFFFF83043FC6FF70))
    out.append("CS=e008 SS=0000 DS=0000 ES=0000 FS=0000 GS=0000 TR=e040")
    out.append("FSBase=0000000000000000 GSBase=0000000000000000 TRBase=ffff83043fc74c80")
    out.append("GDTBase=ffff83043fc63000 IDTBase=ffff83043fc70000")
    out.append("CR0=0000000080050033 CR3=000000082f6f7000 CR4=00000000003526e0")
    out.append("Sysenter RSP=ffff83043fc6ffa0 CS:RIP=e008:ffff82d040385430")
    out.append("EFER = 0x0000000000000d01  PAT = 0x0000050100070406")
    out.append("*** Control State ***")
    out.append("PinBased=%08x CPUBased=%08x" % (0x3F, 0xB5A06DFA))
    out.append("SecondaryExec=%08x TertiaryExec=%016x" % (0x001014EB, 0))
    out.append("EntryControls=%08x ExitControls=%08x" % (0xD3FF, 0x2FEFFF))
    out.append("ExceptionBitmap=%08x PFECmask=%08x PFECmatch=%08x" % (0x60042, 0, 0))
    out.append("VMEntry: intr_info=%08x errcode=%08x ilen=%08x" % (0, 0, 0))
    # The PF sample shows a #PF exit; a failed entry leaves no exiting event, reason 0x80000021.
    exit_event = (0x80000B0E, 0x2, 0, 0, 0xFFFFC90000A31000) if s["reason"] != 0x80000021 else (0, 0, 0, 0x80000021, 0)
    out.append("VMExit: intr_info=%08x errcode=%08x ilen=%08x" % exit_event[:3])
    out.append("        reason=%08x qualification=%016x" % exit_event[3:])
    out.append("IDTVectoring: info=%08x errcode=%08x" % (0, 0))
    out.append("TSC Offset = 0x%016x  TSC Multiplier = 0x%016x" % (0xFFFFFD91C3A4B1E2, 0))
    out.append("TPR Threshold = 0x%02x  PostedIntrVec = 0x%02x" % (0, 0xF4))
    out.append("EPT pointer = 0x%016x  EPTP index = 0x%04x" % (0x82F6F101E, 0))
    out.append("PLE Gap=%08x Window=%08x" % (0x80, 0x1000))
    out.append("Virtual processor ID = 0x%04x VMfunc controls = %016x" % (3, 0))
    return out


def write(path, lines, newline="\n"):
    with open(path, "w", newline="") as f:
        f.write(newline.join(lines) + newline)


def dmesg(lines, start, prefix="kvm_intel: ", step=0.000003):
    return ["[%12.6f] %s%s" % (start + i * step, prefix, l) for i, l in enumerate(lines)]


# 6.12: an EPT violation, dumped with kvm_intel.dump_invalid_vmcs=1.
write("samples/vmcs-ept-violation.kvm-6.12.log", dmesg(kvm_612(EPT, 5), 1409.118352))
# The same dump as a mailing-list reply quotes it: the reporter's mail client wrapped the pasted
# dmesg at 72 columns (at spaces, long words kept whole), then the reply quoted every line.
def mail_wrap(lines, width=72):
    out = []
    for line in lines:
        out += textwrap.wrap(line, width=width, break_long_words=False, break_on_hyphens=False, drop_whitespace=True) or [""]
    return out

write("samples/vmcs-mail-wrapped.kvm-6.12.log",
      ["On Sat, 21 Nov 2026 at 09:14, Dana Reporter <dana@example.org> wrote:",
       "> After the firmware update the guest dies on boot; dmesg on the host:", ">"]
      + ["> " + l for l in mail_wrap(dmesg(kvm_612(EPT, 5), 1409.118352))]
      + [">", "> Any idea what is wrong with the EPT setup?", "",
         "That is an EPT violation on a read of 0xfebf1000; what backs that range?", ""])
# 5.x: a failed VM entry (exit reason 0x80000021).
write("samples/vmcs-entry-failure.kvm-5.x.log", dmesg(kvm_5x(BAD, 2), 77.410233))
# 4.x through syslog: three dumps (I/O exit, interrupt during #PF delivery, EPT violation),
# no module prefix yet, unrelated lines between.
four = []
t = 5012.001
for state in (IO, INTR, EPT):
    four += ["Nov  2 14:09:%02d hv03 kernel: [%12.6f] %s" % (46 + len(four) // 80, t + i * 0.000003, l) for i, l in enumerate(kvm_4x(state))]
    four.append("Nov  2 14:09:%02d hv03 kernel: [%12.6f] e1000e 0000:00:19.0 eno1: NIC Link is Up 1000 Mbps Full Duplex" % (47, t + 0.5))
    t += 1.25
write("samples/vmcs-several.kvm-4.x.log", four)
# Xen: xl dmesg after the 'v' debug key, with console timestamps.
xl = ["*********** VMCS Areas **************", "", ">>> Domain 3 <<<", "\tVCPU 0"] + xen(EPT) + ["**************************************"]
write("samples/vmcs-pf.xen.log", ["(XEN) [2019-11-02 14:09:46] %s" % l if l else "(XEN) [2019-11-02 14:09:46]" for l in xl])
# The failed entry as a list archive's raw message shows it: vmx_failed_vmentry()'s line, the
# dump, in a mail body sent quoted-printable (=3D, soft breaks at 76 columns), with the blanks
# after "(XEN)" turned into non-breaking spaces by the sender's mail client.
import quopri
failed = ["d3v0 vmentry failure (reason 0x80000021): Invalid guest state (0)", "************* VMCS Area **************"]
failed += xen(BAD) + ["**************************************"]
body = ["Hi,", "", "since the upgrade the guest dies at boot; hypervisor.log says:", ""]
body += [("(XEN) " + l).replace("(XEN)   ", "(XEN)\u00a0\u00a0 ") for l in failed]
body += ["", "Any idea what is wrong here?", "", "Thanks"]
with open("samples/vmcs-entry-failure.xen.qp.txt", "wb") as f:
    f.write(quopri.encodestring(("\n".join(body) + "\n").encode("utf-8")))

# The EPT-violation state as `bhyvectl --get-all --vm=guest0 --cpu=1` prints it on an Intel host:
# the format strings of usr.sbin/bhyvectl/bhyvectl.c (show_memseg, show_memmap,
# get_all_registers, get_all_segments, get_misc_vmcs, then main()'s rows).
def bhyvectl_intel(s, vcpu):
    out = ["ID  Length      Name", "0   4096MB      sysmem", "1   2048KB      bootrom",
           "Address     Length      Segment     Offset      Prot  Flags",
           "0           3072MB      sysmem      0           RWX   ", "100000000   1024MB      sysmem      C0000000    RWX   ",
           "FFE00000    2048KB      bootrom     0           R-X   "]
    regs = [("efer", s["guest.ia32_efer"]), ("cr0", s["guest.cr0"]), ("cr2", 0x7F4B3C8E1000), ("cr3", s["guest.cr3"]),
            ("cr4", s["guest.cr4"]), ("dr0", 0), ("dr1", 0), ("dr2", 0), ("dr3", 0), ("dr6", 0xFFFF0FF0), ("dr7", s["guest.dr7"]),
            ("rsp", s["guest.rsp"]), ("rip", s["guest.rip"]), ("rax", 0xFFFFC90000A31000), ("rbx", 0), ("rcx", 0x3F8),
            ("rdx", 0), ("rsi", 0xFFFF888101A3C000), ("rdi", 0xFFFF888100C8A800), ("rbp", 0xFFFFC90000013E70), ("r8", 0),
            ("r9", 0), ("r10", 0), ("r11", 0), ("r12", 0xFFFF888100C8A800), ("r13", 0), ("r14", 0), ("r15", 0)]
    out += ["%s[%d]\t\t0x%016x" % (n, vcpu, v) for n, v in regs]
    out.append("rflags[%d]\t0x%016x" % (vcpu, s["guest.rflags"]))
    for seg in ["ds", "es", "fs", "gs", "ss", "cs", "tr", "ldtr"]:
        sel, ar, limit, base = s["seg"][seg]
        out.append("%s desc[%d]\t0x%016x/0x%08x/0x%08x" % (seg, vcpu, base, limit, ar))
    for dt in ["gdtr", "idtr"]:
        limit, base = s[dt]
        out.append("%s[%d]\t\t0x%016x/0x%08x" % (dt, vcpu, base, limit))
    for seg in ["cs", "ds", "es", "fs", "gs", "ss", "tr", "ldtr"]:
        out.append("%s[%d]\t\t0x%04x" % (seg, vcpu, s["seg"][seg][0]))
    tab1 = lambda n, v: "%s[%d]\t0x%016x" % (n, vcpu, v)
    tab2 = lambda n, v: "%s[%d]\t\t0x%016x" % (n, vcpu, v)
    out += [tab2("cr0_mask", s["cr0_mask"]), tab2("cr0_shadow", s["cr0_shadow"]), tab2("cr4_mask", s["cr4_mask"]),
            tab2("cr4_shadow", s["cr4_shadow"]), tab1("cr3_target_count", 0)]
    out += [tab2("cr3_target%d" % i, 0) for i in range(4)]
    out += [tab1("pinbased_ctls", s["pin"]), tab1("procbased_ctls", s["cpu"]), tab1("procbased_ctls2", s["secondary"]),
            tab2("gla", s["gla"]), tab2("gpa", s["gpa"]), tab1("entry_interruption_info", s["entry_intr"]),
            tab1("tpr_threshold", s["tpr_threshold"]), tab1("instruction_error", 0), tab2("exit_ctls", s["exit"]),
            tab2("entry_ctls", s["entry"]), tab2("host_pat", s["host.pat"]), tab2("host_cr0", s["host.cr0"]),
            tab2("host_cr3", s["host.cr3"]), tab2("host_cr4", s["host.cr4"]), tab2("host_rip", s["host.rip"]),
            tab2("host_rsp", s["host.rsp"]), tab1("vmcs_pointer", 0xFFFFFFFFFFFFFFFF),
            tab1("vmcs_exit_interruption_info", s["exit_intr"]), tab1("vmcs_exit_interruption_error", s["exit_err"]),
            tab1("vmcs_guest_interruptibility", s["guest.interruptibility"]),
            "vmcs_exit_inst_length[%d]\t0x%08x" % (vcpu, s["exit_ilen"]), tab1("vmcs_exit_qualification", s["qualification"])]
    out.append("x2apic_state[%d]\t%d" % (vcpu, 1))
    out.append(tab2("eptp", s["eptp"]))
    hexa = lambda v: "0x%x" % v if v else "0"  # %#lx
    out.append("exception_bitmap[%d]\t%s" % (vcpu, hexa(s["exception_bitmap"])))
    out += ["io_bitmap_a[%d]\t%s" % (vcpu, hexa(0x10B4EE000)), "io_bitmap_b[%d]\t%s" % (vcpu, hexa(0x10B4EF000))]
    out.append(tab1("tsc_offset", s["tsc_offset"]))
    out.append("msr_bitmap[%d]\t\t%s" % (vcpu, hexa(0x109A30000)))
    out.append("vpid[%d]\t\t0x%04x" % (vcpu, s["vpid"]))
    out.append(tab2("guest_pat", s["guest.ia32_pat"]))
    out += ["guest_sysenter_cs[%d]\t%s" % (vcpu, hexa(s["guest.sysenter_cs"])),
            "guest_sysenter_sp[%d]\t%s" % (vcpu, hexa(s["guest.sysenter_esp"])),
            "guest_sysenter_ip[%d]\t%s" % (vcpu, hexa(s["guest.sysenter_eip"]))]
    out.append("exit_reason[%d]\t%s" % (vcpu, hexa(s["reason"])))
    out.append("rtc nvram[000]: 0x2a")
    out.append("rtc time 0x6744a1c2: Mon Nov 25 16:07:30 2024")
    out += ['Capability "hlt_exit" is set on vcpu %d' % vcpu, 'Capability "mtrap_exit" is not set on vcpu %d' % vcpu]
    return out

write("samples/vmcs-ept-violation.bhyvectl.txt", bhyvectl_intel(EPT, 1))

# A plain field log, as a hobby hypervisor prints its VMCS with VMREAD in a loop.
fields = [
    ("PIN_BASED_VM_EXEC_CONTROL", "0x%08x" % IO["pin"]), ("CPU_BASED_VM_EXEC_CONTROL", "0x%08x" % IO["cpu"]),
    ("SECONDARY_VM_EXEC_CONTROL", "0x%08x" % IO["secondary"]), ("VM_EXIT_CONTROLS", "0x%08x" % IO["exit"]),
    ("VM_ENTRY_CONTROLS", "0x%08x" % IO["entry"]), ("EXCEPTION_BITMAP", "0x%08x" % IO["exception_bitmap"]),
    ("EPT_POINTER", "0x%016x" % IO["eptp"]), ("EPT_POINTER_HIGH", "0x%08x" % (IO["eptp"] >> 32)),
    ("VM_EXIT_REASON", "%d" % IO["reason"]), ("EXIT_QUALIFICATION", "0x%x" % IO["qualification"]),
    ("VM_EXIT_INSTRUCTION_LEN", "%d" % IO["exit_ilen"]), ("Guest RIP", "0x%016x" % IO["guest.rip"]),
    ("Guest RSP", "0x%016x" % IO["guest.rsp"]), ("GUEST_RFLAGS", "0x%x" % IO["guest.rflags"]),
    ("GUEST_CR0", "0x%x" % IO["guest.cr0"]), ("GUEST_CR3", "0x%x" % IO["guest.cr3"]), ("GUEST_CR4", "0x%x" % IO["guest.cr4"]),
    ("0x4816", "0x%x" % IO["seg"]["cs"][1]), ("GUEST_CS_SELECTOR", "0x%x" % IO["seg"]["cs"][0]),
    ("GUEST_IA32_EFER", "0x%x" % IO["guest.ia32_efer"]), ("GUEST_INTERRUPTIBILITY_INFO", "0"),
    ("GUEST_ACTIVITY_STATE", "0"), ("VM_INSTRUCTION_ERROR", "0"),
]
write("samples/vmcs-io.fields.log", ["# VMCS of vCPU 0 after exit %d" % 1842]
      + ["%-28s = %s" % (name, value) if name != "Guest RSP" else "%s: %s" % (name, value) for name, value in fields])

# An L1 hypervisor's VMREAD trapped by L0 (no VMCS shadowing), as a hobby hypervisor's debug
# print writes it, "name: value". The instruction is 0f 78 44 cb 10, vmread [rbx+rcx*8+0x10], rax:
# instruction information 0x01858103 (scaling x8, 64-bit addressing, DS, index RCX, base RBX,
# memory form, the field encoding in RAX), qualification 0x10 (the displacement), length 5.
write("samples/vmcs-vmread.fields.log", ["vmexit on cpu 1: reason VMREAD"] + ["  %s: %s" % pair for pair in [
    ("vm_exit_reason", "0x00000017"), ("exit_qualification", "0x0000000000000010"),
    ("vmx_instruction_info", "0x01858103"), ("vm_exit_instruction_len", "0x00000005"),
    ("guest_rip", "0xffffffffc0a81f3c"), ("guest_rsp", "0xffffc90000d7bd48"), ("guest_rflags", "0x0000000000000046"),
    ("guest_cr0", "0x0000000080050033"), ("guest_cr4", "0x00000000003726f0"), ("guest_ia32_efer", "0x0000000000000d01"),
    ("guest_cs_selector", "0x0010"), ("guest_cs_ar_bytes", "0x0000a09b"), ("guest_ds_selector", "0x0000"),
    ("guest_ds_ar_bytes", "0x00010000"), ("cpu_based_vm_exec_control", "0xb6a1edfa"),
    ("secondary_vm_exec_control", "0x000227eb"), ("vmcs_link_pointer", "0xffffffffffffffff"),
]])

# A vmcs12 page: the EPT-violation state as an L1 hypervisor's VMCS for its L2 guest, at the
# offsets of vmcs12.h (VMCS12_REVISION 0x11e57ed0, launch_state 1; fields as (offset, size)).
VMCS12 = {
    "io_bitmap_a": (40, 8), "io_bitmap_b": (48, 8), "msr_bitmap": (56, 8), "tsc_offset": (88, 8),
    "virtual_apic_page_addr": (96, 8), "apic_access_addr": (104, 8), "ept_pointer": (120, 8),
    "guest_physical_address": (168, 8), "vmcs_link_pointer": (176, 8), "guest_ia32_debugctl": (184, 8),
    "guest_ia32_pat": (192, 8), "guest_ia32_efer": (200, 8), "guest_pdptr0": (216, 8), "guest_pdptr1": (224, 8),
    "guest_pdptr2": (232, 8), "guest_pdptr3": (240, 8), "host_ia32_pat": (256, 8), "host_ia32_efer": (264, 8),
    "tsc_multiplier": (328, 8), "cr0_guest_host_mask": (344, 8), "cr4_guest_host_mask": (352, 8),
    "cr0_read_shadow": (360, 8), "cr4_read_shadow": (368, 8), "exit_qualification": (408, 8),
    "guest_linear_address": (416, 8), "guest_cr0": (424, 8), "guest_cr3": (432, 8), "guest_cr4": (440, 8),
    "guest_es_base": (448, 8), "guest_cs_base": (456, 8), "guest_ss_base": (464, 8), "guest_ds_base": (472, 8),
    "guest_fs_base": (480, 8), "guest_gs_base": (488, 8), "guest_ldtr_base": (496, 8), "guest_tr_base": (504, 8),
    "guest_gdtr_base": (512, 8), "guest_idtr_base": (520, 8), "guest_dr7": (528, 8), "guest_rsp": (536, 8),
    "guest_rip": (544, 8), "guest_rflags": (552, 8), "guest_pending_dbg_exceptions": (560, 8),
    "guest_sysenter_esp": (568, 8), "guest_sysenter_eip": (576, 8), "host_cr0": (584, 8), "host_cr3": (592, 8),
    "host_cr4": (600, 8), "host_fs_base": (608, 8), "host_gs_base": (616, 8), "host_tr_base": (624, 8),
    "host_gdtr_base": (632, 8), "host_idtr_base": (640, 8), "host_ia32_sysenter_esp": (648, 8),
    "host_ia32_sysenter_eip": (656, 8), "host_rsp": (664, 8), "host_rip": (672, 8),
    "pin_based_vm_exec_control": (744, 4), "cpu_based_vm_exec_control": (748, 4), "exception_bitmap": (752, 4),
    "page_fault_error_code_mask": (756, 4), "page_fault_error_code_match": (760, 4), "vm_exit_controls": (768, 4),
    "vm_entry_controls": (780, 4), "vm_entry_intr_info_field": (788, 4), "vm_entry_exception_error_code": (792, 4),
    "vm_entry_instruction_len": (796, 4), "tpr_threshold": (800, 4), "secondary_vm_exec_control": (804, 4),
    "vm_exit_reason": (812, 4), "vm_exit_intr_info": (816, 4), "vm_exit_intr_error_code": (820, 4),
    "idt_vectoring_info_field": (824, 4), "idt_vectoring_error_code": (828, 4), "vm_exit_instruction_len": (832, 4),
    "guest_es_limit": (840, 4), "guest_cs_limit": (844, 4), "guest_ss_limit": (848, 4), "guest_ds_limit": (852, 4),
    "guest_fs_limit": (856, 4), "guest_gs_limit": (860, 4), "guest_ldtr_limit": (864, 4), "guest_tr_limit": (868, 4),
    "guest_gdtr_limit": (872, 4), "guest_idtr_limit": (876, 4), "guest_es_ar_bytes": (880, 4),
    "guest_cs_ar_bytes": (884, 4), "guest_ss_ar_bytes": (888, 4), "guest_ds_ar_bytes": (892, 4),
    "guest_fs_ar_bytes": (896, 4), "guest_gs_ar_bytes": (900, 4), "guest_ldtr_ar_bytes": (904, 4),
    "guest_tr_ar_bytes": (908, 4), "guest_interruptibility_info": (912, 4), "guest_activity_state": (916, 4),
    "guest_sysenter_cs": (920, 4), "host_ia32_sysenter_cs": (924, 4), "virtual_processor_id": (960, 2),
    "posted_intr_nv": (962, 2), "guest_es_selector": (964, 2), "guest_cs_selector": (966, 2),
    "guest_ss_selector": (968, 2), "guest_ds_selector": (970, 2), "guest_fs_selector": (972, 2),
    "guest_gs_selector": (974, 2), "guest_ldtr_selector": (976, 2), "guest_tr_selector": (978, 2),
    "guest_intr_status": (980, 2), "host_es_selector": (982, 2), "host_cs_selector": (984, 2),
    "host_ss_selector": (986, 2), "host_ds_selector": (988, 2), "host_fs_selector": (990, 2),
    "host_gs_selector": (992, 2), "host_tr_selector": (994, 2),
}


def vmcs_fields(s):
    """Every field the state defines, by vmcs12 member name."""
    f = {
        "tsc_offset": s["tsc_offset"], "virtual_apic_page_addr": s["virt_apic"], "apic_access_addr": s["apic_access"],
        "ept_pointer": s["eptp"], "guest_physical_address": s["gpa"], "guest_ia32_debugctl": s["guest.ia32_debugctl"],
        "guest_ia32_pat": s["guest.ia32_pat"], "guest_ia32_efer": s["guest.ia32_efer"],
        "host_ia32_pat": s["host.pat"], "host_ia32_efer": s["host.efer"], "tsc_multiplier": s["tsc_multiplier"],
        "cr0_guest_host_mask": s["cr0_mask"], "cr4_guest_host_mask": s["cr4_mask"], "cr0_read_shadow": s["cr0_shadow"],
        "cr4_read_shadow": s["cr4_shadow"], "exit_qualification": s["qualification"], "guest_linear_address": s["gla"],
        "guest_cr0": s["guest.cr0"], "guest_cr3": s["guest.cr3"], "guest_cr4": s["guest.cr4"],
        "guest_gdtr_base": s["gdtr"][1], "guest_idtr_base": s["idtr"][1], "guest_gdtr_limit": s["gdtr"][0],
        "guest_idtr_limit": s["idtr"][0], "guest_dr7": s["guest.dr7"], "guest_rsp": s["guest.rsp"], "guest_rip": s["guest.rip"],
        "guest_rflags": s["guest.rflags"], "guest_pending_dbg_exceptions": s["guest.pending_dbg"],
        "guest_sysenter_esp": s["guest.sysenter_esp"], "guest_sysenter_eip": s["guest.sysenter_eip"],
        "guest_sysenter_cs": s["guest.sysenter_cs"], "host_cr0": s["host.cr0"], "host_cr3": s["host.cr3"], "host_cr4": s["host.cr4"],
        "host_fs_base": s["host.fs.base"], "host_gs_base": s["host.gs.base"], "host_tr_base": s["host.tr.base"],
        "host_gdtr_base": s["host.gdtr.base"], "host_idtr_base": s["host.idtr.base"],
        "host_ia32_sysenter_esp": s["host.sysenter_esp"], "host_ia32_sysenter_eip": s["host.sysenter_eip"],
        "host_ia32_sysenter_cs": s["host.sysenter_cs"], "host_rsp": s["host.rsp"], "host_rip": s["host.rip"],
        "pin_based_vm_exec_control": s["pin"], "cpu_based_vm_exec_control": s["cpu"] & ~0x20000,
        "exception_bitmap": s["exception_bitmap"], "page_fault_error_code_mask": s["pfec_mask"],
        "page_fault_error_code_match": s["pfec_match"], "vm_exit_controls": s["exit"], "vm_entry_controls": s["entry"],
        "vm_entry_intr_info_field": s["entry_intr"], "vm_entry_exception_error_code": s["entry_err"],
        "vm_entry_instruction_len": s["entry_ilen"], "tpr_threshold": s["tpr_threshold"],
        "secondary_vm_exec_control": s["secondary"], "vm_exit_reason": s["reason"], "vm_exit_intr_info": s["exit_intr"],
        "vm_exit_intr_error_code": s["exit_err"], "idt_vectoring_info_field": s["idt_info"],
        "idt_vectoring_error_code": s["idt_err"], "vm_exit_instruction_len": s["exit_ilen"],
        "guest_interruptibility_info": s["guest.interruptibility"], "guest_activity_state": s["guest.activity_state"],
        "virtual_processor_id": s["vpid"], "posted_intr_nv": s["posted_nv"], "guest_intr_status": s["guest.intr_status"],
        "io_bitmap_a": 0x10C7F1000, "io_bitmap_b": 0x10C7F2000, "msr_bitmap": 0x10C7F3000, "vmcs_link_pointer": 0xFFFFFFFFFFFFFFFF,
    }
    for i, value in enumerate(s["pdptr"]):
        f["guest_pdptr%d" % i] = value
    for name, (selector, ar, limit, base) in s["seg"].items():
        f["guest_%s_selector" % name], f["guest_%s_ar_bytes" % name] = selector, ar
        f["guest_%s_limit" % name], f["guest_%s_base" % name] = limit, base
    for name, selector in s["host.sel"].items():
        f["host_%s_selector" % name] = selector
    return f


page = bytearray(4096)
page[0:4] = (0x11E57ED0).to_bytes(4, "little")  # hdr.revision_id
page[8:12] = (1).to_bytes(4, "little")  # launch_state
values = vmcs_fields(EPT)
for name, (offset, size) in VMCS12.items():
    page[offset:offset + size] = values[name].to_bytes(size, "little")
open("samples/vmcs12-ept-violation.bin", "wb").write(bytes(page))

# The same state as a Hyper-V enlightened VMCS (version 1), at the offsets of struct
# hv_enlightened_vmcs (Hypervisor TLFS; Linux 6.12 arch/x86/include/asm/hyperv-tlfs.h), names as
# vmcs12's where the two agree.
EVMCS = {
    "host_es_selector": (8, 2), "host_cs_selector": (10, 2), "host_ss_selector": (12, 2), "host_ds_selector": (14, 2),
    "host_fs_selector": (16, 2), "host_gs_selector": (18, 2), "host_tr_selector": (20, 2), "host_ia32_pat": (24, 8),
    "host_ia32_efer": (32, 8), "host_cr0": (40, 8), "host_cr3": (48, 8), "host_cr4": (56, 8),
    "host_ia32_sysenter_esp": (64, 8), "host_ia32_sysenter_eip": (72, 8), "host_rip": (80, 8), "host_ia32_sysenter_cs": (88, 4),
    "pin_based_vm_exec_control": (92, 4), "vm_exit_controls": (96, 4), "secondary_vm_exec_control": (100, 4),
    "io_bitmap_a": (104, 8), "io_bitmap_b": (112, 8), "msr_bitmap": (120, 8),
    "guest_es_selector": (128, 2), "guest_cs_selector": (130, 2), "guest_ss_selector": (132, 2), "guest_ds_selector": (134, 2),
    "guest_fs_selector": (136, 2), "guest_gs_selector": (138, 2), "guest_ldtr_selector": (140, 2), "guest_tr_selector": (142, 2),
    "guest_es_limit": (144, 4), "guest_cs_limit": (148, 4), "guest_ss_limit": (152, 4), "guest_ds_limit": (156, 4),
    "guest_fs_limit": (160, 4), "guest_gs_limit": (164, 4), "guest_ldtr_limit": (168, 4), "guest_tr_limit": (172, 4),
    "guest_gdtr_limit": (176, 4), "guest_idtr_limit": (180, 4), "guest_es_ar_bytes": (184, 4), "guest_cs_ar_bytes": (188, 4),
    "guest_ss_ar_bytes": (192, 4), "guest_ds_ar_bytes": (196, 4), "guest_fs_ar_bytes": (200, 4), "guest_gs_ar_bytes": (204, 4),
    "guest_ldtr_ar_bytes": (208, 4), "guest_tr_ar_bytes": (212, 4), "guest_es_base": (216, 8), "guest_cs_base": (224, 8),
    "guest_ss_base": (232, 8), "guest_ds_base": (240, 8), "guest_fs_base": (248, 8), "guest_gs_base": (256, 8),
    "guest_ldtr_base": (264, 8), "guest_tr_base": (272, 8), "guest_gdtr_base": (280, 8), "guest_idtr_base": (288, 8),
    "page_fault_error_code_mask": (376, 4), "page_fault_error_code_match": (380, 4), "tsc_offset": (400, 8),
    "virtual_apic_page_addr": (408, 8), "vmcs_link_pointer": (416, 8), "guest_ia32_debugctl": (424, 8), "guest_ia32_pat": (432, 8),
    "guest_ia32_efer": (440, 8), "guest_pdptr0": (448, 8), "guest_pdptr1": (456, 8), "guest_pdptr2": (464, 8), "guest_pdptr3": (472, 8),
    "guest_pending_dbg_exceptions": (480, 8), "guest_sysenter_esp": (488, 8), "guest_sysenter_eip": (496, 8),
    "guest_activity_state": (504, 4), "guest_sysenter_cs": (508, 4), "cr0_guest_host_mask": (512, 8), "cr4_guest_host_mask": (520, 8),
    "cr0_read_shadow": (528, 8), "cr4_read_shadow": (536, 8), "guest_cr0": (544, 8), "guest_cr3": (552, 8), "guest_cr4": (560, 8),
    "guest_dr7": (568, 8), "host_fs_base": (576, 8), "host_gs_base": (584, 8), "host_tr_base": (592, 8), "host_gdtr_base": (600, 8),
    "host_idtr_base": (608, 8), "host_rsp": (616, 8), "ept_pointer": (624, 8), "virtual_processor_id": (632, 2),
    "guest_physical_address": (680, 8), "vm_exit_reason": (692, 4), "vm_exit_intr_info": (696, 4), "vm_exit_intr_error_code": (700, 4),
    "idt_vectoring_info_field": (704, 4), "idt_vectoring_error_code": (708, 4), "vm_exit_instruction_len": (712, 4),
    "exit_qualification": (720, 8), "guest_linear_address": (760, 8), "guest_rsp": (768, 8), "guest_rflags": (776, 8),
    "guest_interruptibility_info": (784, 4), "cpu_based_vm_exec_control": (788, 4), "exception_bitmap": (792, 4),
    "vm_entry_controls": (796, 4), "vm_entry_intr_info_field": (800, 4), "vm_entry_exception_error_code": (804, 4),
    "vm_entry_instruction_len": (808, 4), "tpr_threshold": (812, 4), "guest_rip": (816, 8), "tsc_multiplier": (984, 8),
}
page = bytearray(4096)
page[0:4] = (1).to_bytes(4, "little")  # revision_id: enlightened VMCS version 1
for name, (offset, size) in EVMCS.items():
    page[offset:offset + size] = values[name].to_bytes(size, "little")
open("samples/evmcs-ept-violation.bin", "wb").write(bytes(page))

# A layout file, as a user writes one for a VMCS format the tool does not know: here the exit
# information of the vmcs12 page, by encoding and by name.
with open("samples/vmcs12-exit.layout", "w") as f:
    f.write("# Where KVM's vmcs12 keeps the exit information (offsets from vmcs12.h).\n")
    f.write("name     vmcs12-exit-only\nrevision 0x11e57ed0\n")
    f.write("0x4402   812        # VM_EXIT_REASON\n")
    f.write("EXIT_QUALIFICATION        408\n")
    f.write("Guest-physical address    0xa8\n")
    f.write("GUEST_LINEAR_ADDRESS      0x1a0\n")
    f.write("VM_EXIT_INSTRUCTION_LEN   832\n")
    f.write("GUEST_RIP                 0x220\n")

# The EPT-violation state as Intel HAXM's dump_vmcs() prints it (core/dump.c dump_vmcs_list[],
# core/vmx.c vmread_dump(): "%04x %s: %llx", names of core/include/vmx.h, HAXM 7.8), on a Linux
# host (hax_log() printk()s "haxm_warning: " at KERN_WARNING), after the panic that calls it
# (core/vcpu.c: em_emulate_insn() failing on the MMIO read). The values are the KVM sample's;
# fields KVM's dump does not print hold what a fresh VMCS holds.
HAXM = [
    (0x4000, "VMX_PIN_CONTROLS", "pin"), (0x4002, "VMX_PRIMARY_PROCESSOR_CONTROLS", "cpu"),
    (0x401E, "VMX_SECONDARY_PROCESSOR_CONTROLS", "secondary"), (0x4004, "VMX_EXCEPTION_BITMAP", "exception_bitmap"),
    (0x4006, "VMX_PAGE_FAULT_ERROR_CODE_MASK", "pfec_mask"), (0x4008, "VMX_PAGE_FAULT_ERROR_CODE_MATCH", "pfec_match"),
    (0x400C, "VMX_EXIT_CONTROLS", "exit"), (0x400E, "VMX_EXIT_MSR_STORE_COUNT", 0), (0x4010, "VMX_EXIT_MSR_LOAD_COUNT", 0),
    (0x4012, "VMX_ENTRY_CONTROLS", "entry"), (0x4014, "VMX_ENTRY_MSR_LOAD_COUNT", 0),
    (0x4016, "VMX_ENTRY_INTERRUPT_INFO", "entry_intr"), (0x4018, "VMX_ENTRY_EXCEPTION_ERROR_CODE", "entry_err"),
    (0x401A, "VMX_ENTRY_INSTRUCTION_LENGTH", "entry_ilen"), (0x401C, "VMX_TPR_THRESHOLD", "tpr_threshold"),
    (0x6000, "VMX_CR0_MASK", "cr0_mask"), (0x6002, "VMX_CR4_MASK", "cr4_mask"), (0x6004, "VMX_CR0_READ_SHADOW", "cr0_shadow"),
    (0x6006, "VMX_CR4_READ_SHADOW", "cr4_shadow"), (0x400A, "VMX_CR3_TARGET_COUNT", 0), (0x6008, "VMX_CR3_TARGET_VAL_BASE", 0),
    (0x0000, "VMX_VPID", "vpid"), (0x2000, "VMX_IO_BITMAP_A", 0x10C7F1000), (0x2002, "VMX_IO_BITMAP_B", 0x10C7F2000),
    (0x2004, "VMX_MSR_BITMAP", 0x10C7F3000), (0x2006, "VMX_EXIT_MSR_STORE_ADDRESS", 0), (0x2008, "VMX_EXIT_MSR_LOAD_ADDRESS", 0),
    (0x200A, "VMX_ENTRY_MSR_LOAD_ADDRESS", 0), (0x2010, "VMX_TSC_OFFSET", "tsc_offset"), (0x2012, "VMX_VAPIC_PAGE", "virt_apic"),
    (0x2014, "VMX_APIC_ACCESS_PAGE", "apic_access"), (0x201A, "VMX_EPTP", "eptp"), (0x482E, "VMX_PREEMPTION_TIMER", 0),
    (0x4400, "VMX_INSTRUCTION_ERROR_CODE", 0), (0x4402, "VM_EXIT_INFO_REASON", "reason"),
    (0x4404, "VM_EXIT_INFO_INTERRUPT_INFO", "exit_intr"), (0x4406, "VM_EXIT_INFO_EXCEPTION_ERROR_CODE", "exit_err"),
    (0x4408, "VM_EXIT_INFO_IDT_VECTORING", "idt_info"), (0x440A, "VM_EXIT_INFO_IDT_VECTORING_ERROR_CODE", "idt_err"),
    (0x440C, "VM_EXIT_INFO_INSTRUCTION_LENGTH", "exit_ilen"), (0x440E, "VM_EXIT_INFO_INSTRUCTION_INFO", 0),
    (0x6400, "VM_EXIT_INFO_QUALIFICATION", "qualification"), (0x6402, "VM_EXIT_INFO_IO_ECX", 0), (0x6404, "VM_EXIT_INFO_IO_ESI", 0),
    (0x6406, "VM_EXIT_INFO_IO_EDI", 0), (0x6408, "VM_EXIT_INFO_IO_EIP", 0), (0x640A, "VM_EXIT_INFO_GUEST_LINEAR_ADDRESS", "gla"),
    (0x2400, "VM_EXIT_INFO_GUEST_PHYSICAL_ADDRESS", "gpa"), (0x6C16, "HOST_RIP", "host.rip"), (0x6C14, "HOST_RSP", "host.rsp"),
    (0x6C00, "HOST_CR0", "host.cr0"), (0x6C02, "HOST_CR3", "host.cr3"), (0x6C04, "HOST_CR4", "host.cr4"),
] + [(0x0C00 + 2 * i, "HOST_%s_SELECTOR" % seg.upper(), ("host.sel", seg)) for seg, i in
     (("cs", 1), ("ds", 3), ("es", 0), ("fs", 4), ("gs", 5), ("ss", 2), ("tr", 6))] + [
    (0x6C06, "HOST_FS_BASE", "host.fs.base"), (0x6C08, "HOST_GS_BASE", "host.gs.base"), (0x6C0A, "HOST_TR_BASE", "host.tr.base"),
    (0x6C0C, "HOST_GDTR_BASE", "host.gdtr.base"), (0x6C0E, "HOST_IDTR_BASE", "host.idtr.base"),
    (0x4C00, "HOST_SYSENTER_CS", "host.sysenter_cs"), (0x6C10, "HOST_SYSENTER_ESP", "host.sysenter_esp"),
    (0x6C12, "HOST_SYSENTER_EIP", "host.sysenter_eip"), (0x681E, "GUEST_RIP", "guest.rip"), (0x6820, "GUEST_RFLAGS", "guest.rflags"),
    (0x681C, "GUEST_RSP", "guest.rsp"), (0x6800, "GUEST_CR0", "guest.cr0"), (0x6802, "GUEST_CR3", "guest.cr3"),
    (0x6804, "GUEST_CR4", "guest.cr4"),
]
SEGMENTS = ["es", "cs", "ss", "ds", "fs", "gs", "ldtr", "tr"]
for column, (base, suffix) in enumerate(((0x0800, "SELECTOR"), (0x4814, "AR"), (0x6806, "BASE"))):
    HAXM += [(base + 2 * i, "GUEST_%s_%s" % (seg.upper(), suffix), ("seg", seg, [0, 1, 3][column])) for i, seg in enumerate(SEGMENTS)]
    if suffix == "BASE":
        HAXM += [(0x6816, "GUEST_GDTR_BASE", ("dt", "gdtr", 1)), (0x6818, "GUEST_IDTR_BASE", ("dt", "idtr", 1))]
HAXM += [(0x4800 + 2 * i, "GUEST_%s_LIMIT" % seg.upper(), ("seg", seg, 2)) for i, seg in enumerate(SEGMENTS)]
HAXM += [(0x4810, "GUEST_GDTR_LIMIT", ("dt", "gdtr", 0)), (0x4812, "GUEST_IDTR_LIMIT", ("dt", "idtr", 0)),
         (0x2800, "GUEST_VMCS_LINK_PTR", 0xFFFFFFFFFFFFFFFF), (0x2802, "GUEST_DEBUGCTL", "guest.ia32_debugctl"),
         (0x2804, "GUEST_PAT", "guest.ia32_pat"), (0x2806, "GUEST_EFER", "guest.ia32_efer"), (0x2808, "GUEST_PERF_GLOBAL_CTRL", 0)]
HAXM += [(0x280A + 2 * i, "GUEST_PDPTE%d" % i, ("pdptr", i)) for i in range(4)]
HAXM += [(0x681A, "GUEST_DR7", "guest.dr7"), (0x6822, "GUEST_PENDING_DBE", "guest.pending_dbg"),
         (0x482A, "GUEST_SYSENTER_CS", "guest.sysenter_cs"), (0x6824, "GUEST_SYSENTER_ESP", "guest.sysenter_esp"),
         (0x6826, "GUEST_SYSENTER_EIP", "guest.sysenter_eip"), (0x4828, "GUEST_SMBASE", 0),
         (0x4824, "GUEST_INTERRUPTIBILITY", "guest.interruptibility"), (0x4826, "GUEST_ACTIVITY_STATE", "guest.activity_state")]
# dump_vmcs_list[] has 127 entries (HAXM 7.8, checked against core/dump.c).
assert len(HAXM) == 127 and len({e for e, _, _ in HAXM}) == 127


def haxm_value(s, source):
    if isinstance(source, int):
        return source
    if isinstance(source, str):
        return s[source]
    if source[0] == "host.sel":
        return s["host.sel"][source[1]]
    if source[0] == "seg":
        return s["seg"][source[1]][source[2]]
    if source[0] == "dt":
        return s[source[1]][source[2]]
    return s["pdptr"][source[1]]


haxm = ["haxm_panic: em_emulate_insn() failed: vcpu_id=0, len=3, CS:IP=0x0:0x%x, instr[0..5]=0x8b 0x47 0x10 0x89 0x45 0xfc"
        % EPT["guest.rip"]]
haxm += ["haxm_warning: %04x %s: %x" % (e, n, haxm_value(EPT, v)) for e, n, v in HAXM]
write("samples/vmcs-ept-violation.haxm.log", dmesg(haxm, 1409.118349, prefix=""))

# A hobby hypervisor's debug dump of the same state (a Linux module printing "  # NAME = 0x%lx"
# for each VMREAD it does, names as its header spells them: ia32-doc's without the VMCS_ prefix,
# 64-bit fields read in halves as _FULL and _HIGH), where the VMREAD of GUEST_BNDCFGS fails on a
# processor without MPX (VMfailValid, error 12) and the module prints its marker instead.
hobby = ["myhv: vcpu0: exit 48, dumping VMCS"]
hobby += ["  # %s = 0x%x" % pair for pair in [
    ("VPID", EPT["vpid"]), ("CTRL_PIN_EXEC", EPT["pin"]), ("CTRL_PROC_EXEC", EPT["cpu"]), ("CTRL_PROC_EXEC2", EPT["secondary"]),
    ("CTRL_PRIMARY_EXIT", EPT["exit"]), ("CTRL_ENTRY", EPT["entry"]), ("EPT_POINTER_FULL", EPT["eptp"] & 0xFFFFFFFF),
    ("EPT_POINTER_HIGH", EPT["eptp"] >> 32), ("EXIT_REASON", EPT["reason"]), ("EXIT_QUALIFICATION", EPT["qualification"]),
    ("GUEST_PHYS_ADDR_FULL", EPT["gpa"] & 0xFFFFFFFF), ("GUEST_PHYS_ADDR_HIGH", EPT["gpa"] >> 32), ("GUEST_LINEAR_ADDRESS", EPT["gla"]),
]]
hobby += ["    # RFLAGS: 0x%x" % EPT["guest.rflags"], "  # GUEST_RIP = 0x%x" % EPT["guest.rip"], "  # GUEST_RSP = 0x%x" % EPT["guest.rsp"]]
for seg in ("cs", "ss", "tr"):
    selector, ar, limit, base = EPT["seg"][seg]
    hobby += ["  # GUEST_%s_SEL = 0x%x" % (seg.upper(), selector), "  # GUEST_%s_ACCESS_RIGHTS = 0x%x" % (seg.upper(), ar),
              "  # GUEST_%s_LIMIT = 0x%x" % (seg.upper(), limit), "  # GUEST_%s_BASE = 0x%x" % (seg.upper(), base)]
hobby += ["  # GUEST_CR0 = 0x%x" % EPT["guest.cr0"], "  # GUEST_CR3 = 0x%x" % EPT["guest.cr3"], "  # GUEST_CR4 = 0x%x" % EPT["guest.cr4"],
          "  # GUEST_EFER_FULL = 0x%x" % EPT["guest.ia32_efer"], "  # GUEST_EFER_HIGH = 0x0",
          "    # vmread(0x2812) failed", "  # GUEST_BNDCFGS   INVALID_VALUE",
          "  # HOST_CS_SEL = 0x%x" % EPT["host.sel"]["cs"], "  # HOST_TR_SEL = 0x%x" % EPT["host.sel"]["tr"],
          "  # HOST_RIP = 0x%x" % EPT["host.rip"]]
write("samples/vmcs-hobby.fields.log", dmesg(hobby, 1409.120011, prefix="", step=0.000002))

# Dune's register dump (kern/vmx.c, vmx_dump_cpu(): "vmx: RIP 0x%016llx RFLAGS 0x%08lx" …) of a
# sandboxed process whose VM entry failed on invalid guest state: vmx_launch() prints the exit
# reason 0x80000021 with %d, dumps the vCPU and stops it.
stack = [0x400B2E, 1, 0x7FFC2B8E0E98, 0, 0x400C1D, 0x7F6D3C1E3740, 0, 0, 0x4005D0, 0x7FFC2B8E0E90, 0, 0]
dune = ["unhandled exit: reason %d, exit qualification %x" % (0x80000021 - (1 << 32), 0),
        "vmx: --- Begin VCPU Dump ---", "vmx: CPU 3 VPID 7",
        "vmx: RIP 0x%016x RFLAGS 0x%08x" % (0x4005D0, 0x202)]
regs = [("RAX", 0), ("RCX", 0x7FFC2B8E0E98), ("RDX", 0x7FFC2B8E0EA8), ("RBX", 0), ("RSP", 0x7FFC2B8E0DA0),
        ("RBP", 0x7FFC2B8E0E90), ("RSI", 0x7FFC2B8E0E98), ("RDI", 1), ("R8 ", 0x400C90), ("R9 ", 0x7F6D3C3F8D00),
        ("R10", 0x7FFC2B8E09A0), ("R11", 0x246), ("R12", 0x4004E0), ("R13", 0x7FFC2B8E0E90), ("R14", 0), ("R15", 0)]
for i in range(0, len(regs), 2):
    dune.append("vmx: %s 0x%016x %s 0x%016x" % (regs[i][0], regs[i][1], regs[i + 1][0], regs[i + 1][1]))
dune += ["vmx: FS.base 0x%016x GS.base 0x%016x" % (0x7F6D3C1E3740, 0), "vmx: Dumping Stack Contents..."]
dune += ["vmx: RSP%-3s 0x%016x" % ("%+d" % (8 * i), word) for i, word in enumerate(stack)]
dune += ["vmx: --- End VCPU Dump ---", "vmx: stopping VCPU (VPID 7)"]
write("samples/cpu.dune.log", dmesg(dune, 811.204417, prefix=""))
