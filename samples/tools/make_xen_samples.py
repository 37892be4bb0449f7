#!/usr/bin/env python3
"""Writes the Xen failure and VMCB samples, following the format strings of Xen 4.19+:
svm_vmcb_dump() and the 'v' debug key's vmcb_dump() (xen/arch/x86/hvm/svm/svmdebug.c, vmcb.c),
vmx_failed_vmentry() (xen/arch/x86/hvm/vmx/vmx.c) and vmcs_dump_vcpu() (vmcs.c). Run from the
repository root after make_vmcb_samples.py (the VMCB sample prints samples/vmcb-npf.bin).
"""
import struct


def write(path, lines):
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


def hx(value):
    """C's %#x: 0x and hex digits, but a bare 0 for zero (Python's %#x writes 0x0)."""
    return "%#x" % value if value else "0"


# --- the VMCB of samples/vmcb-npf.bin, as the 'v' debug key prints it ------------------------
page = open("samples/vmcb-npf.bin", "rb").read()


def u(offset, size):
    return int.from_bytes(page[offset:offset + size], "little")


def sel(name, offset):
    # svm_dump_sel(): "%s: %04x %04x %08x %016"PRIx64"\n", name padded to four columns.
    return "%4s: %04x %04x %08x %016x" % (name, u(offset, 2), u(offset + 2, 2), u(offset + 4, 4), u(offset + 8, 8))


virt_ext = u(0x0B8, 8)
event_inj = u(0x0A8, 8)
np_ctrl = u(0x090, 8)
np_words = "".join(w for bit, w in [(0, " NP"), (1, " SEV"), (2, " SEV_ES")] if np_ctrl >> bit & 1)
vmcb = [
    "Dumping guest's current state at key_handler...",
    "Size of VMCB = 4096, paddr = %016x, vaddr = %016x" % (0x000000083A9F2000, 0xFFFF83083A9F2000),
    "cr_intercepts = %s dr_intercepts = %s exception_intercepts = %s" % (hx(u(0x000, 4)), hx(u(0x004, 4)), hx(u(0x008, 4))),
    "general1_intercepts = %s general2_intercepts = %s" % (hx(u(0x00C, 4)), hx(u(0x010, 4))),
    "iopm_base_pa = %s msrpm_base_pa = %s tsc_offset = %s" % (hx(u(0x040, 8)), hx(u(0x048, 8)), hx(u(0x050, 8))),
    "tlb_control = %s vintr = %s int_stat = %s" % (hx(u(0x05C, 1)), hx(u(0x060, 8)), hx(u(0x068, 8))),
    "event_inj %016x, valid? %d, ec? %d, type %u, vector %s"
    % (event_inj, event_inj >> 31 & 1, event_inj >> 11 & 1, event_inj >> 8 & 7, hx(event_inj & 0xFF)),
    "exitcode = %s exit_int_info = %s" % (hx(u(0x070, 8)), hx(u(0x088, 8))),
    "exitinfo1 = %s exitinfo2 = %s" % (hx(u(0x078, 8)), hx(u(0x080, 8))),
    "asid = %s np_ctrl = %s:%s" % (hx(u(0x058, 4)), hx(np_ctrl), np_words),
    "virtual vmload/vmsave = %d, virt_ext = %s" % (virt_ext >> 1 & 1, hx(virt_ext)),
    "cpl = %d efer = %s star = %s lstar = %s" % (u(0x4CB, 1), hx(u(0x4D0, 8)), hx(u(0x600, 8)), hx(u(0x608, 8))),
    "CR0 = 0x%016x CR2 = 0x%016x" % (u(0x558, 8), u(0x640, 8)),
    "CR3 = 0x%016x CR4 = 0x%016x" % (u(0x550, 8), u(0x548, 8)),
    "RSP = 0x%016x  RIP = 0x%016x" % (u(0x5D8, 8), u(0x578, 8)),
    "RAX = 0x%016x  RFLAGS=0x%016x" % (u(0x5F8, 8), u(0x570, 8)),
    "DR6 = 0x%016x, DR7 = 0x%016x" % (u(0x568, 8), u(0x560, 8)),
    "CSTAR = 0x%016x SFMask = 0x%016x" % (u(0x610, 8), u(0x618, 8)),
    "KernGSBase = 0x%016x PAT = 0x%016x" % (u(0x620, 8), u(0x668, 8)),
    "SSP = 0x%016x S_CET = 0x%016x ISST = 0x%016x" % (u(0x5E8, 8), u(0x5E0, 8), u(0x5F0, 8)),
    "H_CR3 = 0x%016x CleanBits = %s" % (u(0x0B0, 8), hx(u(0x0C0, 4))),
    "       sel attr  limit   base",
] + [sel(name, offset) for name, offset in [("CS", 0x410), ("DS", 0x430), ("SS", 0x420), ("ES", 0x400), ("FS", 0x440), ("GS", 0x450),
                                            ("GDTR", 0x460), ("LDTR", 0x470), ("IDTR", 0x480), ("TR", 0x490)]]
key = ["*********** VMCB Areas **************", "", ">>> Domain 5 <<<", "\tVCPU 0"] + vmcb + ["**************************************"]
stamp = "[2026-03-14 10:22:31.417]"
write("samples/vmcb-npf.xen-svm.log", ["(XEN) %s %s" % (stamp, l) if l else "(XEN) %s" % stamp for l in key])

