#!/usr/bin/env python3
"""Writes the KVM trace samples: the exits of the VMCS and VMCB samples' guests as KVM's trace
events print them, through each printer's own format strings. Run from the repository root.

- Event payloads: the TP_printk formats of arch/x86/kvm/trace.h and include/trace/events/kvm.h
  (Linux 4.19 and 6.12), and libtraceevent's plugins/plugin_kvm.c (trace-cmd report).
- Line layouts: trace_print_context() in kernel/trace/trace_output.c (ftrace: "%16s-%-7d" from
  5.9, "%-5d" before; "[%03d] "; 4 or 5 latency flags; " %5lu.%06lu: "), and trace_show_data()
  in trace-cmd's tracecmd/trace-read.c ("%16s-%-5d [%03d]", latency flags by default since
  trace-cmd 3.3, event names padded to 20 columns).
"""

# ---- payloads ----------------------------------------------------------------------------

VMX = {0: "EXCEPTION_NMI", 1: "EXTERNAL_INTERRUPT", 12: "HLT", 30: "IO_INSTRUCTION", 32: "MSR_WRITE",
       33: "INVALID_STATE", 48: "EPT_VIOLATION"}
EXC = {6: "#UD", 13: "#GP", 14: "#PF"}
UEXIT = {2: "KVM_EXIT_IO", 6: "KVM_EXIT_MMIO", 9: "KVM_EXIT_FAIL_ENTRY"}


def vmx_reason(code, masked):
    """kvm_print_exit_reason() since 5.7; before, __print_symbolic() of the whole value."""
    if not masked:
        return VMX.get(code, "0x%x" % code)
    name = VMX.get(code & 0xffff, "0x%x" % (code & 0xffff))
    return name + (" FAILED_VMENTRY" if code & 0x80000000 else "")


def exit_612(vcpu, code, rip, info1=0, info2=0, intr=0, err=0):
    # "vcpu %u reason %s%s%s rip 0x%lx info1 0x%016llx info2 0x%016llx intr_info 0x%08x error_code 0x%08x"
    return ("vcpu %u reason %s rip 0x%x info1 0x%016x info2 0x%016x intr_info 0x%08x error_code 0x%08x"
            % (vcpu, vmx_reason(code, True), rip, info1, info2, intr, err))


def exit_4x(code, rip, info1=0, info2=0):
    # "reason %s rip 0x%lx info %llx %llx"
    return "reason %s rip 0x%x info %x %x" % (vmx_reason(code, False), rip, info1, info2)


def entry_612(vcpu, rip):
    return "vcpu %u, rip 0x%x" % (vcpu, rip)                      # "vcpu %u, rip 0x%lx%s"


def page_fault_612(vcpu, rip, address, error):
    return "vcpu %u rip 0x%x address 0x%016x error_code 0x%x" % (vcpu, rip, address, error)


def page_fault_4x(address, error):
    return "address %x error_code %x" % (address, error & 0xffffffff)


def inj_exception_612(vector, error=None, reinjected=False):   # "%s%s%s%s%s"
    return EXC[vector] + ("" if error is None else " (0x%x)" % error) + (" [reinjected]" if reinjected else "")


def inj_exception_4x(vector, error=0):                          # "%s (0x%x)"
    return "%s (0x%x)" % (EXC[vector], error)


def emulate_insn(csbase, rip, insn, mode, failed=False):       # "%x:%llx:%s (%s)%s"
    return "%x:%x:%s (%s)%s" % (csbase, rip, " ".join("%02x" % b for b in insn), mode, " failed" if failed else "")


def emulate_insn_plugin(csbase, rip, insn):                     # plugin: "%llx:%llx: %s%s"
    return "%x:%x: %s" % (csbase, rip, " ".join("%02x" % b for b in insn))


def pio(write, port, size, count, value):                       # "pio_%s at 0x%x size %d count %d val 0x%x %s"
    return "pio_%s at 0x%x size %d count %d val 0x%x %s" % ("write" if write else "read", port, size, count, value,
                                                            "(...)" if count > 1 else "")


