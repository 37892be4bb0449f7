#!/usr/bin/env python3
"""Writes the VirtualBox samples: VBox.log excerpts of two Guru Meditations, following the
format strings of VirtualBox's HMR3CheckError() and hmR3Info() (src/VBox/VMM/VMMR3/HM.cpp),
VMMR3FatalDump() (VMMGuruMeditation.cpp) and cpumR3InfoOne() (CPUM.cpp), and the layout of real
VBox.log files (the release logger's "HH:MM:SS.ffffff " before every line). Run from the
repository root.
"""

BORDER = "!" * 70


class Log:
    def __init__(self, start_us):
        self.us = start_us
        self.lines = []

    def add(self, text, step=1):
        self.us += step
        s, us = divmod(self.us, 1_000_000)
        m, s = divmod(s, 60)
        h, m = divmod(m, 60)
        self.lines.append("%02d:%02d:%02d.%06d %s" % (h, m, s, us, text))

    def item(self, name, args="<NULL>"):
        self.add("!!")
        self.add("!! {%s, %s}" % (name, args) if args is not None else "!! {%s}" % name)
        self.add("!!")

    def write(self, path):
        with open(path, "w") as f:
            f.write("\n".join(self.lines) + "\n")


def flags_words(eflags, iopl_twice):
    """The debugger-style flag words cpumR3InfoOne prints after iopl= (%*s, 31 columns)."""
    words = []
    if eflags & (1 << 17):
        words.append("vm")
    if eflags & (1 << 16):
        words.append("rf")
    words += ["ov" if eflags & 0x800 else "nv", "dn" if eflags & 0x400 else "up", "ei" if eflags & 0x200 else "di",
              "ng" if eflags & 0x80 else "pl", "zr" if eflags & 0x40 else "nz", "ac" if eflags & 0x10 else "na",
              "pe" if eflags & 0x4 else "po", "cy" if eflags & 0x1 else "nc"]
    text = " ".join(words)
    if iopl_twice:  # VirtualBox 7's formatter puts iopl= into the words too
        text = "iopl=%d %s" % ((eflags >> 12) & 3, text)
    return "%*s" % (31, text)


def fpu(log):
    log.add("FCW=037f FSW=0000 FTW=0000 FOP=0000 MXCSR=00001f80 MXCSR_MASK=0000ffff", 2)
    log.add("FPUIP=00000000 CS=0000 Rsrvd1=0000  FPUDP=00000000 DS=0000 Rsvrd2=0000")
    for i in range(8):
        log.add("ST(%d)=FPR%d={0000'00000000'00000000} t0 +0.0000000000000000000000 * 2 ^ -16383 (*)" % (i, i), 3)
    zero = "00000000'00000000'00000000'00000000"
    for i in range(0, 16, 2):
        log.add("XMM%d%s=%s  XMM%d%s=%s" % (i, " " if i < 10 else "", zero, i + 1, " " if i + 1 < 10 else "", zero), 4)


def msrs(log, efer, pat, star=0, cstar=0, lstar=0, sfmask=0, kgsbase=0):
    for name, value in [("EFER", efer), ("PAT", pat), ("STAR", star), ("CSTAR", cstar), ("LSTAR", lstar), ("SFMASK", sfmask),
                        ("KERNELGSBASE", kgsbase)]:
        log.add("%-13s=%016x" % (name, value), 1)


def mtrrs(log):
    for name, value in [("MTRR_CAP", 0x510), ("MTRR_DEF_TYPE", 0xC00), ("MTRR_FIX64K_00000", 0x0606060606060606),
                        ("MTRR_FIX16K_80000", 0x0606060606060606), ("MTRR_FIX16K_A0000", 0),
                        ("MTRR_FIX4K_C0000", 0x0505050505050505), ("MTRR_FIX4K_C8000", 0x0505050505050505),
                        ("MTRR_FIX4K_D0000", 0x0505050505050505), ("MTRR_FIX4K_D8000", 0x0505050505050505),
                        ("MTRR_FIX4K_E0000", 0x0505050505050505), ("MTRR_FIX4K_E8000", 0x0505050505050505),
                        ("MTRR_FIX4K_F0000", 0x0505050505050505), ("MTRR_FIX4K_F8000", 0x0505050505050505)]:
        log.add("%-18s=%016x" % (name, value), 1)
    log.add("MTRR_PHYSBASE[ 0] =0000000000000006 First=0000000000000000      0 MB [WB]", 8)
    log.add("MTRR_PHYSMASK[ 0] =0000000fe0000800 Last =000000001fffffff    511 MB [512 MB]", 2)
    for i in range(1, 16):
        log.add("MTRR_PHYSBASE[%2d] =0000000000000000" % i, 1)
        log.add("MTRR_PHYSMASK[%2d] =0000000000000000" % i, 1)


