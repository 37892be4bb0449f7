import ArgumentParser
import CReadline
import VMCSInspect

@main
struct VMCSInspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vmcs-inspect",
        abstract: "Decode Intel VMCS and AMD VMCB state from pages, hex dumps and hypervisor logs.",
        discussion: """
            Reads raw 4 KiB pages, hex dumps of them (xxd, hexdump -C, od, gdb x/gx, crash rd) and \
            KVM's dump_vmcb() kernel-log output, and decodes every field into named bits.

            EXAMPLES:
              vmcs-inspect show samples/vmcb-npf.bin
              dmesg | vmcs-inspect show --field exit_code --field exit_info_1 -
              vmcs-inspect show --json --index 1 kvm.log

            EXIT STATUS:
              0 success; 2 an input could not be read or decoded; 64 wrong arguments.
            """,
        version: Version.text,
        subcommands: [ShowCommand.self]
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