def msr(write, index, data, gp=False):                           # "msr_%s %x = 0x%llx%s"
    return "msr_%s %x = 0x%x%s" % ("write" if write else "read", index, data, " (#GP)" if gp else "")


def mmio(kind, length, gpa, value):                              # "mmio %s len %u gpa 0x%llx val 0x%llx"
    return "mmio %s len %u gpa 0x%x val 0x%x" % (kind, length, gpa, value)


def userspace_exit(reason):                                      # "reason %s (%d)"
    return "reason %s (%d)" % (UEXIT[reason], reason)


# ---- layouts -----------------------------------------------------------------------------

def ftrace(task, pid, cpu, flags, time, event, payload, pid_width):
    secs, usecs = time
    return "%16s-%-*d [%03d] %s %5d.%06d: %s: %s" % (task, pid_width, pid, cpu, flags, secs, usecs, event, payload)


def trace_cmd(task, pid, cpu, flags, time, event, payload):
    secs, usecs = time
    line = "%16s-%-5d [%03d] %s %5d.%06d: %s: " % (task, pid, cpu, flags, secs, usecs, event)
    return line + " " * max(0, 20 - len(event)) + payload


def write(path, lines):
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


# ---- the VMX guest of samples/vmcs-*.kvm-*.log --------------------------------------------

EPT_RIP, EPT_GPA, EPT_QUAL = 0xFFFFFFFF8107A3B5, 0xFEBF1000, 0x181   # vmcs-ept-violation.kvm-6.12.log
IO_RIP, IO_QUAL = 0xFFFFFFFF81A4C2D6, 0x03F80000                     # the I/O exit of vmcs-several.kvm-4.x.log
INTR_RIP, INTR_INFO, IDT_INFO = 0xFFFFFFFF81C01A40, 0x800000EC, 0x80000B0E  # its external interrupt during #PF
MOV_INSN = [0x8B, 0x40, 0x10]                                         # mov 0x10(%rax),%eax: 3 bytes, as VM_EXIT_INSTRUCTION_LEN