# --- a VM entry that fails loading an MSR (exit reason 0x80000022) ---------------------------
# The 64-bit Linux guest of the VMCS samples turned on LBR (DebugCtl = 1), so Xen put the LBR
# MSRs in the VM-entry MSR-load list. With TSX off, the saved LBR_FROM value lost its sign
# extension (bits 63:61): entry 1 of the list (qualification 2, 1-based), MSR 0x681 with the
# non-canonical 0x1fffffff8107a3a0, fails to load (SDM Vol. 3 section 27.4).
guest = [
    "*** Guest State ***",
    "CR0: actual=0x%016x, shadow=0x%016x, gh_mask=%016x" % (0x80050033, 0x80050033, 0xFFFFFFFFFFFFFFF7),
    "CR4: actual=0x%016x, shadow=0x%016x, gh_mask=%016x" % (0x3726F0, 0x3706F0, 0xFFFFFFFFFFFEF871),
    "CR3 = 0x%016x" % 0x10A6B2000,
    "RSP = 0x%016x (0x%016x)  RIP = 0x%016x (0x%016x)" % ((0xFFFFC90000013E48,) * 2 + (0xFFFFFFFF8107A3B5,) * 2),
    "RFLAGS=0x%08x (0x%08x)  DR7 = 0x%016x" % (0x246, 0x246, 0x400),
    "Sysenter RSP=%016x CS:RIP=%04x:%016x" % (0xFFFFFE0000003000, 0x10, 0xFFFFFFFF820016F0),
    "       sel  attr  limit   base",
    "  CS: 0010 0a09b ffffffff 0000000000000000",
    "  DS: 0000 1c000 ffffffff 0000000000000000",
    "  SS: 0018 0c093 ffffffff 0000000000000000",
    "  ES: 0000 1c000 ffffffff 0000000000000000",
    "  FS: 0000 1c000 ffffffff 00007f4b3c9ff740",
    "  GS: 0000 1c000 ffffffff ffff88813bc00000",
    "GDTR:            0000007f fffffe0000001000",
    "LDTR: 0000 10082 0000ffff 0000000000000000",
    "IDTR:            00000fff fffffe0000000000",
    "  TR: 0040 0008b 00004087 fffffe0000003000",
    "EFER(VMCS) = 0x%016x  PAT = 0x%016x" % (0xD01, 0x0007040600070406),
    "PreemptionTimer = 0x00000000  SM Base = 0x00000000",
    "DebugCtl = 0x%016x  DebugExceptions = 0x%016x" % (1, 0),
    "Interruptibility = 00000000  ActivityState = 00000000",
    "InterruptStatus = 0000",
    "*** Host State ***",
    "RIP = 0xffff82d0402a6d60 (vmx_asm_vmexit_handler)  RSP = 0xffff83043fc6ff70",
    "CS=e008 SS=0000 DS=0000 ES=0000 FS=0000 GS=0000 TR=e040",
    "FSBase=0000000000000000 GSBase=0000000000000000 TRBase=ffff83043fc74c80",
    "GDTBase=ffff83043fc63000 IDTBase=ffff83043fc70000",
    "CR0=0000000080050033 CR3=000000082f6f7000 CR4=00000000003526e0",
    "Sysenter RSP=ffff83043fc6ffa0 CS:RIP=e008:ffff82d040385430",
    "EFER = 0x0000000000000d01  PAT = 0x0000050100070406",
    "*** Control State ***",
    "PinBased=%08x CPUBased=%08x" % (0x3F, 0xB5A06DFA),
    "SecondaryExec=%08x TertiaryExec=%016x" % (0x001014EB, 0),
    "EntryControls=%08x ExitControls=%08x" % (0xD3FF, 0x2FEFFF),
    "ExceptionBitmap=%08x PFECmask=%08x PFECmatch=%08x" % (0x60042, 0, 0),
    "VMEntry: intr_info=%08x errcode=%08x ilen=%08x" % (0, 0, 0),
    "VMExit: intr_info=%08x errcode=%08x ilen=%08x" % (0, 0, 0),
    "        reason=%08x qualification=%016x" % (0x80000022, 2),
    "IDTVectoring: info=%08x errcode=%08x" % (0, 0),
    "TSC Offset = 0x%016x  TSC Multiplier = 0x%016x" % (0xFFFFFD91C3A4B1E2, 0),
    "TPR Threshold = 0x%02x  PostedIntrVec = 0x%02x" % (0, 0xF4),
    "EPT pointer = 0x%016x  EPTP index = 0x%04x" % (0x82F6F101E, 0),
    "PLE Gap=%08x Window=%08x" % (0x80, 0x1000),
    "Virtual processor ID = 0x%04x VMfunc controls = %016x" % (3, 0),
]
failure = [
    "d3v0 vmentry failure (reason 0x80000022): MSR loading (entry 1)",
    "  msr 00000681 val 1fffffff8107a3a0 (mbz 0)",
    "************* VMCS Area **************",
] + guest + [
    "**************************************",
    "domain_crash called from arch/x86/hvm/vmx/vmx.c:4081",
    "Domain 3 (vcpu#0) crashed on cpu#2:",
]
write("samples/vmcs-msr-load-failure.xen.log", ["(XEN) " + l for l in failure])
