import ArgumentParser
import CReadline
import VMCSInspect

@main
struct VMCSInspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vmcs-inspect",
        abstract: "Decode Intel VMCS and AMD VMCB state from pages, hex dumps and hypervisor logs.",
        discussion: """
            Reads raw 4 KiB pages, hex dumps of them (xxd, hexdump -C, od, gdb x/gx, crash rd), \
            KVM's dump_vmcs()/dump_vmcb() and Xen's VMCS dumps from logs, and plain field lists, \
            and decodes every field into named bits.

            EXAMPLES:
              vmcs-inspect show samples/vmcb-npf.bin
              dmesg | vmcs-inspect show --field exit_code --field exit_info_1 -
              vmcs-inspect diff kvm.log@0 kvm.log@1
              vmcs-inspect explain vmx --reason 0x80000021
              vmcs-inspect fields cr4

            SHELL COMPLETION:
              vmcs-inspect --generate-completion-script bash > ~/.local/share/bash-completion/completions/vmcs-inspect

            EXIT STATUS:
              0 success; 1 the answer is "no" (diff: the snapshots differ; fields: no match); \
            2 an input could not be read or decoded; 64 wrong arguments.
            """,
        version: Version.text,
        subcommands: [
            ShowCommand.self, DiffCommand.self, ExplainCommand.self, ConsistencyCheckCommand.self, FieldsCommand.self,
            InteractiveShellCommand.self, ScanCommand.self,
        ]
    )

    static func main() {
        Terminal.preparePipes()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            exit(withError: error)
        }
    }
}

enum Version {
    static let number = "0.1.0"
    /// The version line, with the readline the binary links (proof that it does).
    static var text: String {
        let readline = creadline_library_version().map { String(cString: $0) } ?? "unknown"
        return "vmcs-inspect \(number) (GNU readline \(readline))"
    }
}