def vmx_events(exit_fn, entry_fn, fault_fn, inj_fn, kernel_612):
    V0, V1 = ("CPU 0/KVM", 4187, 3), ("CPU 1/KVM", 4188, 5)
    if not kernel_612:
        V0, V1 = ("qemu-system-x86", 2911, 3), ("qemu-system-x86", 2912, 5)
    wrmsr_rip = 0xFFFFFFFFC0A1B34E
    ud_rip = 0xFFFFFFFF8112D0E2
    hlt_rip = 0xFFFFFFFF81E0F0DE
    ev = [
        (V0, "d....", (1409, 118201), "kvm_entry", entry_fn(0, EPT_RIP - 0x15)),
        (V0, "d....", (1409, 118206), "kvm_exit", exit_fn(0, 48, EPT_RIP, EPT_QUAL)),
        (V0, ".....", (1409, 118208), "kvm_page_fault", fault_fn(0, EPT_RIP, EPT_GPA, EPT_QUAL)),
        (V0, ".....", (1409, 118215), "kvm_emulate_insn", emulate_insn(0, EPT_RIP, MOV_INSN, "prot64")),
        (V0, ".....", (1409, 118216), "kvm_mmio", mmio("unsatisfied-read", 4, EPT_GPA + 0x10, 0)),
        (V0, ".....", (1409, 118219), "kvm_userspace_exit", userspace_exit(6)),
        (V0, ".....", (1409, 118251), "kvm_mmio", mmio("read", 4, EPT_GPA + 0x10, 0x1)),
        (V0, "d....", (1409, 118253), "kvm_entry", entry_fn(0, EPT_RIP + 3)),
        (V1, "d....", (1409, 118302), "kvm_exit", exit_fn(1, 1, INTR_RIP, 0, IDT_INFO, INTR_INFO, 0)),
        (V1, ".....", (1409, 118305), "kvm_inj_exception", inj_fn(14, 2, True)),
        (V1, "d....", (1409, 118306), "kvm_entry", entry_fn(1, INTR_RIP)),
        (V0, "d....", (1409, 118530), "kvm_exit", exit_fn(0, 30, IO_RIP, IO_QUAL)),
        (V0, ".....", (1409, 118533), "kvm_pio", pio(True, 0x3F8, 1, 1, 0x41)),
        (V0, ".....", (1409, 118534), "kvm_userspace_exit", userspace_exit(2)),
        (V0, "d....", (1409, 118561), "kvm_entry", entry_fn(0, IO_RIP + 1)),
        (V0, "d....", (1409, 119200), "kvm_exit", exit_fn(0, 32, wrmsr_rip)),
        (V0, ".....", (1409, 119204), "kvm_msr", msr(True, 0x1B01, 0, gp=True)),
        (V0, ".....", (1409, 119206), "kvm_inj_exception", inj_fn(13, 0, False)),
        (V0, "d....", (1409, 119209), "kvm_entry", entry_fn(0, wrmsr_rip)),
        (V1, "d....", (1409, 119710), "kvm_exit", exit_fn(1, 0, ud_rip, 0, 0, 0x80000306, 0)),
        (V1, ".....", (1409, 119716), "kvm_emulate_insn", emulate_insn(0, ud_rip, [0x0F, 0x0B], "prot64", failed=True)),
        (V1, ".....", (1409, 119717), "kvm_inj_exception", inj_fn(6, None, False)),
        (V1, "d....", (1409, 119719), "kvm_entry", entry_fn(1, ud_rip)),
        (V0, "d....", (1409, 120500), "kvm_exit", exit_fn(0, 12, hlt_rip)),
        (V0, "d....", (1409, 124020), "kvm_entry", entry_fn(0, hlt_rip + 1)),
        (V0, "d....", (1409, 124031), "kvm_exit", exit_fn(0, 0x80000021, EPT_RIP)),
        (V0, ".....", (1409, 124040), "kvm_userspace_exit", userspace_exit(9)),
    ]
    return ev


def vmx_612():
    ev = vmx_events(exit_612, entry_612, page_fault_612, lambda v, e, r: inj_exception_612(v, e, r), True)
    header = [
        "# tracer: nop",
        "#",
        "# entries-in-buffer/entries-written: %d/%d   #P:8" % (len(ev), len(ev)),
        "#",
        "#                                _-----=> irqs-off/BH-disabled",
        "#                               / _----=> need-resched",
        "#                              | / _---=> hardirq/softirq",
        "#                              || / _--=> preempt-depth",
        "#                              ||| / _-=> migrate-disable",
        "#                              |||| /     delay",
        "#           TASK-PID     CPU#  |||||  TIMESTAMP  FUNCTION",
        "#              | |         |   |||||     |         |",
    ]
    write("samples/vmx-exits.ftrace.txt", header + [ftrace(t, p, c, f, ts, e, pl, 7) for (t, p, c), f, ts, e, pl in ev])


def vmx_4x():
    # Linux 4.19: kvm_exit has no vcpu and info2 is VM_EXIT_INTR_INFO (vmx_get_exit_info()),
    # kvm_entry prints only the vcpu, kvm_inj_exception always prints an error code, a failed
    # entry's reason is the whole 0x80000021, flags are 4 characters, pids 5 wide.
    def exit_fn(vcpu, code, rip, info1=0, info2=0, intr=0, err=0):
        return exit_4x(code, rip, info1, intr)

    def entry_fn(vcpu, rip):
        return "vcpu %u" % vcpu

    def fault_fn(vcpu, rip, address, error):
        return page_fault_4x(address, error)

    def inj_fn(vector, error, reinjected):
        return inj_exception_4x(vector, error or 0)

    ev = vmx_events(exit_fn, entry_fn, fault_fn, inj_fn, False)
    ev = [(who, flags[:4], ts, e, pl) for who, flags, ts, e, pl in ev]
    header = [
        "# tracer: nop",
        "#",
        "# entries-in-buffer/entries-written: %d/%d   #P:8" % (len(ev), len(ev)),
        "#",
        "#                              _-----=> irqs-off",
        "#                             / _----=> need-resched",
        "#                            | / _---=> hardirq/softirq",
        "#                            || / _--=> preempt-depth",
        "#                            ||| /     delay",
        "#           TASK-PID   CPU#  ||||    TIMESTAMP  FUNCTION",
        "#              | |       |   ||||       |         |",
    ]
    write("samples/vmx-exits.kvm-4.x.trace", header + [ftrace(t, p, c, f, ts, e, pl, 5) for (t, p, c), f, ts, e, pl in ev])


