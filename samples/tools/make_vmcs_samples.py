#!/usr/bin/env python3
"""Writes the VMCS samples: guest states as Linux KVM's dump_vmcs() prints them in three kernel
eras (format strings of arch/x86/kvm/vmx/vmx.c in 4.x, 5.x and 6.12), as Xen's vmcs_dump_vcpu()
prints them (xen/arch/x86/hvm/vmx/vmcs.c), as a plain field log, and as a KVM vmcs12 page
(offsets of arch/x86/kvm/vmx/vmcs12.h). Run from the repository root.
"""
import copy

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
    "pin": 0xFF, "cpu": 0xB6A265FA, "secondary": 0x034207EB, "tertiary": 0x10, "entry": 0xD3FF, "exit": 0x2FEFFF,
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
    out.append("CR0: actual=0x%016x, shadow=0x%016x, gh_mask=%016x" % (s["guest.cr0"], s["cr0_shadow"], s["cr0_mask"]))
    out.append("CR4: actual=0x%016x, shadow=0x%016x, gh_mask=%016x" % (s["guest.cr4"], s["cr4_shadow"], s["cr4_mask"]))
    out.append("CR3 = 0x%016x" % s["guest.cr3"])
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
    out.append("VMExit: intr_info=%08x errcode=%08x ilen=%08x" % (0x80000B0E, 0x2, 0))
    out.append("        reason=%08x qualification=%016x" % (0, 0xFFFFC90000A31000))
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

# A vmcs12 page: the EPT-violation state as an L1 hypervisor's VMCS for its L2 guest, at the
# offsets of vmcs12.h (VMCS12_REVISION 0x11e57ed0, launch_state 1).
V12 = {
    "revision": (0, 4, 0x11E57ED0), "launch_state": (8, 4, 1),
    "io_bitmap_a": (40, 8, 0x10C7F1000), "io_bitmap_b": (48, 8, 0x10C7F2000), "msr_bitmap": (56, 8, 0x10C7F3000),
    "tsc_offset": (88, 8, EPT["tsc_offset"]), "virtual_apic_page_addr": (96, 8, EPT["virt_apic"]),
    "apic_access_addr": (104, 8, EPT["apic_access"]), "ept_pointer": (120, 8, EPT["eptp"]),
    "guest_physical_address": (168, 8, EPT["gpa"]), "vmcs_link_pointer": (176, 8, 0xFFFFFFFFFFFFFFFF),
    "guest_ia32_pat": (192, 8, EPT["guest.ia32_pat"]), "guest_ia32_efer": (200, 8, EPT["guest.ia32_efer"]),
    "host_ia32_pat": (256, 8, EPT["host.pat"]), "host_ia32_efer": (264, 8, EPT["host.efer"]),
    "cr0_guest_host_mask": (344, 8, EPT["cr0_mask"]), "cr4_guest_host_mask": (352, 8, EPT["cr4_mask"]),
    "cr0_read_shadow": (360, 8, EPT["cr0_shadow"]), "cr4_read_shadow": (368, 8, EPT["cr4_shadow"]),
    "exit_qualification": (408, 8, EPT["qualification"]), "guest_linear_address": (416, 8, EPT["gla"]),
    "guest_cr0": (424, 8, EPT["guest.cr0"]), "guest_cr3": (432, 8, EPT["guest.cr3"]), "guest_cr4": (440, 8, EPT["guest.cr4"]),
    "guest_fs_base": (480, 8, EPT["seg"]["fs"][3]), "guest_gs_base": (488, 8, EPT["seg"]["gs"][3]),
    "guest_tr_base": (504, 8, EPT["seg"]["tr"][3]), "guest_gdtr_base": (512, 8, EPT["gdtr"][1]),
    "guest_idtr_base": (520, 8, EPT["idtr"][1]), "guest_dr7": (528, 8, EPT["guest.dr7"]),
    "guest_rsp": (536, 8, EPT["guest.rsp"]), "guest_rip": (544, 8, EPT["guest.rip"]), "guest_rflags": (552, 8, EPT["guest.rflags"]),
    "guest_sysenter_esp": (568, 8, EPT["guest.sysenter_esp"]), "guest_sysenter_eip": (576, 8, EPT["guest.sysenter_eip"]),
    "host_cr0": (584, 8, EPT["host.cr0"]), "host_cr3": (592, 8, EPT["host.cr3"]), "host_cr4": (600, 8, EPT["host.cr4"]),
    "host_rsp": (664, 8, EPT["host.rsp"]), "host_rip": (672, 8, EPT["host.rip"]),
    "pin_based_vm_exec_control": (744, 4, EPT["pin"]), "cpu_based_vm_exec_control": (748, 4, EPT["cpu"] & ~0x20000),
    "exception_bitmap": (752, 4, EPT["exception_bitmap"]), "vm_exit_controls": (768, 4, EPT["exit"]),
    "vm_entry_controls": (780, 4, EPT["entry"]), "secondary_vm_exec_control": (804, 4, EPT["secondary"]),
    "vm_exit_reason": (812, 4, EPT["reason"]), "vm_exit_instruction_len": (832, 4, EPT["exit_ilen"]),
    "guest_cs_limit": (844, 4, 0xFFFFFFFF), "guest_ss_limit": (848, 4, 0xFFFFFFFF), "guest_tr_limit": (868, 4, 0x4087),
    "guest_gdtr_limit": (872, 4, 0x7F), "guest_idtr_limit": (876, 4, 0xFFF),
    "guest_cs_ar_bytes": (884, 4, 0xA09B), "guest_ss_ar_bytes": (888, 4, 0xC093), "guest_ds_ar_bytes": (892, 4, 0x1C000),
    "guest_tr_ar_bytes": (908, 4, 0x8B), "guest_sysenter_cs": (920, 4, 0x10),
    "virtual_processor_id": (960, 2, 1), "guest_cs_selector": (966, 2, 0x10), "guest_ss_selector": (968, 2, 0x18),
    "guest_tr_selector": (978, 2, 0x40), "host_cs_selector": (984, 2, 0x10), "host_ss_selector": (986, 2, 0x18),
    "host_tr_selector": (994, 2, 0x40),
}
page = bytearray(4096)
for name, (offset, size, value) in V12.items():
    page[offset:offset + size] = value.to_bytes(size, "little")
open("samples/vmcs12-ept-violation.bin", "wb").write(bytes(page))