def seg32(name, s, right):
    sel, base, limit, flags = s
    return "%s={%04x base=%016x limit=%08x flags=%08x} %s" % (name, sel, base, limit, flags, right)


# --- VERR_VMX_INVALID_GUEST_STATE, HM error 570 (VMX_IGS_V86_GS_LIMIT_INVALID) ---------------
# A 32-bit Windows XP guest running a DOS program in a virtual-8086 task (NTVDM) on VirtualBox
# 7.1 with VT-x. The task's GS has selector 0x0040 and base 0x400 as virtual-8086 mode requires,
# but a limit of 0x1ffff instead of 0xffff: VM entry fails with exit reason 0x80000021 and
# VirtualBox's checker names rule 570 (SDM Vol. 3 section 27.3.1.2).
v86 = Log(197_485_180)
v86.add("VMMDev: Guest Log: NTVDM: starting C:\\DOS\\EDIT.COM", 0)
v86.add("HM: VERR_VMX_INVALID_GUEST_STATE:", 21)
v86.add("HM: CPU[0] HM error = 0x23a (570)", 2)
v86.add("HM: CPU[0] Guest-intr. state = 0x0", 1)
v86.add("Changing the VM state from 'RUNNING' to 'GURU_MEDITATION'", 166)
v86.add("Console: Machine state changed to 'Stuck'", 21)
v86.add(BORDER, 15)
v86.add("!!")
v86.add("!!         VCPU0: Guru Meditation -4014 (VERR_VMX_INVALID_GUEST_STATE)")
v86.add("!!", 2)
v86.add("!!")
v86.add("!! {mappings, <NULL>}")
v86.add("!!")
v86.item("hma")
v86.item("cpumguest", "verbose")
v86.add("Guest CPUM (VCPU 0) state: ", 4)
seg = (0x1A2B, 0x1A2B0, 0xFFFF, 0xF3)
v86_eflags = 0x00020246
v86.add("eax=00000e41 ebx=00000000 ecx=00000007 edx=0000ffff esi=00000100 edi=00000fb8", 3)
v86.add("eip=00001d3c esp=0000fffe ebp=0000091c iopl=0 %s" % flags_words(v86_eflags, True), 2)
v86.add(seg32("cs", seg, "dr0=00000000 dr1=00000000"), 2)
v86.add(seg32("ds", seg, "dr2=00000000 dr3=00000000"), 2)
v86.add(seg32("es", seg, "dr4=00000000 dr5=00000000"), 2)
v86.add(seg32("fs", (0, 0, 0xFFFF, 0xF3), "dr6=ffff0ff0 dr7=00000400"), 2)
v86.add(seg32("gs", (0x40, 0x400, 0x1FFFF, 0xF3), "cr0=80050031 cr2=00000000"), 2)
v86.add(seg32("ss", seg, "cr3=00185000 cr4=000006d9"), 2)
v86.add("gdtr=0000000080036000:03ff  idtr=0000000080036400:07ff  eflags=%08x" % v86_eflags, 1)
v86.add("ldtr={0000 base=00000000 limit=00000000 flags=00010000}", 2)
v86.add("tr  ={0028 base=80042000 limit=000020ab flags=0000008b}", 1)
v86.add("SysEnter={cs=0008 eip=8053e5c0 esp=f7a57000}", 1)
v86.add("xcr=0000000000000001 xcr1=0000000000000000 xss=0000000000000000 (fXStateMask=0000000000000000)", 10)
fpu(v86)
msrs(v86, 0, 0x0007040600070406)
mtrrs(v86)
v86.item("cpumguesthwvirt", "verbose")
v86.add("VCPU[0] hardware virtualization state:", 3)
v86.add("No/inactive hwvirt state")
v86.add("!!", 2_404)  # the other info items (mode, cpuid, handlers, timers …) are left out
v86.add("!! {hm}")
v86.add("!!")
v86.add("CPU[0]: VT-x info:")
v86.add("  HM error           = 0x23a (570)")
v86.add("  rcLastExitToR3     = VERR_VMX_INVALID_GUEST_STATE")
v86.add("  Guest VMCS active")
v86.add("    Real-on-v86 active = false")
v86.add(BORDER, 1_011)
v86.write("samples/vmcs-entry-failure.vbox.log")