# ---- the SVM guest of samples/vmcb-*.kvm.log ------------------------------------------------

NPF_RIP, NPF_INFO1, NPF_INFO2 = 0xFFFFFFFF8107A3B5, 0x100000006, 0xFED00000   # vmcb-npf.kvm.log
NPF_INSN = [0x89, 0x90, 0xF0, 0x00, 0x00, 0x00]                                 # its first instruction bytes
IOIO_RIP, IOIO_INFO1, IOIO_NRIP = 0xFFFFFFFF81A4C2D6, 0x03F80210, 0xFFFFFFFF81A4C2D7  # vmcb-ioio.kvm.log
PLUGIN_SVM = {0x400: "EXIT_NPF", 0x7B: "EXIT_IOIO", 0x7C: "EXIT_MSR", 0x60: "EXIT_INTR", 0x81: "EXIT_VMMCALL",
              0x80: "EXIT_VMRUN", 0xFFFFFFFF: "EXIT_ERR"}


def svm_trace_cmd():
    # Linux 6.12, trace-cmd 3.3 (latency flags by default) with libtraceevent 1.8 and its
    # plugin_kvm: kvm_exit as "reason %s rip 0x%lx info %llx %llx" with EXIT_ names, kvm_entry
    # as " vcpu %u rip 0x%llx", kvm_nested_vmexit failing with "<CANT FIND FIELD rip>" before
    # the kernel's text, kvm_nested_vmexit_inject as "reason %s info1 %llx …".
    C0, C1 = ("CPU 0/KVM", 5120, 1), ("CPU 1/KVM", 5121, 3)

    def kexit(code, rip, info1=0, info2=0):
        return "reason %s rip 0x%x info %x %x" % (PLUGIN_SVM[code], rip, info1, info2)

    def entry(vcpu, rip):
        return " vcpu %u rip 0x%x" % (vcpu, rip)

    l1_rip, vmcb12, l2_rip, ncr3 = 0xFFFFFFFFC0B3E2F1, 0x104A3C000, 0x401000, 0x7F3C000
    tsc_rip = 0xFFFFFFFF8107A2D4
    ev = [
        (C0, "d....", (8812, 402090), "kvm_entry", entry(0, NPF_RIP - 0x25)),
        (C0, "d....", (8812, 402101), "kvm_exit", kexit(0x400, NPF_RIP, NPF_INFO1, NPF_INFO2)),
        (C0, ".....", (8812, 402104), "kvm_page_fault", page_fault_612(0, NPF_RIP, NPF_INFO2, NPF_INFO1)),
        (C0, ".....", (8812, 402110), "kvm_emulate_insn", emulate_insn_plugin(0, NPF_RIP, NPF_INSN)),
        (C0, ".....", (8812, 402111), "kvm_mmio", mmio("write", 4, NPF_INFO2, 0x3)),
        (C0, ".....", (8812, 402113), "kvm_userspace_exit", userspace_exit(6)),
        (C0, "d....", (8812, 402140), "kvm_entry", entry(0, NPF_RIP + 6)),
        (C0, "d....", (8812, 402530), "kvm_exit", kexit(0x7B, IOIO_RIP, IOIO_INFO1, IOIO_NRIP)),
        (C0, ".....", (8812, 402533), "kvm_pio", pio(True, 0x3F8, 1, 1, 0x41)),
        (C0, ".....", (8812, 402534), "kvm_userspace_exit", userspace_exit(2)),
        (C0, "d....", (8812, 402561), "kvm_entry", entry(0, IOIO_NRIP)),
        (C0, "d....", (8812, 403010), "kvm_exit", kexit(0x7C, tsc_rip, 1, 0)),
        (C0, "d....", (8812, 403011), "kvm_msr", msr(True, 0x6E0, 0x3AD1F0C2A8D4)),
        (C0, "d....", (8812, 403014), "kvm_entry", entry(0, tsc_rip + 2)),
        (C1, "d....", (8812, 404100), "kvm_exit", kexit(0x80, l1_rip)),
        (C1, ".....", (8812, 404104), "kvm_nested_vmenter",
         "rip: 0x%016x vmcb: 0x%016x nested_rip: 0x%016x int_ctl: 0x%08x event_inj: 0x%08x nested_npt=y nested_cr3: 0x%016x"
         % (l1_rip, vmcb12, l2_rip, 0x01000000, 0, ncr3)),
        (C1, ".....", (8812, 404105), "kvm_nested_intercepts",
         "cr_read: %04x cr_write: %04x excp: %08x intercepts: %08x %08x %08x" % (0x0000, 0x0010, 0x00060042, 0x8A1F81FF, 0x00003FFF, 0)),
        (C1, "d....", (8812, 404109), "kvm_entry", entry(1, l2_rip)),
        (C1, "d....", (8812, 404120), "kvm_exit", kexit(0x400, l2_rip + 5, 0x100000006, 0x7FFF000)),
        (C1, ".....", (8812, 404121), "kvm_nested_vmexit",
         "<CANT FIND FIELD rip>vcpu 1 reason npf rip 0x%x info1 0x%016x info2 0x%016x intr_info 0x%08x error_code 0x%08x"
         % (l2_rip + 5, 0x100000006, 0x7FFF000, 0, 0)),
        (C1, ".....", (8812, 404123), "kvm_nested_vmexit_inject",
         "reason EXIT_NPF info1 %x info2 %x int_info %x int_info_err %x" % (0x100000006, 0x7FFF000, 0, 0)),
        (C1, "d....", (8812, 404127), "kvm_entry", entry(1, l1_rip + 3)),
        (C0, "d....", (8812, 406002), "kvm_exit", kexit(0x60, 0xFFFFFFFF81E0F1AB)),
        (C0, "d....", (8812, 406004), "kvm_entry", entry(0, 0xFFFFFFFF81E0F1AB)),
        (C0, "d....", (8812, 406300), "kvm_exit", kexit(0x81, 0xFFFFFFFF8106C9A8)),
        (C0, ".....", (8812, 406302), "kvm_hypercall", "nr 0x%x a0 0x%x a1 0x%x a2 0x%x a3 0x%x" % (5, 0, 1, 0, 0)),
        (C0, "d....", (8812, 406305), "kvm_entry", entry(0, 0xFFFFFFFF8106C9AB)),
        # vmcb-vmrun-failure.kvm.log: VMRUN refuses the state (EXITCODE -1, 32 bits in the event).
        (C0, "d....", (8812, 407410), "kvm_entry", entry(0, IOIO_RIP)),
        (C0, "d....", (8812, 407412), "kvm_exit", kexit(0xFFFFFFFF, IOIO_RIP)),
        (C0, ".....", (8812, 407420), "kvm_userspace_exit", userspace_exit(9)),
    ]
    write("samples/svm-exits.trace-cmd.txt", ["cpus=4"] + [trace_cmd(t, p, c, f, ts, e, pl) for (t, p, c), f, ts, e, pl in ev])


if __name__ == "__main__":
    vmx_612()
    vmx_4x()
    svm_trace_cmd()
