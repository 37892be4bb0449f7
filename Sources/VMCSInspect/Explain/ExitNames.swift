/// The names of exits, for every place that names one in a few words (the shell's listing, the
/// explainer, a trace's counts): the catalog's tables, read one way.
public enum ExitNames {
    /// A full VMX exit reason: its basic reason (bits 15:0), that reason's SDM name, and whether
    /// bit 31 (VM-entry failure) is set (SDM Vol. 3 section 25.9.1, Appendix C).
    public static func vmx(_ reason: UInt64) -> (basic: UInt64, name: String, entryFailure: Bool) {
        let basic = reason & 0xffff
        return (basic, IntelVMCSValues.basicExitReasons[basic] ?? "unknown", reason >> 31 & 1 == 1)
    }

    /// An SVM exit code's APM name without `VMEXIT_` (`NPF`, `INVALID`), 32-bit negative codes
    /// sign-extended (APM Vol. 2 Appendix C).
    public static func svm(_ code: UInt64) -> String {
        AMDVMCBValues.exitCodes[SVMExitCode.normalized(code)] ?? "unknown"
    }

    /// An SVM exit code as the APM names it, `VMEXIT_NPF`; `unknown` for a code it does not list.
    public static func svmManualName(_ code: UInt64) -> String {
        guard let name = AMDVMCBValues.exitCodes[SVMExitCode.normalized(code)] else { return "unknown" }
        return "VMEXIT_" + (name.split(separator: " ").first.map(String.init) ?? name)
    }

    /// The exit of a snapshot in a few words: `exit EPT_VIOLATION (0x30)`; nil without one.
    public static func summary(_ snapshot: Snapshot) -> String? {
        switch snapshot.architecture {
        case .vmx:
            guard let reason = snapshot.integer("exit.reason") else { return nil }
            let exit = vmx(reason)
            return "exit \(exit.name)\(exit.entryFailure ? " (VM-entry failure)" : "") (\(ValueText.hex(reason)))"
        case .svm:
            guard let code = snapshot.integer("control.exit_code") else { return nil }
            return "exit \(svm(code)) (\(ValueText.hex(code)))"
        case .cpu:
            return nil
        }
    }
}