# --- VINF_EM_TRIPLE_FAULT with no word of the vendor ----------------------------------------
# A 64-bit hobby kernel on VirtualBox 6.1 under Hyper-V (the native execution manager, NEM:
# "HM is not enabled for this VM!"): it loaded an IDT with limit 0, then wrote to an unmapped
# page; the #PF cannot be delivered, nor the #GP and #DF that follow, and the processor shuts
# down. Nothing says whether VT-x or AMD-V ran it, so the state stays CPU state.
tf = Log(7_349_410)
tf.add("Changing the VM state from 'RUNNING' to 'GURU_MEDITATION'", 0)
tf.add("Console: Machine state changed to 'Stuck'", 24)
tf.add(BORDER, 7)
tf.add("!!")
tf.add("!!         VCPU0: Guru Meditation 1155 (VINF_EM_TRIPLE_FAULT)")
tf.add("!!", 7)
tf.add("!! Skipping ring-0 registers and stack, rcErr=VINF_EM_TRIPLE_FAULT", 12)
tf.add("!!", 6)
tf.add("!! {mappings, <NULL>}")
tf.add("!!")
tf.item("hma")
tf.item("cpumguest", "verbose")
tf.add("Guest CPUM (VCPU 0) state: ", 4)
tf_eflags = 0x00010086
tf.add("rax=ffffc90000000000 rbx=0000000000102000 rcx=0000000000000200 rdx=0000000000000000", 3)
tf.add("rsi=ffffffff80108a40 rdi=ffffc90000000000 r8 =0000000000000000 r9 =0000000000000000", 3)
tf.add("r10=0000000000000000 r11=0000000000000000 r12=0000000000000000 r13=0000000000000000", 2)
tf.add("r14=0000000000000000 r15=0000000000000000", 2)
tf.add("rip=ffffffff8010231e rsp=ffffffff80118fc8 rbp=ffffffff80118fe0 iopl=0 %s" % flags_words(tf_eflags, False), 1)
for name, s in [("cs", (0x08, 0, 0xFFFFFFFF, 0xA09B)), ("ds", (0x10, 0, 0xFFFFFFFF, 0xC093)), ("es", (0x10, 0, 0xFFFFFFFF, 0xC093)),
                ("fs", (0x10, 0, 0xFFFFFFFF, 0xC093)), ("gs", (0x10, 0, 0xFFFFFFFF, 0xC093)), ("ss", (0x10, 0, 0xFFFFFFFF, 0xC093))]:
    sel, base, limit, flags = s
    tf.add("%s={%04x base=%016x limit=%08x flags=%08x}" % (name, sel, base, limit, flags), 2)
tf.add("cr0=0000000080010011 cr2=ffffc90000000000 cr3=0000000000101000 cr4=00000000000000a0", 1)
tf.add("dr0=0000000000000000 dr1=0000000000000000 dr2=0000000000000000 dr3=0000000000000000", 2)
tf.add("dr4=0000000000000000 dr5=0000000000000000 dr6=00000000ffff0ff0 dr7=0000000000000400", 1)
tf.add("gdtr=ffffffff80110000:0017  idtr=ffffffff80111000:0000  eflags=%08x" % tf_eflags, 2)
tf.add("ldtr={0000 base=00000000 limit=0000ffff flags=00000082}", 3)
tf.add("tr  ={0000 base=00000000 limit=0000ffff flags=0000008b}", 1)
tf.add("SysEnter={cs=0000 eip=0000000000000000 esp=0000000000000000}", 2)
tf.add("xcr=0000000000000001 xcr1=0000000000000000 xss=0000000000000000 (fXStateMask=0000000000000000)", 20)
fpu(tf)
msrs(tf, 0x500, 0x0007040600070406)
tf.item("cpumguesthwvirt", "verbose")
tf.add("VCPU[0] hardware virtualization state:", 3)
tf.add("No/inactive hwvirt state")
tf.add("!!", 3_811)  # the other info items are left out
tf.add("!! {hm}")
tf.add("!!")
tf.add("HM is not enabled for this VM!")
tf.add(BORDER, 902)
tf.write("samples/cpu-triple-fault.vbox.log")
